"""Fault 5 of issue 10: a form submitted twice makes one record.

Every form that creates a record carries a submission token
(``people.submissions.SubmissionTokenMixin``); the second post of a token
returns the first post's record instead of saving another. On PostgreSQL the
two posts also race at the same moment (``test_double_submit_race``).
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from discipline.models import ExpulsionRecommendation, Referral, Suspension
from district.models import (
    ROI_FEATURES,
    PoliceDeployment,
    RjTraining,
    RoiScore,
    SafetyStaffingLine,
)
from imports.models import ImportRun
from interventions.models import Intervention, InterventionType
from people.models import FormSubmission
from tests.conftest import INCIDENT_DAY
from tests.reporting.test_report_rj import listed  # noqa: F401 - the fixture

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


# --- district data and the SIS import (issue 10, item 2: every form that creates a record) ---

TOKEN_FIELD = re.compile(r'name="[\w-]*submission_token"')
ROI_SCORES = {name: "4" for name, _label in ROI_FEATURES}


def test_every_district_data_form_and_the_import_upload_render_a_submission_token(
    client, district, school
):
    client.force_login(district)
    forms_on_page = {
        reverse("reporting:deployment-create"): 1,
        reverse("reporting:staffing-create"): 1,
        reverse("reporting:roi-entry"): 2,  # one school's scores; the CSV upload
        reverse("imports:import-index"): 1,
    }
    for page, forms in forms_on_page.items():
        html = client.get(page).content.decode()
        assert len(TOKEN_FIELD.findall(html)) == forms, page


def test_a_police_deployment_posted_twice_is_saved_once(client, district, school):
    client.force_login(district)
    url = reverse("reporting:deployment-create")
    data = {
        "school": school.pk,
        "starts_on": DAY,
        "ends_on": DAY,
        "reason": "mass_threat",
        "submission_token": "h" * 32,
    }
    first, second = client.post(url, data), client.post(url, data)
    assert PoliceDeployment.objects.count() == 1
    assert first.status_code == second.status_code == 302 and first.url == second.url
    client.post(url, {**data, "submission_token": "i" * 32})  # another form: another record
    assert PoliceDeployment.objects.count() == 2


def test_a_staffing_line_posted_twice_is_saved_once_and_the_repeat_lands_as_the_first(
    client, district, school_year
):
    client.force_login(district)
    url = reverse("reporting:staffing-create")
    data = {
        "school_year": school_year.pk,
        "position": "School safety officer",
        "location": "school_site",
        "ftes": "12.0",
        "budget": "1000000",
        "submission_token": "j" * 32,
    }
    first, second = client.post(url, data), client.post(url, data)
    assert SafetyStaffingLine.objects.count() == 1
    # Not "this line already exists": the second post of the form is the first.
    assert first.status_code == second.status_code == 302 and first.url == second.url
    # A new form for the same position is told the line exists.
    third = client.post(url, {**data, "submission_token": "k" * 32})
    assert third.status_code == 200 and third.context["form"].errors
    assert SafetyStaffingLine.objects.count() == 1


def test_roi_scores_and_the_roi_upload_posted_twice_are_saved_once(
    client, district, school, school_year
):
    client.force_login(district)
    url = reverse("reporting:roi-entry")
    data = {"school": school.code, "school_year": school_year.pk, **ROI_SCORES}
    for _ in range(2):
        assert client.post(url, {**data, "submission_token": "l" * 32}).status_code == 302
    assert RoiScore.objects.count() == 1
    assert FormSubmission.objects.filter(user=district, token="l" * 32).count() == 1

    header = ",".join(["school_code", "school_year", *ROI_SCORES])
    row = ",".join([school.code, school_year.name, *("3" * len(ROI_SCORES))])
    for _ in range(2):
        upload = SimpleUploadedFile("roi.csv", f"{header}\n{row}\n".encode())
        answer = client.post(url, {"file": upload, "submission_token": "m" * 32})
        assert answer.status_code == 302
    assert RoiScore.objects.get().leadership == 3
    assert FormSubmission.objects.filter(user=district, token="m" * 32).count() == 1


def test_an_rj_finding_and_an_rj_training_posted_twice_are_recorded_once(
    client,
    district,
    listed,  # noqa: F811 - the fixture
):
    year, found = listed
    client.force_login(district)
    url = reverse("reporting:report-rj") + f"?year={year.name}"
    html = client.get(url).content.decode()
    assert len(TOKEN_FIELD.findall(html)) == 1  # the finding's form; no training yet
    finding = {"finding-found_on": "2026-10-01", "finding-submission_token": "n" * 32}
    first, second = client.post(url, finding), client.post(url, finding)
    assert first.status_code == second.status_code == 302
    assert RjTraining.objects.count() == len(found)
    assert FormSubmission.objects.filter(user=district, token="n" * 32).count() == 1

    html = client.get(url).content.decode()
    assert len(TOKEN_FIELD.findall(html)) == 2  # and now the training's
    training = {
        "training-finding": RjTraining.objects.first().pk,
        "training-trained_on": "2026-11-02",
        "training-submission_token": "o" * 32,
    }
    for _ in range(2):
        assert client.post(url, training).status_code == 302
    assert RjTraining.objects.filter(trained_on__isnull=False).count() == 1
    assert FormSubmission.objects.filter(user=district, token="o" * 32).count() == 1


def test_the_sis_import_upload_posted_twice_makes_one_dry_run(client, district):
    client.force_login(district)
    url = reverse("imports:import-index")
    answers = [
        client.post(
            url,
            {
                "file": SimpleUploadedFile("students.csv", b"student_id\n"),
                "submission_token": "p" * 32,
            },
        )
        for _ in range(2)
    ]
    run = ImportRun.objects.get()
    target = reverse("imports:import-detail", args=[run.pk])
    assert [(a.status_code, a.url) for a in answers] == [(302, target)] * 2
