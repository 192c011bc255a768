"""Every rule of SPEC section 4 as a pure function: facts and a proposal in,
violations out, with no database (these tests have no ``django_db`` mark, so
pytest-django refuses any query they would make)."""

import datetime
from dataclasses import replace
from types import MappingProxyType

import pytest

from discipline import rules
from discipline.rules import (
    EnrollmentFact,
    EnrollmentProposal,
    ExpulsionFact,
    InterventionFact,
    InterventionProposal,
    OutcomeProposal,
    Reason,
    ReferralFacts,
    ReferralProposal,
    SchoolYearFact,
    StudentFacts,
    SuspensionFact,
    SuspensionProposal,
)
from people.calendar import SchoolCalendar

D = datetime.date
YEAR = SchoolYearFact(1, "2026-27", D(2026, 8, 17), D(2027, 6, 11))
# Monday 5 October 2026 is the incident; Monday 12 October is a holiday.
CALENDAR = SchoolCalendar(
    years=((YEAR.first_day, YEAR.last_day),), closed=frozenset({D(2026, 10, 12)})
)
INCIDENT = D(2026, 10, 5)
SCHOOL, ELSEWHERE = 10, 20
CONTACT = {
    "parent_contacted_at": datetime.datetime(2026, 10, 5, 15, 0, tzinfo=datetime.UTC),
    "parent_contact_method": "phone",
    "parent_contacted_by_id": 7,
    "parent_contact_result": "reached",
}

CODES = {
    "WD": Reason(1, "WD", 3),
    "3.1a": Reason(2, "3.1a", 3),
    "3.9": Reason(
        3, "3.9", 3, grades_4_12_only=True, suspension_not_expulsion=True, admin_only=True
    ),
    "3.13": Reason(4, "3.13", 3, grades_4_12_only=True),
    "1.1": Reason(5, "1.1", 1, requires_expulsion_recommendation=True),
    "2.1": Reason(6, "2.1", 2),
    "3.22": Reason(7, "3.22", 3, suspension_not_expulsion=True),
}


def referral(*codes, pk=100, **fields):
    return ReferralFacts(
        pk=pk,
        school_id=SCHOOL,
        incident_date=fields.pop("incident_date", INCIDENT),
        reasons=tuple(CODES[c] for c in codes),
        **fields,
    )


def facts(*referrals, grade=7, **fields):
    return StudentFacts(
        student_id=1,
        name="Ana Ruiz",
        has_iep_or_504=fields.pop("has_iep_or_504", False),
        school_year=YEAR,
        today=fields.pop("today", D(2026, 11, 2)),
        calendar=CALENDAR,
        enrollments=fields.pop("enrollments", (EnrollmentFact(1, SCHOOL, grade, YEAR.first_day),)),
        referrals=MappingProxyType({r.pk: r for r in referrals}),
        **fields,
    )


ALTERNATIVES = (InterventionFact(2, D(2026, 9, 1)), InterventionFact(3, D(2026, 9, 2)))


def suspension(referral_id=100, *, kind="out_of_school", start=INCIDENT, days=1, **fields):
    return SuspensionProposal(
        referral_id=referral_id,
        kind=kind,
        start_date=start,
        school_days=days,
        decided_by_admin=fields.pop("decided_by_admin", True),
        **{**CONTACT, **fields},
    )


def ids(violations):
    return sorted({v.rule_id for v in violations})


def test_the_judgments_read_no_database():
    # Without a django_db mark any query raises; judging every kind works.
    f = facts(referral("3.1a"), interventions=ALTERNATIVES)
    assert rules.judge_suspension(f, suspension()) == []


# --- WD ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["teacher", "in_school", "out_of_school"])
def test_wd_alone_never_grounds_a_suspension(kind):
    f = facts(referral("WD"), interventions=ALTERNATIVES)
    assert ids(rules.judge_suspension(f, suspension(kind=kind))) == ["WD"]


def test_wd_beside_another_offense_lets_the_other_decide():
    f = facts(referral("WD", "3.1a"), interventions=ALTERNATIVES)
    assert rules.judge_suspension(f, suspension()) == []


def test_wd_alone_never_grounds_a_recommendation_for_expulsion():
    f = facts(referral("WD"))
    proposal = OutcomeProposal("expulsion-recommendation", 100, INCIDENT)
    assert ids(rules.judge_outcome(f, proposal)) == ["WD"]


