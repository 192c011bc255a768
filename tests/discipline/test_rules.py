"""Every rule of SPEC section 4 through the services: the allowed case saves,
the forbidden case is refused with the rule's id and nothing is saved."""

import datetime
from functools import partial

import pytest
from django.core.exceptions import ValidationError

from discipline import rules, selectors, services
from discipline.models import (
    ExpulsionRecommendation,
    Referral,
    ReferralStatus,
    Suspension,
)
from people.guard import WriteOutsideService
from people.models import Disability
from tests.conftest import INCIDENT_DAY
from tests.factories import EnrollmentFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def refused(rule_id, call, *args, **kwargs):
    with pytest.raises(rules.RuleViolation) as caught:
        call(*args, **kwargs)
    assert rule_id in caught.value.rule_ids, caught.value.messages
    assert any(f"[{rule_id}]" in m for m in caught.value.messages)
    return caught.value


def test_every_rule_has_an_id_a_bilingual_message_and_a_source():
    expected = {
        "CAT1", "CAT2", "WD", "GRADE", "NOEXP", "ADMIN39", "ALT", "DAYS5", "DAYS20",
        "TEACHER", "MDR", "EXPELLED", "NOTICE", "DATES",
    }  # fmt: skip
    assert set(rules.RULES) == expected
    for rule in rules.RULES.values():
        # One Spanish source: the gettext catalog translates every message.
        assert rule.text("en") and rule.source
        assert rule.text("es") != rule.text("en")


# --- WD ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["teacher", "in_school", "out_of_school"])
def test_willful_defiance_never_leads_to_suspension(make_referral, student, suspend, kind):
    referral = make_referral(student, "WD")
    refused("WD", suspend, referral, kind=kind)
    assert not Suspension.objects.exists()


def test_willful_defiance_never_leads_to_expulsion_recommendation(make_referral, student, admin):
    referral = make_referral(student, "WD")
    refused(
        "WD",
        services.expulsion_recommendation_record,
        actor=admin,
        referral=referral,
        recommended_on=INCIDENT_DAY,
    )
    assert not ExpulsionRecommendation.objects.exists()


def test_willful_defiance_is_recordable_as_a_referral_reason(make_referral, student):
    referral = make_referral(student, "WD")
    assert referral.codes() == ["WD"]


def test_willful_defiance_beside_another_offense_lets_the_other_offense_decide(
    make_referral, student, suspend, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "WD", "3.1a")
    assert suspend(referral).pk


def test_a_suspended_referral_cannot_be_narrowed_to_willful_defiance(
    make_referral, student, suspend, give_alternatives, admin
):
    give_alternatives(student)
    referral = make_referral(student, "WD", "3.1a")
    suspend(referral)
    refused(
        "WD",
        services.referral_update_reasons,
        actor=admin,
        referral=referral,
        reasons=rules_codes("WD"),
    )
    assert sorted(referral.codes()) == ["3.1a", "WD"]


def rules_codes(*values):
    from tests.conftest import codes

    return codes(*values)


# --- ALT ---------------------------------------------------------------------


def test_suspension_without_alternatives_is_refused(make_referral, student, suspend):
    referral = make_referral(student, "3.1a")
    error = refused("ALT", suspend, referral)
    assert "0 Tier II and 0 Tier III" in " ".join(error.messages)


def test_suspension_after_tier_two_and_three_is_allowed(
    make_referral, student, suspend, give_alternatives
):
    give_alternatives(student)
    assert suspend(make_referral(student, "3.1a")).end_date == INCIDENT_DAY


def test_alternatives_after_the_suspension_starts_do_not_count(
    make_referral, student, suspend, give_alternatives
):
    give_alternatives(student, on=INCIDENT_DAY + datetime.timedelta(days=1))
    refused("ALT", suspend, make_referral(student, "3.1a"))


def test_only_tier_two_is_not_enough(make_referral, student, suspend, give_alternatives):
    give_alternatives(student, tier3=0)
    refused("ALT", suspend, make_referral(student, "3.1a"))


def test_the_required_counts_are_a_district_setting(
    settings, make_referral, student, suspend, give_alternatives
):
    settings.DISCIPLINE = {**settings.DISCIPLINE, "ALT_REQUIRED_TIER2": 2}
    give_alternatives(student)
    refused("ALT", suspend, make_referral(student, "3.1a"))
    give_alternatives(student, tier3=0)
    assert suspend(make_referral(student, "3.1a")).pk


