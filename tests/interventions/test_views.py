"""Recording and following interventions through the HTTP client."""

import re

import pytest
from django.urls import reverse

from interventions.models import Intervention, InterventionOutcome, InterventionType, MatrixEntry
from tests.conftest import INCIDENT_DAY

pytestmark = pytest.mark.django_db

DAY = INCIDENT_DAY.isoformat()


def post_data(student, **overrides):
    data = {
        "student": str(student.pk),
        "intervention_type": str(InterventionType.objects.first().pk),
        "tier": "3",
        "started_on": DAY,
        "outcome": "in_progress",
        "notes": "Weekly check-in with the counselor.",
    }
    data.update(overrides)
    return data


def text(response):
    return response.content.decode()


def test_support_staff_record_a_tier_three_intervention(client, support, student):
    client.force_login(support)
    response = client.post(
        reverse("interventions:intervention-create"),
        post_data(student, provider=str(support.pk)),
    )
    intervention = Intervention.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("interventions:intervention-detail", args=[intervention.pk])
    assert (intervention.tier, intervention.provider, intervention.recorded_by) == (
        3,
        support,
        support,
    )


def test_an_intervention_from_the_matrix_is_linked_to_the_referral(
    client, admin, student, make_referral
):
    referral = make_referral(student, "3.1a")
    entry = MatrixEntry.objects.filter(reason_code__code="3.1a", grade_band="6-8", tier=3).first()
    client.force_login(admin)
    url = reverse("interventions:intervention-create")
    page = client.get(url, {"referral": referral.pk, "type": entry.intervention_type_id, "tier": 3})
    form = page.context["form"]
    assert form["intervention_type"].value() == entry.intervention_type_id
    assert str(form["tier"].value()) == "3"
    assert form["student"].value() == student.pk
    response = client.post(
        url,
        post_data(
            student,
            referral=str(referral.pk),
            intervention_type=str(entry.intervention_type_id),
            provider=str(admin.pk),
        ),
    )
    assert response.status_code == 302
    assert response.url == reverse("discipline:referral-detail", args=[referral.pk])
    assert Intervention.objects.get().referral == referral


def test_teachers_record_tier_one_and_two_only(client, teacher, student):
    client.force_login(teacher)
    url = reverse("interventions:intervention-create")
    response = client.post(url, post_data(student, tier="3", provider=str(teacher.pk)))
    assert response.status_code == 200
    assert not Intervention.objects.exists()
    response = client.post(url, post_data(student, tier="2", provider=str(teacher.pk)))
    assert response.status_code == 302
    assert Intervention.objects.get().provider == teacher


def test_an_end_before_the_start_is_explained(client, support, student):
    client.force_login(support)
    response = client.post(
        reverse("interventions:intervention-create"),
        post_data(student, ended_on="2026-10-01", provider=str(support.pk)),
    )
    assert response.status_code == 200
    assert "cannot end before it started" in text(response)
    assert not Intervention.objects.exists()


def test_a_date_outside_every_school_year_is_explained_beside_the_date(client, support, student):
    client.force_login(support)
    response = client.post(
        reverse("interventions:intervention-create"),
        post_data(student, started_on="2020-01-06", provider=str(support.pk), notes="Kept."),
    )
    assert response.status_code == 200
    html = text(response)
    assert re.search(r'id="error_\d+_id_started_on"', html)
    assert "Kept." in html


def test_a_student_of_another_school_cannot_be_chosen(client, support, make_student, other_school):
    client.force_login(support)
    outsider = make_student(at=other_school)
    response = client.post(
        reverse("interventions:intervention-create"),
        post_data(outsider, provider=str(support.pk)),
    )
    assert response.status_code == 200
    assert not Intervention.objects.exists()


@pytest.fixture
def intervention(student, record_intervention):
    return record_intervention(student)


def test_support_staff_follow_an_intervention_to_its_outcome(client, support, intervention):
    client.force_login(support)
    url = reverse("interventions:intervention-detail", args=[intervention.pk])
    response = client.post(
        url,
        {
            "ended_on": "2026-10-30",
            "outcome": "improved",
            "provider": str(support.pk),
            "notes": "Fewer incidents.",
        },
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.outcome == InterventionOutcome.IMPROVED
    page = text(client.get(url))
    assert "Behavior improved" in page and "Change history" in page


def test_an_update_ending_before_the_start_is_refused_and_kept(client, support, intervention):
    client.force_login(support)
    url = reverse("interventions:intervention-detail", args=[intervention.pk])
    response = client.post(
        url, {"ended_on": "2026-09-01", "outcome": "improved", "provider": str(support.pk)}
    )
    assert response.status_code == 200
    assert 'value="2026-09-01"' in text(response)
    assert "cannot end before it started" in text(response)
    intervention.refresh_from_db()
    assert intervention.ended_on is None


def test_the_open_list_shows_students_with_open_interventions_only(
    client, support, intervention, make_student, record_intervention
):
    done = make_student(last_name="Finished")
    record_intervention(done, ended_on=INCIDENT_DAY, outcome=InterventionOutcome.IMPROVED)
    client.force_login(support)
    response = client.get(reverse("interventions:open-list"))
    students = list(response.context["page"])
    assert students == [intervention.student]


def test_the_intervention_list_filters_by_tier(client, admin, intervention):
    client.force_login(admin)
    url = reverse("interventions:intervention-list")
    assert client.get(url, {"tier": "2"}).context["page"].paginator.count == 1
    assert client.get(url, {"tier": "3"}).context["page"].paginator.count == 0
    assert client.get(url, {"started_from": "bad"}).status_code == 200


def test_a_teacher_sees_only_interventions_they_provided(client, teacher, intervention, school):
    client.force_login(teacher)
    url = reverse("interventions:intervention-detail", args=[intervention.pk])
    assert client.get(url).status_code == 404


def test_support_may_void_an_intervention_recorded_in_error(client, support, intervention):
    client.force_login(support)
    url = reverse("discipline:record-void", args=["intervention", intervention.pk])
    response = client.post(url, {"void_reason": "Recorded for the wrong student."})
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.is_voided


def test_searching_for_a_student_without_javascript(client, support, make_student):
    wanted = make_student(last_name="Xiong")
    client.force_login(support)
    response = client.post(
        reverse("interventions:intervention-create"),
        {"q": "Xio", "find": "1", "notes": "Kept."},
    )
    assert response.status_code == 200
    assert f'value="{wanted.pk}"' in text(response)
    assert "Kept." in text(response)


def test_the_open_list_takes_a_fixed_number_of_queries(
    client, support, make_student, record_intervention, django_assert_max_num_queries
):
    for _ in range(8):
        record_intervention(make_student())
    client.force_login(support)
    # 12, and one for the unread-notifications count in the navigation.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("interventions:open-list"))
    assert len(response.context["page"]) == 8


def test_district_staff_do_not_record_interventions(client, district):
    client.force_login(district)
    assert client.get(reverse("interventions:intervention-create")).status_code == 404
