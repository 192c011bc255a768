"""Fault 5 of issue 10 in the Django admin: an add or change posted twice saves once.

The admin's add and change forms carry the submission token the
application's forms carry (``people.admin.SubmittedOnceAdmin``); a second
post of a token returns the first post's record instead of saving another.
The same posted at one moment from several connections is in
``test_double_submit_race``.
"""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from discipline.models import Location, Suspension
from people.admin import SubmittedOnceAdmin
from people.models import FormSubmission, NonInstructionalDay, Role, SchoolYear
from tests.conftest import INCIDENT_DAY
from tests.factories import UserFactory
from tests.security.world import school_year_admin_post

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="submission_token" value="([0-9a-f]{32})"')


@pytest.fixture
def steward(db):
    return UserFactory(username="steward", role=Role.DISTRICT, is_staff=True, is_superuser=True)


def location_post(token, slug="bus"):
    return {
        "slug": slug,
        "label": "School bus",
        "label_es": "Autobús escolar",
        "position": "9",
        "active": "on",
        "submission_token": token,
    }


def test_an_admin_add_page_renders_one_fresh_token_each_time(client, district):
    client.force_login(district)
    url = reverse("admin:discipline_location_add")
    first = TOKEN.findall(client.get(url).content.decode())
    second = TOKEN.findall(client.get(url).content.decode())
    assert len(first) == len(second) == 1
    assert first != second


def test_a_catalog_entry_added_twice_in_the_admin_with_one_token_is_saved_once(client, district):
    client.force_login(district)
    url = reverse("admin:discipline_location_add")
    first = client.post(url, location_post("a" * 32))
    # The slug is no longer unique to the form's eyes, but the repeat is not
    # judged by the form at all: it is answered as the first post was.
    second = client.post(url, location_post("a" * 32, slug="bus-again"))
    assert Location.objects.filter(label="School bus").count() == 1
    assert first.status_code == second.status_code == 302
    assert second.url == first.url
    submission = FormSubmission.objects.get(user=district, token="a" * 32)
    assert submission.records == [["discipline.location", Location.objects.get(slug="bus").pk]]
    # Another token is another entry.
    client.post(url, location_post("b" * 32, slug="bus-2"))
    assert Location.objects.filter(label="School bus").count() == 2


def test_a_refused_admin_add_gives_its_token_back(client, district):
    client.force_login(district)
    url = reverse("admin:discipline_location_add")
    refused = client.post(url, {**location_post("c" * 32), "label_es": ""})
    assert refused.status_code == 200  # the Spanish text is required
    assert not FormSubmission.objects.filter(token="c" * 32).exists()
    assert client.post(url, location_post("c" * 32)).status_code == 302
    assert Location.objects.filter(slug="bus").count() == 1


def test_a_change_posted_twice_adds_its_new_inline_row_once(client, steward):
    year = SchoolYear.objects.create(
        name="2030-31",
        first_day="2030-08-12",
        last_day="2031-06-06",
        ada_daily_rate="65.00",
    )
    client.force_login(steward)
    data = school_year_admin_post(submission_token="d" * 32)
    url = reverse("admin:people_schoolyear_change", args=[year.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert NonInstructionalDay.objects.filter(school_year=year).count() == 1


def test_a_suspension_added_twice_by_the_steward_is_saved_once(
    client, steward, admin, student, make_referral, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    client.force_login(steward)
    data = {
        "referral": referral.pk,
        "kind": "out_of_school",
        "school_year": SchoolYear.objects.get().pk,
        "start_date": INCIDENT_DAY.isoformat(),
        "school_days": "1",
        "decided_by": admin.pk,
        "notice_language": "en",
        "parent_contacted_at_0": "2026-10-05",
        "parent_contacted_at_1": "15:00:00",
        "parent_contact_method": "phone",
        "parent_contact_result": "reached",
        "parent_contacted_by": admin.pk,
        "submission_token": "e" * 32,
    }
    url = reverse("admin:discipline_suspension_add")
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302, first.content.decode()[-2000:]
    assert Suspension.objects.filter(referral=referral).count() == 1


def test_every_admin_page_the_steward_may_add_on_saves_once(steward):
    request = RequestFactory().get("/admin/")
    request.user = steward
    adds = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_add_permission(request)
    ]
    assert "auth.Group" in adds and "otp_totp.TOTPDevice" in adds
    without = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.label in adds and not isinstance(model_admin, SubmittedOnceAdmin)
    ]
    assert without == []
