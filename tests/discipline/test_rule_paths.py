"""Every rule holds on every write path: the service, the Django admin and the
import command (the browser forms are covered in test_views). For each rule a
scenario prepares the records, then the same write is attempted through each
path: the forbidden write is refused with the rule's id and nothing is saved;
the allowed write saves."""

import csv
import datetime
from dataclasses import dataclass, field

import pytest
from django.core.management import CommandError, call_command

from discipline import rules, services
from discipline.models import (
    ExpulsionRecommendation,
    Location,
    Referral,
    ReferralStatus,
    Suspension,
)
from people.guard import service_write
from people.models import Disability, Enrollment, Role, SchoolYear
from tests.conftest import INCIDENT_DAY, PARENT_CONTACT, codes
from tests.factories import EnrollmentFactory, SchoolFactory, StudentFactory, UserFactory

pytestmark = pytest.mark.django_db


@dataclass
class Write:
    record: str
    actor: object
    fields: dict = field(default_factory=dict)

    def count(self):
        return {
            "suspension": Suspension.objects.count,
            "referral": Referral.objects.count,
            "expulsion_recommendation": ExpulsionRecommendation.objects.count,
            "close": Referral.objects.filter(status=ReferralStatus.CLOSED).count,
            "enrollment": Enrollment.objects.count,
        }[self.record]()


class World:
    """The fixtures a scenario may use."""

    def __init__(self, request):
        for name in (
            "school", "other_school", "admin", "teacher", "student", "make_student",
            "make_referral", "give_alternatives", "suspend",
        ):  # fmt: skip
            setattr(self, name, request.getfixturevalue(name))

    def suspension(self, referral, *, days=1, start=None, kind="out_of_school", actor=None,
                   contact=True):  # fmt: skip
        return Write(
            "suspension",
            actor or self.admin,
            {
                "referral": referral,
                "kind": kind,
                "start_date": start or referral.incident_date,
                "school_days": days,
                "contact": contact,
            },
        )

    def year_of_suspensions(self, student, total):
        self.give_alternatives(student, on=datetime.date(2026, 9, 1))
        day = datetime.date(2026, 9, 14)
        while total > 0:
            days = min(5, total)
            self.suspend(self.make_referral(student, "3.1a", day=day), days=days)
            total -= days
            day += datetime.timedelta(days=7)
        return day


# Each scenario: (rule id, forbidden write, allowed write), built in a World.


def wd(w, allowed):
    if allowed:
        w.give_alternatives(w.student)
        return w.suspension(w.make_referral(w.student, "WD", "3.1a"))
    return w.suspension(w.make_referral(w.student, "WD"))


def alt(w, allowed):
    if allowed:
        w.give_alternatives(w.student)
    return w.suspension(w.make_referral(w.student, "3.1a"))


def days5(w, allowed):
    w.give_alternatives(w.student)
    return w.suspension(w.make_referral(w.student, "3.1a"), days=5 if allowed else 6)


def days20(w, allowed):
    day = w.year_of_suspensions(w.student, 15 if allowed else 20)
    return w.suspension(w.make_referral(w.student, "3.1a", day=day), days=5)


def teacher(w, allowed):
    w.give_alternatives(w.student)
    referral = w.make_referral(w.student, "3.7")
    return w.suspension(referral, kind="teacher", actor=w.teacher, days=2 if allowed else 3)


def admin39(w, allowed):
    w.give_alternatives(w.student)
    referral = w.make_referral(w.student, "3.9")
    if allowed:
        return w.suspension(referral, kind="in_school")
    return w.suspension(referral, kind="teacher", actor=w.teacher)


def mdr(w, allowed):
    student = w.make_student(disability=Disability.IEP)
    day = w.year_of_suspensions(student, 10)
    referral = w.make_referral(student, "3.1a", day=day)
    if allowed:
        services.placement_decision_record(
            actor=w.admin, referral=referral, decided_on=day, change_of_placement=False
        )
    return w.suspension(referral)