def test_a_safety_finding_overrides_alt(make_referral, student, suspend, admin):
    referral = make_referral(student, "3.1a")
    services.safety_finding_record(
        actor=admin,
        referral=referral,
        found_on=INCIDENT_DAY,
        justification="Student threatened peers with a weapon and remains agitated.",
    )
    assert suspend(referral).pk


def test_a_safety_finding_needs_a_written_justification(make_referral, student, admin):
    referral = make_referral(student, "3.1a")
    refused(
        "ALT",
        services.safety_finding_record,
        actor=admin,
        referral=referral,
        found_on=INCIDENT_DAY,
        justification="unsafe",
    )


def test_category_1_suspension_pending_recommendation_needs_no_alternatives(
    make_referral, student, suspend
):
    assert suspend(make_referral(student, "1.1")).pk


# --- CAT1 / CAT2 ---------------------------------------------------------------


def test_category_1_referral_cannot_close_without_recommendation(make_referral, student, admin):
    referral = make_referral(student, "1.1")
    refused("CAT1", services.referral_close, actor=admin, referral=referral)
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.OPEN
    services.expulsion_recommendation_record(
        actor=admin, referral=referral, recommended_on=INCIDENT_DAY
    )
    assert services.referral_close(actor=admin, referral=referral).status == "closed"


def test_category_2_referral_closes_with_a_written_finding(make_referral, student, admin):
    referral = make_referral(student, "2.2")
    refused("CAT2", services.referral_close, actor=admin, referral=referral)
    services.expulsion_finding_record(
        actor=admin,
        referral=referral,
        found_on=INCIDENT_DAY,
        finding="The object was a butter knife brought for lunch; no threat was made.",
    )
    assert services.referral_close(actor=admin, referral=referral).status == "closed"


def test_category_2_referral_closes_with_a_recommendation(make_referral, student, admin):
    referral = make_referral(student, "2.4")
    services.expulsion_recommendation_record(
        actor=admin, referral=referral, recommended_on=INCIDENT_DAY
    )
    assert services.referral_close(actor=admin, referral=referral).status == "closed"


def test_category_3_referral_closes_freely(make_referral, student, admin):
    referral = make_referral(student, "3.7")
    assert services.referral_close(actor=admin, referral=referral).status == "closed"


# --- GRADE ---------------------------------------------------------------------


def test_grade_limited_code_is_refused_for_a_third_grader(make_referral, make_student):
    third_grader = make_student(grade=3)
    refused("GRADE", make_referral, third_grader, "3.12a")
    assert not Referral.objects.exists()


def test_grade_limited_code_is_allowed_in_fourth_grade(make_referral, make_student):
    assert make_referral(make_student(grade=4), "3.13").pk


def test_kindergarten_cannot_get_3_9(make_referral, make_student):
    refused("GRADE", make_referral, make_student(grade=0), "3.9")


# --- NOEXP / ADMIN39 -------------------------------------------------------------


@pytest.mark.parametrize("code", ["3.9", "3.22"])
def test_suspension_only_codes_never_lead_to_expulsion(make_referral, student, admin, code):
    referral = make_referral(student, code)
    refused(
        "NOEXP",
        services.expulsion_recommendation_record,
        actor=admin,
        referral=referral,
        recommended_on=INCIDENT_DAY,
    )


