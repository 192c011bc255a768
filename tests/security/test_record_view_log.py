"""Fault 8 of issue 10: every read of a student's records is logged.

The referral page, a suspension and its notice (page and PDF), an
intervention, the student's history, the admin's change and history pages
and the admin's lists of records: each read is one line per student in the
log (``StudentRecordView``), with the page read. A page that is not found
logs nothing.
"""

import pytest
from django.urls import reverse

from discipline.models import StudentRecordView

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(student, make_referral, suspend, give_alternatives, record_intervention):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    return {
        "referral": referral,
        "suspension": suspend(referral),
        "intervention": record_intervention(student, referral=referral),
        "student": student,
    }


def logged(student, viewer):
    return list(
        StudentRecordView.objects.filter(student=student, viewer=viewer).values_list(
            "page", flat=True
        )
    )


@pytest.mark.parametrize(
    ("name", "record"),
    [
        ("discipline:referral-detail", "referral"),
        ("discipline:suspension-detail", "suspension"),
        ("discipline:suspension-notice", "suspension"),
        ("discipline:suspension-notice-pdf", "suspension"),
        ("interventions:intervention-detail", "intervention"),
        ("discipline:student-history", "student"),
    ],
)
def test_each_page_of_a_students_records_logs_the_read(client, admin, records, name, record):
    client.force_login(admin)
    url = reverse(name, args=[records[record].pk])
    assert client.get(url).status_code == 200
    assert logged(records["student"], admin) == [url]


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:discipline_referral_change",
        "admin:discipline_referral_history",
    ],
)
def test_the_admins_record_pages_log_the_read(client, district, records, url_name):
    client.force_login(district)
    url = reverse(url_name, args=[records["referral"].pk])
    assert client.get(url).status_code == 200
    assert logged(records["student"], district) == [url]


def test_a_past_version_in_the_admin_logs_the_read(client, district, records):
    client.force_login(district)
    version = records["referral"].history.first()
    url = reverse(
        "admin:discipline_referral_simple_history",
        args=[records["referral"].pk, version.history_id],
    )
    assert client.get(url).status_code == 200
    assert logged(records["student"], district) == [url]


def test_an_admin_list_logs_each_student_on_the_page(
    client, district, records, make_student, make_referral
):
    second = make_student()
    make_referral(second, "3.1a")
    client.force_login(district)
    url = reverse("admin:discipline_referral_changelist")
    assert client.get(url).status_code == 200
    assert logged(records["student"], district) == [url]
    assert logged(second, district) == [url]


def test_a_page_not_found_logs_nothing(client, other_admin, records):
    client.force_login(other_admin)
    assert (
        client.get(reverse("discipline:referral-detail", args=[records["referral"].pk])).status_code
        == 404
    )
    assert not StudentRecordView.objects.exists()