def test_a_suspended_referral_cannot_be_narrowed_to_wd():
    done = SuspensionFact(1, 100, "out_of_school", YEAR.pk, INCIDENT, 1)
    f = facts(referral("WD", "3.1a", suspensions=(done,)), interventions=ALTERNATIVES)
    change = ReferralProposal(SCHOOL, INCIDENT, (CODES["WD"],), pk=100)
    assert ids(rules.judge_referral(f, change)) == ["WD"]


# --- ALT -----------------------------------------------------------------------


def test_alt_needs_tier_two_and_three_before_the_start():
    f = facts(referral("3.1a"))
    assert ids(rules.judge_suspension(f, suspension())) == ["ALT"]
    late = facts(
        referral("3.1a"),
        interventions=(InterventionFact(2, INCIDENT), InterventionFact(3, D(2026, 10, 6))),
    )
    assert ids(rules.judge_suspension(late, suspension())) == ["ALT"]
    assert rules.judge_suspension(replace(late, interventions=ALTERNATIVES), suspension()) == []


def test_alt_counts_are_a_setting():
    f = facts(
        referral("3.1a"),
        interventions=ALTERNATIVES,
        limits=rules.Limits(alt_required_tier2=2),
    )
    assert ids(rules.judge_suspension(f, suspension())) == ["ALT"]


def test_a_safety_finding_or_category_1_lifts_alt():
    assert rules.judge_suspension(facts(referral("3.1a", safety_findings=1)), suspension()) == []
    assert rules.judge_suspension(facts(referral("1.1")), suspension()) == []


def test_a_safety_finding_is_an_administrators_with_a_justification():
    f = facts(referral("3.1a"))
    short = OutcomeProposal("safety-finding", 100, INCIDENT, decided_by_admin=False, text="no")
    assert [v.field for v in rules.judge_outcome(f, short)] == ["decided_by", "justification"]
    assert ids(rules.judge_outcome(f, short)) == ["ALT"]


def test_new_reasons_are_judged_against_a_suspension_that_rested_on_category_1():
    done = SuspensionFact(1, 100, "out_of_school", YEAR.pk, INCIDENT, 1)
    f = facts(referral("1.1", suspensions=(done,), recommendations=1))
    change = ReferralProposal(SCHOOL, INCIDENT, (CODES["3.1a"],), pk=100)
    assert ids(rules.judge_referral(f, change)) == ["ALT"]


# --- CAT1 / CAT2 ------------------------------------------------------------------


def test_cat1_closes_only_with_a_recommendation():
    close = ReferralProposal(SCHOOL, INCIDENT, (CODES["1.1"],), pk=100, status="closed")
    assert ids(rules.judge_referral(facts(referral("1.1")), close)) == ["CAT1"]
    assert rules.judge_referral(facts(referral("1.1", recommendations=1)), close) == []


def test_a_closed_referrals_new_category_1_reason_needs_a_recommendation():
    closed = referral("3.1a", status="closed")
    change = ReferralProposal(SCHOOL, INCIDENT, (CODES["1.1"],), pk=100, status="closed")
    assert ids(rules.judge_referral(facts(closed), change)) == ["CAT1"]


def test_cat2_closes_with_a_recommendation_or_a_written_finding():
    close = ReferralProposal(SCHOOL, INCIDENT, (CODES["2.1"],), pk=100, status="closed")
    assert ids(rules.judge_referral(facts(referral("2.1")), close)) == ["CAT2"]
    assert rules.judge_referral(facts(referral("2.1", expulsion_findings=1)), close) == []
    assert rules.judge_referral(facts(referral("2.1", recommendations=1)), close) == []
    finding = OutcomeProposal("expulsion-finding", 100, INCIDENT, text="x" * 20)
    assert ids(rules.judge_outcome(facts(referral("3.1a")), finding)) == ["CAT2"]
    assert rules.judge_outcome(facts(referral("2.1")), finding) == []


# --- GRADE / NOEXP / ADMIN39 -------------------------------------------------------


@pytest.mark.parametrize(("grade", "refused"), [(-1, True), (0, True), (3, True), (4, False)])
def test_grade_limited_codes_are_for_grades_4_to_12(grade, refused):
    new = ReferralProposal(SCHOOL, INCIDENT, (CODES["3.13"],))
    assert ids(rules.judge_referral(facts(grade=grade), new)) == (["GRADE"] if refused else [])