def notice(w, allowed):
    w.give_alternatives(w.student)
    return w.suspension(w.make_referral(w.student, "3.1a"), contact=allowed)


def dates(w, allowed):
    w.give_alternatives(w.student, on=datetime.date(2026, 9, 1))
    start = INCIDENT_DAY if allowed else datetime.date(2026, 10, 2)
    return w.suspension(w.make_referral(w.student, "3.1a"), start=start)


def grade(w, allowed):
    student = w.make_student(grade=4 if allowed else 3)
    return Write("referral", w.teacher, {"student": student, "codes": ["3.13"]})


def noexp(w, allowed):
    referral = w.make_referral(w.student, "3.1a" if allowed else "3.22")
    return Write("expulsion_recommendation", w.admin, {"referral": referral})


def cat1(w, allowed):
    referral = w.make_referral(w.student, "1.1")
    if allowed:
        services.expulsion_recommendation_record(
            actor=w.admin, referral=referral, recommended_on=INCIDENT_DAY
        )
    return Write("close", w.admin, {"referral": referral})


def cat2(w, allowed):
    referral = w.make_referral(w.student, "2.2")
    if allowed:
        services.expulsion_finding_record(
            actor=w.admin,
            referral=referral,
            found_on=INCIDENT_DAY,
            finding="A pocket tool found in a backpack; no threat, no use, first incident.",
        )
    return Write("close", w.admin, {"referral": referral})


def expelled(w, allowed):
    recommendation = services.expulsion_recommendation_record(
        actor=w.admin, referral=w.make_referral(w.student, "1.1"), recommended_on=INCIDENT_DAY
    )
    services.expulsion_record(
        actor=w.admin,
        recommendation=recommendation,
        ordered_on=datetime.date(2026, 10, 20),
        starts_on=datetime.date(2026, 10, 21),
        ends_on=datetime.date(2027, 1, 29),
    )
    start = datetime.date(2027, 2, 1) if allowed else datetime.date(2026, 11, 2)
    steward = UserFactory(role=Role.DISTRICT, is_superuser=True, is_staff=True)
    return Write(
        "enrollment", steward, {"student": w.student, "school": w.other_school, "start": start}
    )


SCENARIOS = {
    "WD": wd,
    "ALT": alt,
    "DAYS5": days5,
    "DAYS20": days20,
    "TEACHER": teacher,
    "ADMIN39": admin39,
    "MDR": mdr,
    "NOTICE": notice,
    "DATES": dates,
    "GRADE": grade,
    "NOEXP": noexp,
    "CAT1": cat1,
    "CAT2": cat2,
    "EXPELLED": expelled,
}


def test_every_rule_has_a_scenario():
    assert set(SCENARIOS) == set(rules.RULES)


# --- the paths ---------------------------------------------------------------


def via_service(write, **_):
    f = write.fields
    if write.record == "suspension":
        contact = PARENT_CONTACT if f["contact"] else {}
        services.suspension_record(
            actor=write.actor,
            referral=f["referral"],
            kind=f["kind"],
            start_date=f["start_date"],
            school_days=f["school_days"],
            **contact,
        )
    elif write.record == "referral":
        services.referral_create(
            actor=write.actor,
            student=f["student"],
            school=f["student"].enrollments.first().school,
            incident_date=INCIDENT_DAY,
            location=Location.objects.first(),
            reasons=codes(*f["codes"]),
            description="Test.",
        )
    elif write.record == "expulsion_recommendation":
        services.expulsion_recommendation_record(
            actor=write.actor, referral=f["referral"], recommended_on=INCIDENT_DAY
        )
    elif write.record == "close":
        services.referral_close(actor=write.actor, referral=f["referral"])
    elif write.record == "enrollment":
        from discipline import services as people_services

        people_services.enrollment_create(
            actor=write.actor, student=f["student"], school=f["school"], grade=7, start=f["start"]
        )


