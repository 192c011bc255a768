"""Referral to resolution through the HTTP client: each page and each form.

The allowed case saves; the forbidden case re-renders the bound form (200)
with the rule's id, beside the field it concerns or at the top, keeping what
was typed; a double submit makes one referral."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from discipline import services
from discipline.models import (
    ExpulsionRecommendation,
    Location,
    Referral,
    ReferralStatus,
    StudentRecordView,
    Suspension,
)
from interventions.models import MatrixEntry
from people.models import Disability, Role
from tests.conftest import INCIDENT_DAY, codes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = INCIDENT_DAY.isoformat()


def code_pks(*values):
    return [str(r.pk) for r in codes(*values)]


def referral_post(students, *reason_codes, token="tok-1", **overrides):
    data = {
        "students": [str(s.pk) for s in students],
        "incident_date": DAY,
        "incident_time": "10:15",
        "referred_on": DAY,
        "location": str(Location.objects.get(slug="classroom").pk),
        "reasons": code_pks(*reason_codes),
        "description": "Pushed a classmate into the lockers.",
        "submission_token": token,
    }
    data.update(overrides)
    return data


def suspension_post(**overrides):
    data = {
        "kind": "out_of_school",
        "start_date": DAY,
        "school_days": "2",
        "parent_contacted_at": "2026-10-05T15:00",
        "parent_contact_method": "phone",
        "parent_contact_result": "reached",
        "notice_language": "en",
    }
    data.update(overrides)
    return data


def text(response):
    return response.content.decode()


def field_errors(response, name):
    """The errors crispy shows beside one field."""
    html = text(response)
    found = re.findall(rf'id="error_\d+_id_{name}"[^>]*>(.*?)</', html, re.S)
    return " ".join(found)


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


# --- the teacher's referral ------------------------------------------------------------


def test_the_referral_form_groups_codes_by_category_with_their_definitions(as_user, teacher):
    response = as_user(teacher).get(reverse("discipline:referral-create"))
    assert response.status_code == 200
    html = text(response)
    assert "Category 1 (E.C. 48915(c))" in html
    assert "Willful defiance (E.C. 48900(k))" in html
    reason = codes("3.1a")[0]
    # The definition is in the title and in text shown on hover and focus.
    assert f'title="{reason.definition[:40]}' in html
    assert f'id="reason-def-{reason.pk}"' in html
    assert 'name="submission_token"' in html


def test_a_teacher_submits_a_referral_with_willful_defiance_and_3_1a(as_user, teacher, student):
    response = as_user(teacher).post(
        reverse("discipline:referral-create"), referral_post([student], "WD", "3.1a")
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("discipline:referral-detail", args=[referral.pk])
    assert sorted(referral.codes()) == ["3.1a", "WD"]
    assert referral.referred_by == teacher
    assert referral.incident_time == datetime.time(10, 15)


def test_a_double_submit_makes_one_referral(as_user, teacher, student):
    client = as_user(teacher)
    data = referral_post([student], "3.1a", token="same-token")
    first = client.post(reverse("discipline:referral-create"), data)
    second = client.post(reverse("discipline:referral-create"), data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Referral.objects.count() == 1


def test_several_students_in_one_incident_get_one_referral_each(
    as_user, teacher, student, make_student
):
    other = make_student()
    response = as_user(teacher).post(
        reverse("discipline:referral-create"), referral_post([student, other], "3.7")
    )
    assert response.status_code == 302
    referrals = list(Referral.objects.all())
    assert len(referrals) == 2
    assert len({r.incident_id for r in referrals}) == 1


def test_a_grade_limited_code_for_a_third_grader_is_refused_and_the_input_kept(
    as_user, teacher, make_student
):
    third_grader = make_student(grade=3)
    data = referral_post([third_grader], "3.9", description="Pulled the fire alarm at assembly.")
    response = as_user(teacher).post(reverse("discipline:referral-create"), data)
    assert response.status_code == 200
    html = text(response)
    assert "[GRADE]" in html and "Source:" in html
    assert "Pulled the fire alarm at assembly." in html
    assert f'value="{third_grader.pk}"' in html
    assert not Referral.objects.exists()


def test_grade_limited_codes_are_not_offered_for_a_k3_student(as_user, teacher, make_student):
    second_grader = make_student(grade=2)
    response = as_user(teacher).get(
        reverse("discipline:referral-create"), {"student": second_grader.pk}
    )
    limited = codes("3.9")[0]
    tag = re.search(rf'<input[^>]*id="reason-{limited.pk}"[^>]*>', text(response)).group(0)
    assert "disabled" in tag


def test_a_bad_date_is_explained_not_a_server_error(as_user, teacher, student):
    response = as_user(teacher).post(
        reverse("discipline:referral-create"),
        referral_post([student], "3.7", incident_date="2026-13-45"),
    )
    assert response.status_code == 200
    assert "Enter a valid date." in text(response)
    assert not Referral.objects.exists()


def test_dates_no_calendar_can_count_to_are_form_errors(
    as_user, teacher, admin, student, make_referral, give_alternatives
):
    response = as_user(teacher).post(
        reverse("discipline:referral-create"),
        referral_post([student], "3.7", referred_on="9999-12-31"),
    )
    assert response.status_code == 200
    assert "Enter a date between 2000 and 2100." in field_errors(response, "referred_on")
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    response = as_user(admin).post(
        suspension_url(referral),
        suspension_post(start_date="9999-12-30", parent_contacted_at="9999-12-31T23:30"),
    )
    assert response.status_code == 200
    assert "Enter a date between 2000 and 2100." in field_errors(response, "start_date")
    assert not Suspension.objects.exists()


def test_a_referral_dated_in_the_future_is_a_form_error(as_user, teacher, student):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = as_user(teacher).post(
        reverse("discipline:referral-create"),
        referral_post([student], "3.7", referred_on=tomorrow),
    )
    assert "cannot be in the future" in field_errors(response, "referred_on")


def test_an_incident_in_the_future_is_refused_beside_the_date(as_user, teacher, student):
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = as_user(teacher).post(
        reverse("discipline:referral-create"),
        referral_post(
            [student], "3.7", incident_date=future, referred_on=datetime.date.today().isoformat()
        ),
    )
    assert response.status_code == 200
    assert "[DATES]" in field_errors(response, "incident_date")


def test_a_student_of_another_school_cannot_be_referred(
    as_user, teacher, make_student, other_school
):
    outsider = make_student(at=other_school)
    response = as_user(teacher).post(
        reverse("discipline:referral-create"), referral_post([outsider], "3.7")
    )
    assert response.status_code == 200
    assert not Referral.objects.exists()


def test_the_student_search_finds_students_of_the_users_schools_only(
    as_user, teacher, make_student, other_school
):
    mine = make_student(last_name="Quintero", first_name="Ana")
    make_student(at=other_school, last_name="Quintana", first_name="Bea")
    response = as_user(teacher).get(reverse("discipline:student-search"), {"q": "Quint"})
    results = response.json()["results"]
    assert [r["id"] for r in results] == [mine.pk]
    assert results[0]["grade"] == 7


def test_searching_without_javascript_lists_matches_and_keeps_the_form(
    as_user, teacher, make_student
):
    wanted = make_student(last_name="Zamora")
    data = referral_post([], "3.7", description="Kept text.", q="Zam", find="1")
    response = as_user(teacher).post(reverse("discipline:referral-create"), data)
    html = text(response)
    assert response.status_code == 200
    assert f'value="{wanted.pk}"' in html
    assert "Kept text." in html
    assert "This field is required" not in html
    assert not Referral.objects.exists()


def test_district_staff_do_not_submit_referrals(as_user, district):
    assert as_user(district).get(reverse("discipline:referral-create")).status_code == 404


# --- the queue -------------------------------------------------------------------------


def test_the_queue_filters_by_status_and_reason(as_user, admin, student, make_referral):
    fight = make_referral(student, "3.1a")
    make_referral(student, "3.7")
    services.referral_close(actor=admin, referral=make_referral(student, "3.6"))
    client = as_user(admin)
    response = client.get(reverse("discipline:referral-list"), {"status": "open"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2
    response = client.get(reverse("discipline:referral-list"), {"reason": codes("3.1a")[0].pk})
    assert [r.pk for r, _ in response.context["rows"]] == [fight.pk]


def test_a_bad_filter_is_explained_not_a_server_error(as_user, admin):
    response = as_user(admin).get(
        reverse("discipline:referral-list"), {"incident_from": "yesterday", "page": "x"}
    )
    assert response.status_code == 200
    assert "Enter a valid date." in text(response)


@pytest.fixture
def wd_referral(teacher, school):
    """A willful-defiance referral, referred on the day of the incident."""

    def make(student, day=INCIDENT_DAY):
        return services.referral_create(
            actor=teacher,
            student=student,
            school=school,
            incident_date=day,
            referred_on=day,
            location=Location.objects.first(),
            reasons=codes("WD"),
            description="Refused to follow directions.",
        )

    return make


def test_the_queue_lists_overdue_willful_defiance_follow_ups(
    as_user, admin, student, make_student, wd_referral, give_alternatives
):
    overdue = wd_referral(student)
    followed_up = make_student()
    wd_referral(followed_up)
    give_alternatives(followed_up, tier3=0)
    response = as_user(admin).get(reverse("discipline:referral-list"), {"overdue": "on"})
    assert [r.pk for r, _ in response.context["rows"]] == [overdue.pk]
    assert "Willful-defiance follow-up overdue" in text(response)


def test_a_teacher_lists_only_their_own_referrals_with_the_outcome(
    as_user, teacher, other_teacher, student, make_referral, suspend, give_alternatives
):
    give_alternatives(student)
    mine = make_referral(student, "3.1a")
    suspend(mine, days=2)
    make_referral(student, "3.7", by=other_teacher)
    response = as_user(teacher).get(reverse("discipline:referral-list"))
    rows = response.context["rows"]
    assert [r.pk for r, _ in rows] == [mine.pk]
    assert rows[0][1] == ["Out-of-school suspension"]


def test_the_queue_takes_a_fixed_number_of_queries(
    as_user, admin, make_student, make_referral, django_assert_max_num_queries
):
    for _ in range(12):
        make_referral(make_student(), "3.7", "WD")
    client = as_user(admin)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("discipline:referral-list"))
    assert len(response.context["rows"]) == 12


def test_a_teachers_list_with_outcomes_takes_a_fixed_number_of_queries(
    as_user, teacher, make_student, make_referral, django_assert_max_num_queries
):
    for _ in range(12):
        make_referral(make_student(), "3.7")
    client = as_user(teacher)
    with django_assert_max_num_queries(22):
        response = client.get(reverse("discipline:referral-list"))
    assert len(response.context["rows"]) == 12


# --- the referral page -------------------------------------------------------------------


def test_the_referral_page_shows_the_matrix_alternatives_for_the_codes_and_grade_band(
    as_user, admin, student, make_referral
):
    referral = make_referral(student, "3.1a")
    response = as_user(admin).get(reverse("discipline:referral-detail", args=[referral.pk]))
    assert response.status_code == 200
    alternatives = response.context["alternatives"]
    expected = MatrixEntry.objects.filter(reason_code__code="3.1a", grade_band="6-8")
    assert {i["type"].pk for i in alternatives["tier2"]} == set(
        expected.filter(tier=2).values_list("intervention_type", flat=True)
    )
    assert {i["type"].pk for i in alternatives["tier3"]} == set(
        expected.filter(tier=3).values_list("intervention_type", flat=True)
    )
    assert "Restorative Justice Re-entry Circle" in text(response)


def test_the_referral_page_shows_each_change_with_who_made_it(
    as_user, admin, student, make_referral
):
    referral = make_referral(student, "3.7")
    services.referral_close(actor=admin, referral=referral, admin_notes="Talked it through.")
    response = as_user(admin).get(reverse("discipline:referral-detail", args=[referral.pk]))
    history = response.context["history"]
    closing = history[0]
    assert closing.who == admin
    assert ("Status", "Open", "Closed") in closing.changes


def test_a_teacher_sees_the_outcome_but_no_suspension_detail(
    as_user, teacher, student, make_referral, suspend, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    suspension = suspend(referral, days=2)
    response = as_user(teacher).get(reverse("discipline:referral-detail", args=[referral.pk]))
    html = text(response)
    assert "Out-of-school suspension" in html
    assert "Oct. 6, 2026" not in html and "2 school days" not in html
    assert "Change history" not in html
    assert reverse("discipline:suspension-detail", args=[suspension.pk]) not in html


def test_another_teacher_gets_404_on_a_referral(as_user, other_teacher, student, make_referral):
    referral = make_referral(student, "3.7")
    response = as_user(other_teacher).get(reverse("discipline:referral-detail", args=[referral.pk]))
    assert response.status_code == 404


def test_a_bad_id_is_404(as_user, admin):
    assert as_user(admin).get("/referrals/999999/").status_code == 404
    assert as_user(admin).get("/referrals/1/record/nonsense/").status_code == 404
    assert as_user(admin).get("/records/nonsense/1/void/").status_code == 404


# --- outcomes ----------------------------------------------------------------------------


def suspension_url(referral):
    return reverse("discipline:outcome-create", args=[referral.pk, "suspension"])


def test_a_suspension_without_alternatives_is_refused_with_alt_and_keeps_the_input(
    as_user, admin, student, make_referral
):
    referral = make_referral(student, "WD", "3.1a")
    response = as_user(admin).post(suspension_url(referral), suspension_post(school_days="3"))
    assert response.status_code == 200
    html = text(response)
    assert "[ALT]" in html and "0 Tier II and 0 Tier III" in html
    assert re.search(r'name="school_days"[^>]*value="3"', html)
    assert not Suspension.objects.exists()


def test_a_suspension_saves_after_tier_two_and_three_and_shows_its_end_date(
    as_user, admin, student, make_referral, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "WD", "3.1a")
    client = as_user(admin)
    response = client.post(suspension_url(referral), suspension_post(school_days="3"))
    suspension = Suspension.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("discipline:suspension-detail", args=[suspension.pk])
    assert suspension.end_date == datetime.date(2026, 10, 7)
    page = text(client.get(response.url))
    assert "Wednesday, Oct. 7, 2026" in page


def test_a_rule_keyed_to_a_field_shows_beside_it(
    as_user, admin, student, make_referral, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    response = as_user(admin).post(suspension_url(referral), suspension_post(school_days="6"))
    assert "[DAYS5]" in field_errors(response, "school_days")
    response = as_user(admin).post(
        suspension_url(referral), suspension_post(parent_contact_method="")
    )
    assert "[NOTICE]" in field_errors(response, "parent_contact_method")


def test_willful_defiance_alone_never_leads_to_suspension(
    as_user, admin, student, make_referral, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "WD")
    response = as_user(admin).post(suspension_url(referral), suspension_post())
    assert response.status_code == 200
    assert "[WD]" in text(response)
    assert not Suspension.objects.exists()


def test_only_administrators_see_the_outcome_forms(
    as_user, teacher, support, student, make_referral
):
    referral = make_referral(student, "3.1a")
    assert as_user(teacher).get(suspension_url(referral)).status_code == 404
    assert as_user(support).get(suspension_url(referral)).status_code == 404
    page = text(as_user(support).get(reverse("discipline:referral-detail", args=[referral.pk])))
    assert suspension_url(referral) not in page


@pytest.fixture
def iep_student(make_student):
    return make_student(disability=Disability.IEP)


OUTCOME_CASES = {
    "transfer": ("3.1a", {"kind": "opportunity", "effective_date": DAY, "days_lost": "0"}),
    "expulsion-recommendation": ("1.1", {"recommended_on": DAY, "notes": "Firearm on campus."}),
    "expulsion-finding": (
        "2.4",
        {"found_on": DAY, "finding": "First offense, restitution made, no weapon involved."},
    ),
    "law-enforcement": ("3.1a", {"kind": "notification", "occurred_on": DAY, "days_lost": "0"}),
    "safety-finding": (
        "3.1a",
        {"found_on": DAY, "justification": "Threatened peers and remained agitated all day."},
    ),
    "placement-decision": ("3.1a", {"decided_on": DAY, "change_of_placement": "no"}),
    "administrative-action": ("3.1a", {"taken_on": DAY, "notes": "Lunch detention."}),
}


@pytest.mark.parametrize("kind", OUTCOME_CASES)
def test_each_outcome_form_saves_its_record(as_user, admin, iep_student, make_referral, kind):
    code, data = OUTCOME_CASES[kind]
    if kind == "administrative-action":
        from discipline.models import AdministrativeActionType

        data = {**data, "action": str(AdministrativeActionType.objects.first().pk)}
    referral = make_referral(iep_student, code)
    url = reverse("discipline:outcome-create", args=[referral.pk, kind])
    client = as_user(admin)
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, text(response)
    assert response.url == reverse("discipline:referral-detail", args=[referral.pk])


def test_an_expulsion_follows_a_pending_recommendation(as_user, admin, student, make_referral):
    referral = make_referral(student, "1.1")
    recommendation = services.expulsion_recommendation_record(
        actor=admin, referral=referral, recommended_on=INCIDENT_DAY
    )
    url = reverse("discipline:outcome-create", args=[referral.pk, "expulsion"])
    response = as_user(admin).post(
        url,
        {
            "recommendation": recommendation.pk,
            "ordered_on": "2026-10-20",
            "starts_on": "2026-10-21",
            "ends_on": "2027-06-11",
            "days_lost": "100",
        },
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == "expelled"


def test_an_expulsion_recommendation_for_3_9_is_refused_with_noexp(
    as_user, admin, student, make_referral
):
    referral = make_referral(student, "3.9")
    url = reverse("discipline:outcome-create", args=[referral.pk, "expulsion-recommendation"])
    response = as_user(admin).post(url, {"recommended_on": DAY, "notes": "Keep this note."})
    assert response.status_code == 200
    assert "[NOEXP]" in text(response) and "Keep this note." in text(response)
    assert not ExpulsionRecommendation.objects.exists()


def test_a_category_1_referral_cannot_close_without_a_recommendation(
    as_user, admin, student, make_referral
):
    referral = make_referral(student, "1.1")
    response = as_user(admin).post(
        reverse("discipline:referral-close", args=[referral.pk]), {"admin_notes": "My notes."}
    )
    assert response.status_code == 200
    assert "[CAT1]" in text(response) and "My notes." in text(response)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.OPEN


def test_a_category_3_referral_closes(as_user, admin, student, make_referral):
    referral = make_referral(student, "3.7")
    response = as_user(admin).post(
        reverse("discipline:referral-close", args=[referral.pk]), {"admin_notes": "Done."}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED and referral.admin_notes == "Done."


def test_correcting_the_reasons_runs_grade(as_user, admin, make_student, make_referral):
    referral = make_referral(make_student(grade=3), "3.7")
    url = reverse("discipline:referral-reasons", args=[referral.pk])
    client = as_user(admin)
    response = client.post(url, {"reasons": code_pks("3.7", "3.13")})
    assert response.status_code == 200 and "[GRADE]" in text(response)
    response = client.post(url, {"reasons": code_pks("3.7", "3.6")})
    assert response.status_code == 302
    assert sorted(referral.codes()) == ["3.6", "3.7"]


def test_a_correction_of_the_reasons_is_in_the_history_with_who_and_when(
    as_user, admin, student, make_referral
):
    referral = make_referral(student, "3.7", "3.5")
    recorded = referral.history.count()
    before = timezone.now()
    services.referral_update_reasons(
        actor=admin, referral=referral, reasons=codes("3.4", "3.6", "3.7")
    )

    assert referral.history.count() == recorded + 1  # one record for one correction
    correction = referral.history.latest()
    assert correction.history_user == admin
    assert before <= correction.history_date <= timezone.now()
    assert sorted(row.reasoncode.code for row in correction.reasons.all()) == ["3.4", "3.6", "3.7"]

    response = as_user(admin).get(reverse("discipline:referral-detail", args=[referral.pk]))
    shown = response.context["history"][0]
    assert (shown.who, shown.when) == (admin, correction.history_date)
    line = ("Reasons", "3.5, 3.7", "3.4, 3.6, 3.7 (added 3.4, 3.6; removed 3.5)")
    assert shown.changes == [line]
    assert "Reasons: 3.5, 3.7 → 3.4, 3.6, 3.7 (added 3.4, 3.6; removed 3.5)" in text(response)


def test_a_refused_correction_of_the_reasons_leaves_the_history_as_it_was(
    admin, make_student, make_referral
):
    referral = make_referral(make_student(grade=3), "3.7")
    recorded = referral.history.count()
    with pytest.raises(ValidationError, match=r"\[GRADE\]"):
        services.referral_update_reasons(
            actor=admin, referral=referral, reasons=codes("3.7", "3.13")
        )
    assert referral.history.count() == recorded
    assert referral.codes() == ["3.7"]


# --- voiding ------------------------------------------------------------------------------


def test_a_suspension_is_voided_with_a_reason_and_stays_marked(
    as_user, admin, student, make_referral, suspend, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    suspension = suspend(referral)
    url = reverse("discipline:record-void", args=["suspension", suspension.pk])
    client = as_user(admin)
    response = client.post(url, {"void_reason": ""})
    assert response.status_code == 200 and "This field is required." in text(response)
    response = client.post(url, {"void_reason": "Entered for the wrong student."})
    assert response.status_code == 302
    suspension.refresh_from_db()
    assert suspension.is_voided and suspension.void_reason == "Entered for the wrong student."
    page = text(client.get(reverse("discipline:referral-detail", args=[referral.pk])))
    assert "Voided" in page and "Entered for the wrong student." in page


def test_a_teacher_cannot_void(as_user, teacher, student, make_referral):
    referral = make_referral(student, "3.7")
    url = reverse("discipline:record-void", args=["referral", referral.pk])
    assert as_user(teacher).post(url, {"void_reason": "Mistake."}).status_code == 404
    referral.refresh_from_db()
    assert not referral.is_voided


# --- the parent notice ----------------------------------------------------------------------


@pytest.fixture
def spanish_suspension(make_student, make_referral, suspend, give_alternatives):
    student = make_student(home_language="es", first_name="Lucía", last_name="Pérez")
    give_alternatives(student)
    return suspend(make_referral(student, "3.1a"), days=2)


def test_the_notice_is_in_the_familys_language_whatever_the_viewers(
    as_user, admin, spanish_suspension
):
    client = as_user(admin)
    response = client.get(reverse("discipline:suspension-notice", args=[spanish_suspension.pk]))
    html = text(response)
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "Aviso de suspensión" in html
    assert "Causó una lesión física a otra persona" in html
    assert "lunes 5 de octubre de 2026" in html and "martes 6 de octubre de 2026" in html
    assert "Su derecho a apelar" in html
    assert "dentro de los 5 días escolares" in html
    assert "Notice of suspension" not in html


def test_an_english_notice_states_the_offense_dates_contact_and_appeal(
    as_user, admin, student, make_referral, suspend, give_alternatives
):
    give_alternatives(student)
    suspension = suspend(make_referral(student, "3.1a"), days=2)
    html = text(as_user(admin).get(reverse("discipline:suspension-notice", args=[suspension.pk])))
    assert "Notice of suspension" in html
    assert "3.1a: Caused physical injury to another person" in html
    assert "Monday, October 5, 2026" in html and "Tuesday, October 6, 2026" in html
    assert "by telephone" in html and "we spoke with you" in html
    assert "Your right to appeal" in html and "within 5 school days" in html


@pytest.fixture
def english_notice_seen_in_spanish(
    settings, as_user, admin, student, make_referral, suspend, give_alternatives
):
    """An English family's notice, opened by an administrator whose interface is Spanish."""
    give_alternatives(student)
    suspension = suspend(make_referral(student, "3.1a"), days=2)
    client = as_user(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    return text(client.get(reverse("discipline:suspension-notice", args=[suspension.pk])))


def test_the_notice_ignores_the_viewers_language(english_notice_seen_in_spanish):
    html = english_notice_seen_in_spanish
    assert '<html lang="en">' in html and "Notice of suspension" in html
    assert "Aviso de suspensión" not in html


def test_an_english_notice_keeps_english_titles_for_a_spanish_viewer(
    english_notice_seen_in_spanish,
):
    html = english_notice_seen_in_spanish
    assert "Caused physical injury to another person" in html
    assert "Causó una lesión física" not in html


def test_staff_pages_show_reason_titles_in_the_viewers_language(
    settings, as_user, admin, teacher, student, make_referral
):
    referral = make_referral(student, "3.1a")
    client = as_user(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = text(client.get(reverse("discipline:referral-detail", args=[referral.pk])))
    assert "Causó una lesión física a otra persona" in html
    assert "Caused physical injury to another person" not in html
    teacher_client = as_user(teacher)
    teacher_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    form = text(teacher_client.get(reverse("discipline:referral-create")))
    assert "Desafío intencional" in form and "Obscenidad, groserías o vulgaridad" in form
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = text(client.get(reverse("discipline:referral-detail", args=[referral.pk])))
    assert "Caused physical injury to another person" in english


def test_the_appeal_timeline_is_a_district_setting(settings, as_user, admin, spanish_suspension):
    settings.DISCIPLINE = {**settings.DISCIPLINE, "APPEAL_WRITTEN_SCHOOL_DAYS": 10}
    url = reverse("discipline:suspension-notice", args=[spanish_suspension.pk])
    assert "dentro de los 10 días escolares" in text(as_user(admin).get(url))


def test_the_notice_downloads_as_pdf(as_user, admin, spanish_suspension):
    response = as_user(admin).get(
        reverse("discipline:suspension-notice-pdf", args=[spanish_suspension.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "-es.pdf" in response["Content-Disposition"]


def test_a_teacher_cannot_open_a_notice(as_user, teacher, spanish_suspension):
    url = reverse("discipline:suspension-notice", args=[spanish_suspension.pk])
    assert as_user(teacher).get(url).status_code == 404


# --- the student's history ----------------------------------------------------------------


def test_reading_a_students_history_is_logged(
    as_user, admin, student, make_referral, suspend, give_alternatives
):
    give_alternatives(student)
    suspend(make_referral(student, "3.1a"), days=3)
    response = as_user(admin).get(reverse("discipline:student-history", args=[student.pk]))
    assert response.status_code == 200
    history = response.context["history"]
    assert (history.days_used, history.day_limit, history.days_left) == (3, 20, 17)
    assert StudentRecordView.objects.filter(student=student, viewer=admin).count() == 1


def test_teachers_and_other_schools_get_404_on_a_students_history(
    as_user, teacher, other_admin, student
):
    url = reverse("discipline:student-history", args=[student.pk])
    assert as_user(teacher).get(url).status_code == 404
    assert as_user(other_admin).get(url).status_code == 404
    assert not StudentRecordView.objects.exists()


def test_district_staff_read_the_log_of_history_readings(as_user, admin, district, student):
    as_user(admin).get(reverse("discipline:student-history", args=[student.pk]))
    response = as_user(district).get(reverse("discipline:record-view-list"))
    assert response.status_code == 200
    assert student.student_id in text(response)
    assert as_user(admin).get(reverse("discipline:record-view-list")).status_code == 404


# --- landing pages --------------------------------------------------------------------------


def test_the_teachers_home_offers_a_new_referral_and_their_recent_ones(
    as_user, teacher, student, make_referral
):
    make_referral(student, "3.7")
    html = text(as_user(teacher).get("/"))
    assert reverse("discipline:referral-create") in html
    assert student.name in html


def test_the_administrators_home_counts_the_queue_and_lists_what_is_due(
    as_user, admin, student, make_student, make_referral, wd_referral, suspend, give_alternatives
):
    make_referral(student, "3.7")
    late = wd_referral(make_student(last_name="Late"))
    near = make_student(last_name="Near")
    give_alternatives(near)
    for day in (5, 12, 19, 26):
        start = datetime.date(2026, 10, day)
        suspend(make_referral(near, "3.1a", day=start), days=4, start=start)
    response = as_user(admin).get("/")
    assert response.context["open_count"] == 6
    assert [r.pk for r in response.context["wd_overdue"]] == [late.pk]
    assert [(r.student, r.days, r.left) for r in response.context["near_limit"]] == [(near, 16, 4)]


def test_supports_home_lists_students_with_open_interventions(
    as_user, support, student, make_student, give_alternatives
):
    give_alternatives(student, tier3=0)
    html = text(as_user(support).get("/"))
    assert student.name in html


def test_district_home_links_to_reports_and_the_log(as_user, district):
    # District staff land on the reports' home ("how are we doing").
    html = text(as_user(district).get("/", follow=True))
    assert reverse("discipline:record-view-list") in html
    assert reverse("reporting:public-index") in html


@pytest.mark.parametrize("role", [Role.TEACHER, Role.SUPPORT, Role.ADMINISTRATOR])
def test_each_role_sees_its_links(as_user, school, role):
    user = UserFactory(role=role, schools=[school])
    html = text(as_user(user).get("/"))
    if role == Role.TEACHER:
        assert reverse("discipline:referral-list") in html
    if role == Role.SUPPORT:
        assert reverse("interventions:open-list") in html
    if role == Role.ADMINISTRATOR:
        # The queue opens on the open referrals without asking (issue 16).
        assert f'href="{reverse("discipline:referral-list")}"' in html


# --- the selectors behind the queue and the landing pages ---------------------------------


def test_overdue_follow_ups_agree_with_the_school_calendar(teacher, make_student, wd_referral):
    from discipline import selectors
    from people.calendar import school_days_after

    # Thursday, Friday, then Monday to Friday of the next week
    referrals = [
        wd_referral(make_student(), day=datetime.date(2026, 10, day)) for day in (1, 2, 5, 6, 9)
    ]
    for offset in range(0, 21):
        today = datetime.date(2026, 10, 1) + datetime.timedelta(days=offset)
        expected = {r.pk for r in referrals if today > school_days_after(r.referred_on, 5)}
        found = set(selectors.wd_followups_overdue(teacher, today).values_list("pk", flat=True))
        assert found == expected, today