@pytest.mark.parametrize("code", ["3.9", "3.22"])
def test_suspension_only_codes_never_lead_to_expulsion(code):
    proposal = OutcomeProposal("expulsion-recommendation", 100, INCIDENT)
    assert ids(rules.judge_outcome(facts(referral(code)), proposal)) == ["NOEXP"]


def test_a_recommended_referral_cannot_be_narrowed_to_a_suspension_only_code():
    f = facts(referral("3.1a", recommendations=1))
    change = ReferralProposal(SCHOOL, INCIDENT, (CODES["3.22"],), pk=100)
    assert ids(rules.judge_referral(f, change)) == ["NOEXP"]


def test_a_3_9_suspension_is_an_administrators():
    f = facts(referral("3.9"), interventions=ALTERNATIVES)
    assert ids(rules.judge_suspension(f, suspension(decided_by_admin=False))) == ["ADMIN39"]
    assert rules.judge_suspension(f, suspension()) == []


# --- DAYS5 / DAYS20 / TEACHER --------------------------------------------------------


def test_days5_at_most_five_days_unless_extended_pending_expulsion():
    f = facts(referral("3.1a"), interventions=ALTERNATIVES)
    assert ids(rules.judge_suspension(f, suspension(days=6))) == ["DAYS5"]
    assert rules.judge_suspension(f, suspension(days=5)) == []
    assert ids(rules.judge_suspension(f, suspension(days=3, extends_id=9))) == ["DAYS5"]
    pending = facts(referral("3.1a", pending_recommendations=1), interventions=ALTERNATIVES)
    assert rules.judge_suspension(pending, suspension(days=8, extends_id=9)) == []


def _used(*days, kind="out_of_school"):
    return tuple(
        SuspensionFact(i + 1, 99, kind, YEAR.pk, D(2026, 9, 1), n) for i, n in enumerate(days)
    )


def test_days20_sums_the_year_and_leaves_out_a_teachers_removal():
    f = facts(referral("3.1a"), interventions=ALTERNATIVES, suspensions=_used(5, 5, 5, 4))
    assert rules.judge_suspension(f, suspension()) == []
    assert ids(rules.judge_suspension(f, suspension(days=2))) == ["DAYS20"]
    with_teacher = replace(f, suspensions=f.suspensions + _used(2, kind="teacher"))
    assert rules.judge_suspension(with_teacher, suspension()) == []


def test_days20_is_thirty_after_an_opportunity_transfer():
    f = facts(referral("3.1a"), interventions=ALTERNATIVES, suspensions=_used(5, 5, 5, 5))
    assert ids(rules.judge_suspension(f, suspension())) == ["DAYS20"]
    moved = replace(f, opportunity_transfers=(D(2026, 9, 20),))
    assert rules.judge_suspension(moved, suspension(days=5)) == []


def test_a_teachers_suspension_covers_the_day_and_the_next_school_day():
    f = facts(referral("3.1a"), interventions=ALTERNATIVES)
    assert rules.judge_suspension(f, suspension(kind="teacher", days=2)) == []
    friday = facts(referral("3.1a", incident_date=D(2026, 10, 9)), interventions=ALTERNATIVES)
    # Friday before the Monday holiday: two days end on Tuesday, which is allowed.
    assert (
        rules.judge_suspension(friday, suspension(kind="teacher", start=D(2026, 10, 9), days=2))
        == []
    )
    assert ids(rules.judge_suspension(f, suspension(kind="teacher", days=3))) == ["TEACHER"]


# --- MDR ---------------------------------------------------------------------------


def test_mdr_past_ten_days_needs_a_placement_decision():
    f = facts(
        referral("3.1a"),
        interventions=ALTERNATIVES,
        has_iep_or_504=True,
        suspensions=_used(5, 5),
    )
    assert ids(rules.judge_suspension(f, suspension())) == ["MDR"]
    decided = replace(f, referrals=MappingProxyType({100: referral("3.1a", placement_decisions=1)}))
    assert rules.judge_suspension(decided, suspension()) == []
    assert rules.judge_suspension(replace(f, has_iep_or_504=False), suspension()) == []


