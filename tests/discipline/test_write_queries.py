"""What one checked write costs in queries, pinned (issue 11).

A referral save and a suspension record load everything the rules judge in
three queries under the student's row lock (``facts.facts_for_write``) and
write each row once: the counts below hold whatever the student's history
and whatever the number of administrators told, so a query added per
record, per rule or per recipient fails here. The single-student facts are
the bulk path's facts (one home for what a fact is).
"""

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from discipline import services
from discipline.facts import student_facts, student_facts_bulk
from discipline.models import Location, Referral
from people.models import Disability, Role, SchoolYear
from tests.conftest import INCIDENT_DAY, PARENT_CONTACT, codes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Statements of one write, savepoints included (the benchmark's writes run
# inside an outer transaction, as these tests do):
#   referral: scope check, savepoint, student row FOR UPDATE, incident insert,
#     school years, the facts' UNION ALL, referral insert, reasons insert,
#     history insert, history reasons insert, administrators, their
#     preferences, notifications insert, release
#   suspension: the actor's schools, scope check, savepoint, student row FOR
#     UPDATE, school years, the facts' UNION ALL, suspension insert, history
#     insert, referring teacher, preferences, notification insert, family
#     notice insert, release
REFERRAL_QUERIES = 14
SUSPENSION_QUERIES = 13


def _queries(call):
    with CaptureQueriesContext(connection) as captured:
        call()
    return [q["sql"] for q in captured.captured_queries]


def _history(student, make_referral, suspend, give_alternatives, admin, *, referrals):
    """A student with a year of records of every kind the facts read."""
    give_alternatives(student, on=datetime.date(2026, 9, 1), tier2=2, tier3=2)
    made = []
    for n in range(referrals):
        day = datetime.date(2026, 9, 14) + datetime.timedelta(days=7 * n)
        referral = make_referral(student, "3.1a", "1.1", day=day)
        suspend(referral, days=1)
        made.append(referral)
    first = made[0]
    services.expulsion_recommendation_record(
        actor=admin, referral=first, recommended_on=first.incident_date
    )
    services.safety_finding_record(
        actor=admin, referral=first, found_on=first.incident_date, justification="y" * 30
    )
    services.placement_decision_record(
        actor=admin, referral=first, decided_on=first.incident_date, change_of_placement=False
    )
    services.transfer_record(
        actor=admin, referral=first, kind="opportunity", effective_date=first.incident_date
    )
    return made


def _refer(teacher, school, student):
    location, reasons = Location.objects.first(), codes("3.1a")
    return lambda: services.referral_create(
        actor=teacher,
        student=student,
        school=school,
        incident_date=INCIDENT_DAY,
        location=location,
        reasons=reasons,
        description="Pinned.",
    )


def _suspend(admin, referral):
    actor = type(admin).objects.get(pk=admin.pk)  # as a request has it: schools not read yet
    return lambda: services.suspension_record(
        actor=actor,
        referral=referral,
        kind="teacher",
        start_date=referral.incident_date,
        school_days=1,
        **PARENT_CONTACT,
    )


def test_a_referral_save_costs_a_fixed_number_of_queries(
    teacher, admin, school, make_student, make_referral, suspend, give_alternatives
):
    quiet, busy = make_student(), make_student(disability=Disability.IEP)
    _history(busy, make_referral, suspend, give_alternatives, admin, referrals=3)
    # More administrators to tell: still one insert for all of them.
    UserFactory(role=Role.ADMINISTRATOR, schools=[school])
    UserFactory(role=Role.ADMINISTRATOR, schools=[school])

    first = _queries(_refer(teacher, school, quiet))
    second = _queries(_refer(teacher, school, busy))

    assert len(first) == REFERRAL_QUERIES, "\n".join(first)
    assert len(second) == REFERRAL_QUERIES, "\n".join(second)
    referral = Referral.objects.filter(student=busy).order_by("-pk").first()
    assert [r.code for r in referral.reasons.all()] == ["3.1a"]
    # One history record of the new referral, holding its reasons.
    [created] = referral.history.all()
    assert created.history_type == "+"
    assert created.history_user == teacher
    assert [r.reasoncode.code for r in created.reasons.all()] == ["3.1a"]


def test_a_suspension_record_costs_a_fixed_number_of_queries(
    teacher, admin, make_student, make_referral, suspend, give_alternatives
):
    quiet, busy = make_student(), make_student(disability=Disability.IEP)
    give_alternatives(quiet, on=datetime.date(2026, 9, 1))
    _history(busy, make_referral, suspend, give_alternatives, admin, referrals=3)
    target_quiet = Referral.objects.get(pk=make_referral(quiet, "3.1a").pk)
    target_busy = Referral.objects.get(pk=make_referral(busy, "3.1a").pk)

    first = _queries(_suspend(admin, target_quiet))
    second = _queries(_suspend(admin, target_busy))

    assert len(first) == SUSPENSION_QUERIES, "\n".join(first)
    assert len(second) == SUSPENSION_QUERIES, "\n".join(second)
    assert target_busy.suspensions.get(kind="teacher").school_days == 1


def test_a_refused_write_is_judged_in_the_same_queries(admin, make_student, make_referral):
    """ALT refuses (no alternatives on record): judged from the same facts,
    nothing written."""
    student = make_student()
    referral = Referral.objects.get(pk=make_referral(student, "3.1a").pk)
    call = _suspend(admin, referral)

    def refused():
        with pytest.raises(Exception, match=r"\[ALT\]"):
            call()

    queries = _queries(refused)
    assert not any(q.startswith("INSERT") for q in queries)
    assert len(queries) <= SUSPENSION_QUERIES


def _normalized(facts):
    """Facts with every tuple in one order (the two paths may list ties apart)."""
    values = dict(vars(facts))
    for name in (
        "enrollments",
        "suspensions",
        "opportunity_transfers",
        "interventions",
        "expulsions",
    ):
        values[name] = sorted(values[name], key=repr)
    values["referrals"] = {
        pk: {**vars(r), "suspensions": sorted(r.suspensions, key=repr)}
        for pk, r in facts.referrals.items()
    }
    return values


def test_one_students_facts_are_the_bulk_paths_facts(
    admin, make_student, make_referral, suspend, give_alternatives, other_school
):
    student = make_student(disability=Disability.IEP)
    made = _history(student, make_referral, suspend, give_alternatives, admin, referrals=2)
    services.record_void(actor=admin, record=made[1].suspensions.get(), reason="Entered twice.")
    services.expulsion_record(
        actor=admin,
        recommendation=made[0].expulsionrecommendations.get(),
        ordered_on=datetime.date(2026, 11, 2),
        starts_on=datetime.date(2026, 11, 3),
        ends_on=datetime.date(2027, 1, 29),
    )
    year = SchoolYear.containing(INCIDENT_DAY)
    for kwargs in ({}, {"referral_ids": [made[0].pk]}):
        single = student_facts(student.pk, year, lock=False, **kwargs)
        bulk = student_facts_bulk([student.pk], year, **kwargs)[student.pk]
        assert _normalized(single) == _normalized(bulk)
        assert single.referrals[made[0].pk].recommendations == 1
        assert single.referrals[made[0].pk].safety_findings == 1
        assert single.opportunity_transfers == (made[0].incident_date,)
        assert len(single.suspensions) == 1  # the voided one counts for nothing
        assert [e.starts_on for e in single.expulsions] == [datetime.date(2026, 11, 3)]
        assert single.calendar == bulk.calendar and single.calendar.closed
    assert _normalized(student_facts(student.pk, None, lock=False)) == _normalized(
        student_facts_bulk([student.pk], None)[student.pk]
    )


def test_the_check_constraints_are_judged_on_the_values_without_a_query(
    admin, make_student, make_referral, give_alternatives
):
    """What ``full_clean`` asked the database (one query and a savepoint per
    constraint) is evaluated on the record's values, with SQL's NULL: the
    same refusals, with the constraints' codes and messages."""
    from django.core.exceptions import ValidationError

    from discipline.models import PlacementDecision, Suspension
    from discipline.services import _check, _full_clean

    student = make_student()
    referral = Referral.objects.select_related("student", "school").get(
        pk=make_referral(student, "3.1a").pk
    )
    too_long = Suspension(
        referral=referral,
        student=referral.student,
        school=referral.school,
        decided_by=admin,
        kind="teacher",
        start_date=INCIDENT_DAY,
        end_date=INCIDENT_DAY + datetime.timedelta(days=4),
        school_days=3,
        school_year=SchoolYear.containing(INCIDENT_DAY),
    )
    with CaptureQueriesContext(connection) as captured:
        with pytest.raises(ValidationError) as refused:
            _full_clean(too_long)
    assert [e.code for e in refused.value.error_dict["__all__"]] == ["TEACHER"]
    assert captured.captured_queries == []

    # A lookup the evaluator does not know is asked of the database.
    assert _check(Q(kind__in=["teacher", "in_school"]), too_long) is True
    assert _check(Q(kind__in=["in_school"]), too_long) is False

    decision = PlacementDecision(
        referral=referral, decided_on=INCIDENT_DAY, change_of_placement=True
    )
    [review_constraint] = PlacementDecision._meta.constraints
    assert _check(review_constraint.condition, decision) is True  # no review yet: NULL passes
    decision.review_held_on = INCIDENT_DAY - datetime.timedelta(days=1)
    assert _check(review_constraint.condition, decision) is False
    decision.review_held_on = INCIDENT_DAY
    assert _check(review_constraint.condition, decision) is True