def via_command(write, tmp_path, **_):
    f = write.fields
    row = {"record": write.record, "actor": write.actor.username}
    if write.record == "suspension":
        row.update(
            referral=f["referral"].pk,
            kind=f["kind"],
            start_date=f["start_date"].isoformat(),
            school_days=f["school_days"],
        )
        if f["contact"]:
            row.update(
                parent_contacted_at=PARENT_CONTACT["parent_contacted_at"].isoformat(),
                parent_contact_method="phone",
                parent_contact_result="reached",
            )
    elif write.record == "referral":
        row.update(
            student_id=f["student"].student_id,
            school_code=f["student"].enrollments.first().school.code,
            incident_date=INCIDENT_DAY.isoformat(),
            location=Location.objects.first().slug,
            reason_codes=";".join(f["codes"]),
            description="Imported.",
        )
    elif write.record == "expulsion_recommendation":
        row.update(referral=f["referral"].pk, recommended_on=INCIDENT_DAY.isoformat())
    elif write.record == "close":
        row.update(referral=f["referral"].pk)
    elif write.record == "enrollment":
        row.update(
            student_id=f["student"].student_id,
            school_code=f["school"].code,
            grade=7,
            start=f["start"].isoformat(),
        )
    path = tmp_path / "import.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    from io import StringIO

    err = StringIO()
    try:
        call_command("import_discipline", str(path), stdout=StringIO(), stderr=err)
    except CommandError as error:
        raise rules.RuleViolation(
            [
                rules.Violation(rule_id)
                for rule_id in rules.RULES
                if f"[{rule_id}]" in err.getvalue()
            ]
        ) from error


def via_admin(write, client, **_):
    steward = UserFactory(username="steward", role=Role.DISTRICT, is_superuser=True, is_staff=True)
    client.force_login(steward)
    f = write.fields
    if write.record == "suspension":
        referral = f["referral"]
        data = {
            "referral": referral.pk,
            "kind": f["kind"],
            "school_year": referral.incident_date and _year_pk(),
            "start_date": f["start_date"].isoformat(),
            "school_days": f["school_days"],
            "decided_by": write.actor.pk,
            "notice_language": "en",
        }
        if f["contact"]:
            data.update(
                parent_contacted_at_0="2026-10-05",
                parent_contacted_at_1="15:00:00",
                parent_contact_method="phone",
                parent_contact_result="reached",
                parent_contacted_by=write.actor.pk,
            )
        url = "/admin/discipline/suspension/add/"
    elif write.record == "referral":
        student = f["student"]
        data = {
            "incident": services.Incident.objects.create(
                school=student.enrollments.first().school, created_by=write.actor
            ).pk,
            "student": student.pk,
            "school": student.enrollments.first().school.pk,
            "incident_date": INCIDENT_DAY.isoformat(),
            "referred_on": INCIDENT_DAY.isoformat(),
            "location": Location.objects.first().pk,
            "reasons": [r.pk for r in codes(*f["codes"])],
            "description": "Entered by the data steward.",
            "referred_by": write.actor.pk,
            "status": "open",
        }
        url = "/admin/discipline/referral/add/"
    elif write.record == "expulsion_recommendation":
        data = {
            "referral": f["referral"].pk,
            "recommended_on": INCIDENT_DAY.isoformat(),
            "status": "pending",
            "decided_by": write.actor.pk,
        }
        url = "/admin/discipline/expulsionrecommendation/add/"
    elif write.record == "close":
        referral = f["referral"]
        data = {
            "incident": referral.incident_id,
            "student": referral.student_id,
            "school": referral.school_id,
            "incident_date": referral.incident_date.isoformat(),
            "referred_on": referral.referred_on.isoformat(),
            "location": referral.location_id,
            "reasons": [r.pk for r in referral.reasons.all()],
            "description": referral.description,
            "referred_by": referral.referred_by_id,
            "status": "closed",
        }
        url = f"/admin/discipline/referral/{referral.pk}/change/"
    elif write.record == "enrollment":
        data = {
            "student": f["student"].pk,
            "school": f["school"].pk,
            "grade": 7,
            "start": f["start"].isoformat(),
        }
        url = "/admin/people/enrollment/add/"
    response = client.post(url, data)
    if response.status_code == 302:
        return
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    found = [rule_id for rule_id in rules.RULES if f"[{rule_id}]" in body]
    errors = response.context["adminform"].form.errors if response.context else {}
    assert found or errors, "admin re-rendered without an error"
    raise rules.RuleViolation([rules.Violation(rule_id) for rule_id in found] or [])


