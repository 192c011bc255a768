"""The whole incident (issue 16, item 2)."""

import pytest
from django.urls import reverse

from discipline import services
from discipline.models import AdministrativeAction, AdministrativeActionType, Location
from interventions.models import Intervention, InterventionType
from tests.conftest import INCIDENT_DAY, codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(teacher, school, make_student):
    return services.referrals_create_for_incident(
        actor=teacher,
        students=[make_student(first_name="Ana"), make_student(first_name="Ben")],
        school=school,
        incident_date=INCIDENT_DAY,
        location=Location.objects.first(),
        reasons=codes("3.1a"),
        description="A fight in the hallway.",
    )


def test_a_referral_shows_the_other_students_of_its_incident(client, admin, incident):
    first, second = incident
    client.force_login(admin)
    html = client.get(reverse("discipline:referral-detail", args=[first.pk])).content.decode()
    assert 'id="incident"' in html
    assert reverse("discipline:referral-detail", args=[second.pk]) in html
    assert 'id="process-incident"' in html


def test_the_other_students_are_shown_only_as_far_as_scope_allows(
    client, admin, other_teacher, incident
):
    first, _second = incident
    client.force_login(other_teacher)  # a teacher who referred neither
    assert client.get(reverse("discipline:referral-detail", args=[first.pk])).status_code == 404


def test_an_administrator_records_one_action_for_each_student(client, admin, incident):
    first, second = incident
    action = AdministrativeActionType.objects.filter(active=True).first()
    client.force_login(admin)
    response = client.post(
        reverse("discipline:incident-process", args=[first.pk]),
        {
            "referrals": [first.pk, second.pk],
            "record": "administrative-action",
            "action": action.pk,
            "on": INCIDENT_DAY.isoformat(),
            "tier": "2",
        },
    )
    assert response.status_code == 302
    assert set(AdministrativeAction.objects.values_list("referral_id", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_each_student_is_judged_by_the_rules_on_their_own(client, admin, incident):
    first, second = incident
    client.force_login(admin)
    kind = InterventionType.objects.first()
    # Tier III for each; then a bad date for one: the form refuses before any.
    response = client.post(
        reverse("discipline:incident-process", args=[first.pk]),
        {
            "referrals": [first.pk, second.pk],
            "record": "intervention",
            "intervention_type": kind.pk,
            "tier": "3",
            "on": "2026-08-01",  # outside every school year: refused for each
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="incident-results"' in html
    assert html.count("not recorded") == 2
    assert not Intervention.objects.exists()


def test_an_intervention_for_each_student(client, admin, incident):
    first, second = incident
    client.force_login(admin)
    response = client.post(
        reverse("discipline:incident-process", args=[first.pk]),
        {
            "referrals": [first.pk, second.pk],
            "record": "intervention",
            "intervention_type": InterventionType.objects.first().pk,
            "tier": "2",
            "on": INCIDENT_DAY.isoformat(),
        },
    )
    assert response.status_code == 302
    assert Intervention.objects.filter(referral__in=[first, second]).count() == 2


def test_only_an_administrator_processes_an_incident(client, support, teacher, incident):
    for user in (support, teacher):
        client.force_login(user)
        url = reverse("discipline:incident-process", args=[incident[0].pk])
        assert client.get(url).status_code == 404


def test_posting_the_incident_form_twice_records_once(client, admin, incident):
    first, second = incident
    action = AdministrativeActionType.objects.filter(active=True).first()
    client.force_login(admin)
    post = {
        "referrals": [first.pk, second.pk],
        "record": "administrative-action",
        "action": action.pk,
        "on": INCIDENT_DAY.isoformat(),
        "tier": "2",
        "submission_token": "same-token-1",
    }
    url = reverse("discipline:incident-process", args=[first.pk])
    assert client.post(url, post).status_code == 302
    assert client.post(url, post).status_code == 302
    assert AdministrativeAction.objects.count() == 2
