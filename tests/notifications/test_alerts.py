"""Alerts that reach the right person, by email after the write commits
(issue 16, item 6), and the family's notice by email (NOTICE)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from interventions import services as intervention_services
from interventions.models import InterventionType
from notifications.models import DeliveryStatus, FamilyNoticeDelivery, Kind, Notification
from notifications.services import preferences_update
from tests.conftest import INCIDENT_DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(admin, teacher, support, other_admin):
    for user, address in (
        (admin, "alice@example.org"),
        (teacher, "tom@example.org"),
        (support, "sam@example.org"),
        (other_admin, "oscar@example.org"),
    ):
        user.email = address
        user.save()


def test_a_new_referral_tells_the_schools_administrators_after_commit(
    django_capture_on_commit_callbacks, emails, admin, other_admin, student, make_referral
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        referral = make_referral(student, "3.1a")
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert referral.student.name in mail.outbox[0].body
    notification = Notification.objects.get(recipient=admin)
    assert notification.kind == Kind.REFERRAL_CREATED
    assert notification.url == reverse("discipline:referral-detail", args=[referral.pk])
    assert not Notification.objects.filter(recipient=other_admin).exists()


def test_a_refused_referral_tells_nobody(
    django_capture_on_commit_callbacks, emails, admin, make_student, make_referral
):
    young = make_student(grade=2)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        make_referral(young, "3.9")  # GRADE: 3.9 is for grades 4-12
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_an_outcome_tells_the_referring_teacher_its_kind_only(
    django_capture_on_commit_callbacks,
    emails,
    admin,
    teacher,
    student,
    make_referral,
    suspend,
    give_alternatives,
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        suspend(referral, days=2)
    to_teacher = [m for m in mail.outbox if m.to == ["tom@example.org"]]
    assert len(to_teacher) == 1
    assert "Out-of-school suspension" in to_teacher[0].body
    assert Notification.objects.filter(recipient=teacher, kind=Kind.OUTCOME_RECORDED).exists()


def test_an_intervention_recorded_for_support_staff_tells_them(
    django_capture_on_commit_callbacks, emails, admin, support, student
):
    with django_capture_on_commit_callbacks(execute=True):
        intervention_services.intervention_record(
            actor=admin,
            student=student,
            school=admin.schools.get(),
            intervention_type=InterventionType.objects.first(),
            tier=2,
            started_on=INCIDENT_DAY,
            provider=support,
        )
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]
    assert Notification.objects.get(recipient=support).kind == Kind.INTERVENTION_ASSIGNED


def test_a_person_who_turned_email_off_gets_the_alert_in_the_app_only(
    django_capture_on_commit_callbacks, emails, admin, student, make_referral
):
    preferences_update(user=admin, choices={Kind.REFERRAL_CREATED: (True, False)})
    with django_capture_on_commit_callbacks(execute=True):
        make_referral(student, "3.1a")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=admin).count() == 1


def test_the_family_gets_the_notice_by_email_in_its_language_with_the_appeal_steps(
    django_capture_on_commit_callbacks,
    admin,
    make_student,
    make_referral,
    suspend,
    give_alternatives,
):
    student = make_student(home_language="es", family_email="familia@example.org")
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    with django_capture_on_commit_callbacks(execute=True):
        suspension = suspend(referral, days=1, notice_language="es")
    family = [m for m in mail.outbox if m.to == ["familia@example.org"]]
    assert len(family) == 1
    assert family[0].subject.startswith("Aviso de suspensión")
    assert "Su derecho a apelar esta suspensión" in family[0].body
    assert "Apelación por escrito" in family[0].body
    html, mimetype = family[0].alternatives[0]
    assert mimetype == "text/html" and 'lang="es"' in html
    delivery = FamilyNoticeDelivery.objects.get(suspension=suspension)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.address == "familia@example.org"


def test_with_no_family_address_the_attempt_is_recorded_as_such(
    admin, student, make_referral, suspend, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    suspension = suspend(referral)
    assert FamilyNoticeDelivery.objects.get(suspension=suspension).status == (
        DeliveryStatus.NO_ADDRESS
    )


def test_the_notifications_page_lists_only_ones_own_and_marks_them_read(
    client, admin, other_admin, student, make_referral
):
    make_referral(student, "3.1a")
    client.force_login(admin)
    html = client.get(reverse("notifications:notification-list")).content.decode()
    assert student.name in html
    client.post(reverse("notifications:notification-mark-read"))
    assert not Notification.objects.filter(recipient=admin, read_at__isnull=True).exists()
    client.force_login(other_admin)
    html = client.get(reverse("notifications:notification-list")).content.decode()
    assert student.name not in html


def test_preferences_are_saved_per_user(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("notifications:preference-edit"),
        {f"{Kind.REFERRAL_CREATED}__in_app": "on"},
    )
    assert response.status_code == 302
    preference = admin.notification_preferences.get(kind=Kind.REFERRAL_CREATED)
    assert preference.in_app and not preference.email
