"""Fault 5 of issue 10: a form submitted twice makes one record.

Every form that creates a record carries a submission token
(``people.submissions.SubmissionTokenMixin``); the second post of a token
returns the first post's record instead of saving another. On PostgreSQL the
two posts also race at the same moment (``test_double_submit_race``).
"""

import pytest
from django.urls import reverse

from discipline.models import ExpulsionRecommendation, Referral, Suspension
from interventions.models import Intervention, InterventionType
from tests.conftest import INCIDENT_DAY

pytestmark = pytest.mark.django_db

DAY = INCIDENT_DAY.isoformat()


def suspension_post(token):
    return {
        "kind": "out_of_school",
        "start_date": DAY,
        "school_days": "1",
        "parent_contacted_at": "2026-10-05T15:00",
        "parent_contact_method": "phone",
        "parent_contact_result": "reached",
        "notice_language": "en",
        "submission_token": token,
    }


def test_every_form_that_creates_a_record_renders_a_submission_token(
    client, admin, teacher, student, make_referral
):
    referral = make_referral(student, "3.1a")
    client.force_login(admin)
    pages = [
        reverse("discipline:outcome-create", args=[referral.pk, kind])
        for kind in ("suspension", "transfer", "expulsion-recommendation", "administrative-action")
    ] + [reverse("interventions:intervention-create"), reverse("discipline:referral-create")]
    for page in pages:
        html = client.get(page).content.decode()
        assert html.count('name="submission_token"') == 1, page


def test_a_suspension_posted_twice_with_one_token_is_saved_once(
    client, admin, student, make_referral, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    client.force_login(admin)
    url = reverse("discipline:outcome-create", args=[referral.pk, "suspension"])
    first = client.post(url, suspension_post("a" * 32))
    second = client.post(url, suspension_post("a" * 32))
    assert Suspension.objects.filter(referral=referral).count() == 1
    suspension = Suspension.objects.get(referral=referral)
    # The second post lands where the first did.
    assert first.status_code == second.status_code == 302
    assert second.url == first.url == reverse("discipline:suspension-detail", args=[suspension.pk])
    # Another token is another suspension.
    client.post(url, suspension_post("b" * 32))
    assert Suspension.objects.filter(referral=referral).count() == 2


def test_an_outcome_refused_by_the_rules_can_be_posted_again_with_its_token(
    client, admin, student, make_referral
):
    referral = make_referral(student, "3.1a")  # no alternatives on record: ALT refuses
    client.force_login(admin)
    url = reverse("discipline:outcome-create", args=[referral.pk, "suspension"])
    assert client.post(url, suspension_post("c" * 32)).status_code == 200
    assert not Suspension.objects.exists()


def test_an_expulsion_recommendation_and_an_intervention_posted_twice_are_saved_once(
    client, admin, student, make_referral
):
    referral = make_referral(student, "1.1")
    client.force_login(admin)
    url = reverse("discipline:outcome-create", args=[referral.pk, "expulsion-recommendation"])
    for _ in range(2):
        client.post(url, {"recommended_on": DAY, "submission_token": "d" * 32})
    assert ExpulsionRecommendation.objects.filter(referral=referral).count() == 1

    data = {
        "student": student.pk,
        "intervention_type": InterventionType.objects.filter(active=True).first().pk,
        "tier": "2",
        "started_on": DAY,
        "provider": admin.pk,
        "outcome": "in_progress",
        "submission_token": "e" * 32,
    }
    for _ in range(2):
        assert client.post(reverse("interventions:intervention-create"), data).status_code == 302
    assert Intervention.objects.filter(student=student).count() == 1


def test_a_referral_posted_twice_is_saved_once(client, teacher, student):
    from tests.discipline.test_views import referral_post

    client.force_login(teacher)
    for _ in range(2):
        client.post(reverse("discipline:referral-create"), referral_post([student], "3.1a"))
    assert Referral.objects.filter(student=student).count() == 1


def test_the_publish_button_pressed_twice_publishes_one_version(client, district):
    from reporting.models import Publication

    client.force_login(district)
    page = client.get(reverse("reporting:district-index")).content.decode()
    assert page.count('name="submission_token"') == 1
    data = {"month": "2026-10", "note": "", "submission_token": "g" * 32}
    first = client.post(reverse("reporting:publication-create"), data)
    second = client.post(reverse("reporting:publication-create"), data)
    assert Publication.objects.count() == 1
    assert first.url == second.url