def test_mdr_review_within_ten_school_days_of_the_decision():
    f = facts(referral("3.1a"), has_iep_or_504=True)
    decided = D(2026, 10, 5)
    # Ten school days after Monday 5 October skip the 12 October holiday: 20 October.
    on_time = OutcomeProposal(
        "placement-decision", 100, decided, change_of_placement=True, review_held_on=D(2026, 10, 20)
    )
    late = replace(on_time, review_held_on=D(2026, 10, 21))
    assert rules.judge_outcome(f, on_time) == []
    assert ids(rules.judge_outcome(f, late)) == ["MDR"]
    assert ids(rules.judge_outcome(replace(f, has_iep_or_504=False), on_time)) == ["MDR"]


# --- EXPELLED --------------------------------------------------------------------------


def test_expelled_no_enrollment_elsewhere_while_in_force():
    expelled = ExpulsionFact(1, SCHOOL, "Hillside", D(2026, 10, 21), D(2027, 6, 11))
    f = facts(expulsions=(expelled,))
    assert ids(rules.judge_enrollment(f, EnrollmentProposal(ELSEWHERE, D(2026, 11, 2)))) == [
        "EXPELLED"
    ]
    assert rules.judge_enrollment(f, EnrollmentProposal(SCHOOL, D(2026, 11, 2))) == []
    assert rules.judge_enrollment(f, EnrollmentProposal(ELSEWHERE, D(2027, 6, 14))) == []


def test_an_expulsion_over_an_enrollment_elsewhere_is_refused():
    elsewhere = EnrollmentFact(2, ELSEWHERE, 7, D(2026, 11, 2))
    f = facts(
        referral("1.1"), enrollments=(EnrollmentFact(1, SCHOOL, 7, YEAR.first_day), elsewhere)
    )
    expel = OutcomeProposal(
        "expulsion", 100, D(2026, 10, 21), ends_on=D(2027, 6, 11), recommendation_referral_id=100
    )
    assert ids(rules.judge_outcome(f, expel)) == ["EXPELLED"]


# --- NOTICE / DATES -----------------------------------------------------------------------


def test_notice_every_part_of_the_parent_contact():
    f = facts(referral("3.1a"), interventions=ALTERNATIVES)
    bare = replace(
        suspension(),
        parent_contacted_at=None,
        parent_contact_method="",
        parent_contacted_by_id=None,
        parent_contact_result="",
    )
    found = rules.judge_suspension(f, bare)
    assert ids(found) == ["NOTICE"] and len(found) == 4
    assert ids(rules.judge_suspension(f, suspension(notice_language="ko"))) == ["NOTICE"]


def test_dates_make_sense():
    f = facts(referral("3.1a"), interventions=ALTERNATIVES)
    assert ids(rules.judge_suspension(f, suspension(start=D(2026, 10, 2)))) == ["DATES"]
    assert ids(rules.judge_suspension(f, suspension(start=D(2026, 10, 10)))) == [
        "DATES"
    ]  # Saturday
    assert ids(
        rules.judge_referral(f, ReferralProposal(SCHOOL, D(2026, 12, 1), (CODES["3.1a"],)))
    ) == ["DATES"]
    assert ids(
        rules.judge_referral(f, ReferralProposal(ELSEWHERE, INCIDENT, (CODES["3.1a"],)))
    ) == ["DATES"]
    assert ids(rules.judge_referral(f, ReferralProposal(SCHOOL, INCIDENT, ()))) == ["DATES"]
    transfer = OutcomeProposal("transfer", 100, D(2026, 10, 1))
    assert ids(rules.judge_outcome(f, transfer)) == ["DATES"]
    started = InterventionProposal(D(2026, 12, 1), YEAR)
    assert ids(rules.judge_intervention(f, started)) == ["DATES"]


# --- messages ---------------------------------------------------------------------------


def test_a_violation_reads_in_the_readers_language_with_its_id_and_source():
    f = facts(referral("3.1a"), interventions=ALTERNATIVES, suspensions=_used(5, 5, 5, 5))
    (violation,) = rules.judge_suspension(f, suspension())
    english, spanish = violation.text("en"), violation.text("es")
    assert english.startswith("[DAYS20]") and "Ana Ruiz already has 20" in english
    assert "(Source: E.C. 48903)" in english
    assert spanish.startswith("[DAYS20]") and "Ana Ruiz ya tiene 20" in spanish
    assert "(Fuente: E.C. 48903)" in spanish