def test_a_3_9_suspension_is_issued_by_an_administrator_only(
    make_referral, student, suspend, teacher, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.9")
    refused("ADMIN39", suspend, referral, kind="teacher", by=teacher)
    assert suspend(referral, kind="in_school").pk


# --- DAYS5 / DAYS20 ---------------------------------------------------------------


def test_a_suspension_is_at_most_five_school_days(
    make_referral, student, suspend, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    refused("DAYS5", suspend, referral, days=6)
    assert suspend(referral, days=5).end_date == datetime.date(2026, 10, 9)


def test_an_extension_needs_a_pending_expulsion_recommendation(
    make_referral, student, suspend, admin
):
    referral = make_referral(student, "1.2")
    first = suspend(referral, days=5)
    refused("DAYS5", suspend, referral, days=3, start=datetime.date(2026, 10, 12), extends=first)
    services.expulsion_recommendation_record(
        actor=admin, referral=referral, recommended_on=INCIDENT_DAY
    )
    extension = suspend(referral, days=3, start=datetime.date(2026, 10, 12), extends=first)
    assert extension.extends == first


def _suspend_days(make_referral, student, suspend, give_alternatives, total):
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    day = datetime.date(2026, 9, 14)
    while total > 0:
        days = min(5, total)
        referral = make_referral(student, "3.1a", day=day)
        suspend(referral, days=days)
        total -= days
        day += datetime.timedelta(days=7)
    return day


def test_the_year_total_is_at_most_twenty_days(make_referral, student, suspend, give_alternatives):
    day = _suspend_days(make_referral, student, suspend, give_alternatives, 20)
    error = refused("DAYS20", suspend, make_referral(student, "3.1a", day=day))
    assert "already has 20" in " ".join(error.messages)
    year = Suspension.objects.first().school_year
    assert selectors.student_year_facts(student, year).year_days() == 20


def test_an_opportunity_transfer_raises_the_limit_to_thirty(
    make_referral, student, suspend, give_alternatives, admin
):
    day = _suspend_days(make_referral, student, suspend, give_alternatives, 20)
    referral = make_referral(student, "3.1a", day=day)
    services.transfer_record(actor=admin, referral=referral, kind="opportunity", effective_date=day)
    assert suspend(referral, days=5).pk


def test_a_teachers_removal_does_not_count_toward_twenty(
    make_referral, student, suspend, give_alternatives, teacher
):
    day = _suspend_days(make_referral, student, suspend, give_alternatives, 20)
    referral = make_referral(student, "3.1a", day=day)
    assert suspend(referral, kind="teacher", by=teacher, days=1).pk


def test_voiding_a_suspension_gives_its_days_back(
    make_referral, student, suspend, give_alternatives, admin
):
    day = _suspend_days(make_referral, student, suspend, give_alternatives, 20)
    services.record_void(
        actor=admin, record=Suspension.objects.first(), reason="Entered for the wrong student."
    )
    assert suspend(make_referral(student, "3.1a", day=day)).pk
    assert Suspension.objects.count() == 5  # the voided one stays


# --- TEACHER ---------------------------------------------------------------------


def test_a_teachers_suspension_covers_the_day_of_the_act_and_the_next(
    make_referral, student, suspend, teacher, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.7")
    refused("TEACHER", suspend, referral, kind="teacher", by=teacher, days=3)
    assert suspend(referral, kind="teacher", by=teacher, days=2).end_date == datetime.date(
        2026, 10, 6
    )


def test_a_teachers_suspension_on_a_friday_before_a_holiday_ends_tuesday(
    make_referral, student, suspend, teacher, give_alternatives
):
    friday = datetime.date(2026, 9, 4)  # Monday 9/7 is Labor Day
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    referral = make_referral(student, "3.7", day=friday)
    removal = suspend(referral, kind="teacher", by=teacher, days=2)
    assert removal.end_date == datetime.date(2026, 9, 8)


# --- MDR ---------------------------------------------------------------------------


def test_removal_past_ten_days_for_a_student_with_an_iep_needs_a_placement_decision(
    make_referral, make_student, suspend, give_alternatives, admin
):
    student = make_student(disability=Disability.IEP)
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    suspend(make_referral(student, "3.1a", day=datetime.date(2026, 9, 14)), days=5)
    suspend(make_referral(student, "3.1a", day=datetime.date(2026, 9, 21)), days=5)
    third = make_referral(student, "3.1a", day=datetime.date(2026, 9, 28))
    refused("MDR", suspend, third, days=1)
    services.placement_decision_record(
        actor=admin,
        referral=third,
        decided_on=datetime.date(2026, 9, 28),
        change_of_placement=False,
        reasoning="Unrelated behaviors months apart.",
    )
    assert suspend(third, days=1).pk


def test_a_manifestation_review_is_due_within_ten_school_days(make_referral, make_student, admin):
    student = make_student(disability=Disability.SECTION_504)
    referral = make_referral(student, "3.1a")
    refused(
        "MDR",
        services.placement_decision_record,
        actor=admin,
        referral=referral,
        decided_on=INCIDENT_DAY,
        change_of_placement=True,
        review_held_on=datetime.date(2026, 10, 30),
    )
    assert services.placement_decision_record(
        actor=admin,
        referral=referral,
        decided_on=INCIDENT_DAY,
        change_of_placement=True,
        review_held_on=datetime.date(2026, 10, 16),
    ).pk


# --- EXPELLED -------------------------------------------------------------------------


def test_an_expelled_student_cannot_enroll_at_another_school(
    make_referral, student, admin, school, district
):
    referral = make_referral(student, "1.1")
    recommendation = services.expulsion_recommendation_record(
        actor=admin, referral=referral, recommended_on=INCIDENT_DAY
    )
    services.expulsion_record(
        actor=admin,
        recommendation=recommendation,
        ordered_on=datetime.date(2026, 10, 20),
        starts_on=datetime.date(2026, 10, 21),
        ends_on=datetime.date(2027, 6, 11),
    )
    enroll = partial(
        services.enrollment_create,
        actor=district,
        student=student,
        grade=7,
        start=datetime.date(2026, 11, 2),
    )
    with pytest.raises(rules.RuleViolation) as caught:
        enroll(school=SchoolFactory())
    assert caught.value.rule_ids == ["EXPELLED"]
    assert enroll(school=school).pk


# --- NOTICE / DATES ----------------------------------------------------------------------


def test_a_suspension_records_the_parent_contact(
    make_referral, student, suspend, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    error = refused("NOTICE", suspend, referral, parent_contacted_at=None)
    assert "parent_contacted_at" in error.error_dict


def test_an_incident_in_the_future_is_refused(make_referral, student):
    refused(
        "DATES",
        make_referral,
        student,
        "3.7",
        day=datetime.date.today() + datetime.timedelta(days=2),
    )


def test_a_student_not_enrolled_on_the_incident_date_is_refused(make_referral, make_student):
    refused("DATES", make_referral, make_student(), "3.7", day=datetime.date(2026, 8, 1))


def test_a_suspension_cannot_start_before_the_incident(
    make_referral, student, suspend, give_alternatives
):
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    referral = make_referral(student, "3.1a")
    refused("DATES", suspend, referral, start=datetime.date(2026, 10, 2))


def test_a_suspension_starts_on_a_school_day(make_referral, student, suspend, give_alternatives):
    give_alternatives(student)
    refused("DATES", suspend, make_referral(student, "3.1a"), start=datetime.date(2026, 10, 10))


# --- the shell ---------------------------------------------------------------------------


def test_a_direct_save_cannot_skip_the_rules(make_referral, student, admin):
    referral = make_referral(student, "WD")
    suspension = Suspension(
        referral=referral,
        kind="out_of_school",
        start_date=INCIDENT_DAY,
        school_days=1,
        decided_by=admin,
    )
    with pytest.raises(WriteOutsideService):
        suspension.save()
    assert not Suspension.objects.exists()


def test_records_are_voided_not_deleted(make_referral, student):
    referral = make_referral(student, "3.7")
    with pytest.raises(ValidationError):
        referral.delete()
    assert Referral.objects.filter(pk=referral.pk).exists()


def test_a_referral_with_a_suspension_cannot_be_voided_before_the_suspension(
    make_referral, student, suspend, give_alternatives, admin
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    suspension = suspend(referral)
    with pytest.raises(ValidationError):
        services.record_void(actor=admin, record=referral, reason="Wrong student.")
    services.record_void(actor=admin, record=suspension, reason="Wrong student.")
    services.record_void(actor=admin, record=referral, reason="Wrong student.")
    referral.refresh_from_db()
    assert referral.is_voided and referral.void_reason == "Wrong student."


def test_an_expulsion_cannot_be_recorded_over_an_enrollment_elsewhere(
    make_referral, student, admin
):
    EnrollmentFactory(student=student, school=SchoolFactory(), start=datetime.date(2026, 11, 2))
    recommendation = services.expulsion_recommendation_record(
        actor=admin, referral=make_referral(student, "1.1"), recommended_on=INCIDENT_DAY
    )
    refused(
        "EXPELLED",
        services.expulsion_record,
        actor=admin,
        recommendation=recommendation,
        ordered_on=datetime.date(2026, 10, 20),
        starts_on=datetime.date(2026, 10, 21),
        ends_on=datetime.date(2027, 6, 11),
    )


def test_a_closed_referral_changed_to_a_category_1_code_needs_a_recommendation(
    make_referral, student, admin, client
):
    referral = make_referral(student, "3.7")
    services.referral_close(actor=admin, referral=referral)
    refused(
        "CAT1",
        services.referral_update_reasons,
        actor=admin,
        referral=referral,
        reasons=rules_codes("1.1"),
    )
    # The same through the page (POST /referrals/<pk>/reasons/).
    client.force_login(admin)
    code = rules_codes("1.1")[0]
    response = client.post(f"/referrals/{referral.pk}/reasons/", {"reasons": [code.pk]})
    assert response.status_code == 200 and "[CAT1]" in response.content.decode()
    assert referral.codes() == ["3.7"]
