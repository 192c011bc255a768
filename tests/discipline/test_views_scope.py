"""Scope on every page (netbox's ViewTestCases, healthchecks' alice/bob):
a teacher or administrator of another school gets 404 on every record's URL,
an anonymous user is sent to log in, and lists never show another school's
records."""

import pytest
from django.urls import reverse

from people.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(student, make_referral, suspend, give_alternatives, record_intervention):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    suspension = suspend(referral)
    intervention = record_intervention(student, referral=referral)
    return {
        "referral": referral.pk,
        "suspension": suspension.pk,
        "intervention": intervention.pk,
        "student": student.pk,
    }


# Every URL that names a record, as (url name, the records it takes).
RECORD_URLS = [
    ("discipline:referral-detail", ["referral"]),
    ("discipline:referral-close", ["referral"]),
    ("discipline:referral-reasons", ["referral"]),
    *[
        ("discipline:outcome-create", ["referral", kind])
        for kind in (
            "suspension",
            "transfer",
            "expulsion-recommendation",
            "expulsion-finding",
            "expulsion",
            "law-enforcement",
            "safety-finding",
            "placement-decision",
            "administrative-action",
        )
    ],
    ("discipline:record-void", ["'referral'", "referral"]),
    ("discipline:record-void", ["'suspension'", "suspension"]),
    ("discipline:record-void", ["'intervention'", "intervention"]),
    ("discipline:suspension-detail", ["suspension"]),
    ("discipline:suspension-notice", ["suspension"]),
    ("discipline:suspension-notice-pdf", ["suspension"]),
    ("discipline:student-history", ["student"]),
    ("interventions:intervention-detail", ["intervention"]),
]
# Pages without a record: their content is scoped, their access is not.
PAGE_URLS = [
    "discipline:referral-list",
    "discipline:referral-create",
    "discipline:student-search",
    "discipline:record-view-list",
    "interventions:intervention-list",
    "interventions:open-list",
    "interventions:intervention-create",
    "home",
]


def url_of(name, parts, records):
    args = []
    for part in parts:
        if part.startswith("'"):
            args.append(part.strip("'"))
        elif part in records:
            args.append(records[part])
        else:
            args.append(part)
    return reverse(name, args=args)


def _id(case):
    name, parts = case
    return f"{name}({','.join(p.strip(chr(39)) for p in parts)})"


@pytest.fixture
def outsiders(other_school):
    """A teacher, an administrator and a support person of another school."""
    return [
        UserFactory(role=role, schools=[other_school])
        for role in (Role.TEACHER, Role.ADMINISTRATOR, Role.SUPPORT)
    ]


@pytest.mark.parametrize("case", RECORD_URLS, ids=[_id(c) for c in RECORD_URLS])
def test_every_record_is_404_for_another_school_and_asks_anonymous_to_log_in(
    client, records, outsiders, case
):
    url = url_of(*case, records)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    for outsider in outsiders:
        client.force_login(outsider)
        for method in (client.get, client.post):
            status = method(url).status_code
            assert status == 404, f"{outsider.role} {method.__name__} {url}: {status}"


@pytest.mark.parametrize("name", PAGE_URLS)
def test_anonymous_users_are_sent_to_log_in_from_every_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_second_teacher_of_the_same_school_gets_404_on_anothers_referral(
    client, records, other_teacher
):
    client.force_login(other_teacher)
    url = reverse("discipline:referral-detail", args=[records["referral"]])
    assert client.get(url).status_code == 404


def test_lists_never_show_another_schools_records(client, records, other_admin, student):
    client.force_login(other_admin)
    for name in ("discipline:referral-list", "interventions:intervention-list"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert student.student_id not in response.content.decode()
    search = client.get(reverse("discipline:student-search"), {"q": student.last_name[:4]})
    assert search.json()["results"] == []


def test_district_staff_read_every_record_and_change_none(client, records, district):
    client.force_login(district)
    for name, parts in RECORD_URLS:
        url = url_of(name, parts, records)
        expected = 200 if name in READABLE_BY_DISTRICT else 404
        assert client.get(url).status_code == expected, url


READABLE_BY_DISTRICT = {
    "discipline:referral-detail",
    "discipline:suspension-detail",
    "discipline:suspension-notice",
    "discipline:suspension-notice-pdf",
    "discipline:student-history",
    "interventions:intervention-detail",
}
