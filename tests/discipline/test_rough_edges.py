"""The rough edges a new user hit (issue 16, item 9): each test failed before
its fix."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from discipline import services
from discipline.models import ReasonCode
from people.models import Role, User
from tests.conftest import INCIDENT_DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_the_wd_intervention_due_message_is_gone_once_an_intervention_is_recorded(
    as_user, admin, student, make_referral, record_intervention
):
    referral = make_referral(student, "WD")
    url = reverse("discipline:referral-detail", args=[referral.pk])
    assert "an intervention is due by" in as_user(admin).get(url).content.decode()
    record_intervention(student, tier=1, referral=referral)
    services.referral_close(actor=admin, referral=referral)
    assert "an intervention is due by" not in as_user(admin).get(url).content.decode()


def test_a_closed_referral_offers_no_outcome_buttons(as_user, admin, student, make_referral):
    referral = make_referral(student, "3.1a")
    url = reverse("discipline:referral-detail", args=[referral.pk])
    suspension_link = reverse("discipline:outcome-create", args=[referral.pk, "suspension"])
    assert suspension_link in as_user(admin).get(url).content.decode()
    services.referral_close(actor=admin, referral=referral)
    html = as_user(admin).get(url).content.decode()
    assert suspension_link not in html
    assert 'id="closed-note"' in html


def test_an_alt_refusal_offers_the_next_steps_as_links(as_user, admin, student, make_referral):
    referral = make_referral(student, "3.1a")
    response = as_user(admin).post(
        reverse("discipline:outcome-create", args=[referral.pk, "suspension"]),
        {
            "kind": "out_of_school",
            "start_date": INCIDENT_DAY.isoformat(),
            "school_days": "1",
            "parent_contacted_at": "2026-10-05T15:00",
            "parent_contact_method": "phone",
            "parent_contacted_by": str(admin.pk),
            "parent_contact_result": "reached",
            "notice_language": "en",
        },
    )
    html = response.content.decode()
    assert "[ALT]" in html
    assert 'id="alt-next-steps"' in html
    create = reverse("interventions:intervention-create")
    assert f"{create}?referral={referral.pk}&amp;type=" in html
    assert "tier=3" in html
    assert reverse("discipline:outcome-create", args=[referral.pk, "safety-finding"]) in html


def test_willful_defiance_comes_first_on_the_teachers_form(as_user, teacher):
    html = as_user(teacher).get(reverse("discipline:referral-create")).content.decode()
    wd = ReasonCode.objects.get(code="WD")
    first_cat3 = ReasonCode.objects.filter(category=3).exclude(code="WD").order_by("position")[0]
    assert html.index(f'id="reason-{wd.pk}"') < html.index(f'id="reason-{first_cat3.pk}"')


def test_the_required_parent_contact_fields_are_marked_required(
    as_user, admin, student, make_referral
):
    referral = make_referral(student, "3.1a")
    html = (
        as_user(admin)
        .get(reverse("discipline:outcome-create", args=[referral.pk, "suspension"]))
        .content.decode()
    )
    for name in ("parent_contacted_at", "parent_contact_method", "parent_contacted_by"):
        tag = html[html.index(f'id="id_{name}"') - 300 : html.index(f'id="id_{name}"') + 300]
        assert 'aria-required="true"' in tag, name
    assert "Fields marked * are required." in html


def test_the_notice_rule_says_what_to_record_in_plain_words(
    admin, student, make_referral, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    with pytest.raises(ValidationError) as refused:
        services.suspension_record(
            actor=admin,
            referral=referral,
            kind="out_of_school",
            start_date=INCIDENT_DAY,
            school_days=1,
        )
    text = str(refused.value)
    assert "Record the result of the parent contact attempt." in text
    assert "the result the parent was contacted" not in text


def test_the_publication_progress_does_not_count_zero_seconds():
    from pathlib import Path

    template = Path("templates/reporting/publication_detail.html").read_text()
    assert "seconds so far" not in template
    assert "started at" in template


def test_there_is_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
    assert 'rel="icon"' in client.get(reverse("login")).content.decode()


def test_the_language_switcher_does_not_submit_on_change(client):
    html = client.get(reverse("login")).content.decode()
    start = html.index('action="/i18n/setlang/"')
    form = html[start : html.index("</form>", start)]
    assert "onchange" not in form
    assert "<noscript>" not in form
    assert 'type="submit"' in form


def test_passwords_are_hashed_with_argon2_and_old_hashes_upgrade_on_login(settings, school):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = User.objects.create_user("ana", password="x")
    assert user.password.startswith("argon2")
    old = User.objects.create(
        username="olga", password=make_password("s3cret-pass", hasher="pbkdf2_sha256")
    )
    assert old.password.startswith("pbkdf2_sha256")
    assert authenticate(username="olga", password="s3cret-pass") is not None
    old.refresh_from_db()
    assert old.password.startswith("argon2")


def test_the_project_settings_put_argon2_first():
    from config import settings as project

    assert project.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_superuser_from_createsuperuser_reads_student_pages(client, student):
    call_command("createsuperuser", username="steward", email="s@example.org", interactive=False)
    steward = User.objects.get(username="steward")
    assert steward.role == Role.DISTRICT
    client.force_login(steward)
    response = client.get(reverse("discipline:student-history", args=[student.pk]))
    assert response.status_code == 200