def _year_pk():
    from people.models import SchoolYear

    return SchoolYear.objects.get().pk


PATHS = {"service": via_service, "admin": via_admin, "command": via_command}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("rule_id", SCENARIOS)
def test_the_forbidden_write_is_refused_with_the_rule_id(request, rule_id, path, client, tmp_path):
    write = SCENARIOS[rule_id](World(request), allowed=False)
    before = write.count()
    with pytest.raises(rules.RuleViolation) as caught:
        PATHS[path](write, client=client, tmp_path=tmp_path)
    assert rule_id in caught.value.rule_ids
    assert write.count() == before, "a refused write saved something"


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("rule_id", SCENARIOS)
def test_the_allowed_write_saves(request, rule_id, path, client, tmp_path):
    write = SCENARIOS[rule_id](World(request), allowed=True)
    before = write.count()
    PATHS[path](write, client=client, tmp_path=tmp_path)
    assert write.count() == before + 1


def test_the_import_reports_each_refused_row_and_keeps_the_others(
    school, teacher, student, tmp_path
):
    path = tmp_path / "rows.csv"
    third_grader = EnrollmentFactory(school=school, grade=3, student=StudentFactory()).student
    rows = [
        {"student_id": student.student_id, "reason_codes": "3.7"},
        {"student_id": third_grader.student_id, "reason_codes": "3.13"},
    ]
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=["record", "actor", "student_id", "school_code", "incident_date",
                        "location", "reason_codes", "description"],
        )  # fmt: skip
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    "record": "referral",
                    "actor": teacher.username,
                    "school_code": school.code,
                    "incident_date": INCIDENT_DAY.isoformat(),
                    "location": Location.objects.first().slug,
                    "description": "Imported.",
                    **row,
                }
            )
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_discipline", str(path), stdout=StringIO(), stderr=err)
    assert "line 3: refused by GRADE" in err.getvalue()
    assert Referral.objects.filter(student=student).count() == 1
    assert not Referral.objects.filter(student=third_grader).exists()


def test_a_school_elsewhere_is_out_of_scope_for_the_import(teacher, tmp_path):
    other = EnrollmentFactory(school=SchoolFactory(), grade=7).student
    write = Write("referral", teacher, {"student": other, "codes": ["3.7"]})
    with pytest.raises(rules.RuleViolation):
        via_command(write, tmp_path=tmp_path)
    assert not Referral.objects.exists()


def test_check_invariants_reports_a_clean_database(make_referral, student):
    from io import StringIO

    make_referral(student, "3.7")
    out = StringIO()
    call_command("check_invariants", stdout=out)
    assert "Every invariant holds." in out.getvalue()


def test_check_invariants_finds_a_record_stored_around_the_rules(make_referral, student, admin):
    from io import StringIO

    referral = make_referral(student, "WD")
    # Only a write around the guard (raw SQL, or a loader under its own name)
    # can do this; the command must notice it.
    with service_write("tests: a write around the rules"):
        _bulk_suspension(referral, student, admin)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check_invariants", stdout=out)
    assert "[WD]" in out.getvalue()


def _bulk_suspension(referral, student, admin):
    Suspension.objects.bulk_create(
        [
            Suspension(
                referral=referral,
                student=student,
                school=referral.school,
                decided_by=admin,
                kind="out_of_school",
                school_year=SchoolYear.objects.get(),
                start_date=referral.incident_date,
                school_days=1,
                end_date=referral.incident_date,
            )
        ]
    )
