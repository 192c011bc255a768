"""Server errors the fuzz (``test_fuzz.py``) found once its reach grew to the
second-factor pages, the admin's pages and password changes (issue 10, item
5b): each is pinned here by its smallest example."""

import pytest
from django.test import Client
from django.urls import reverse

from people.models import Role, SchoolYear
from tests.factories import UserFactory
from tests.security.world import school_year_admin_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", ["on", "1", "99999999999999999999", "home", "//evil.test/"])
def test_a_next_that_is_not_a_path_of_this_site_goes_home(admin, target):
    client = Client(raise_request_exception=False)
    client.force_login(admin)
    # No second factor yet: the verify page sends the user on at once.
    response = client.post(reverse("two-factor-verify"), {"token": "", "next": target})
    assert response.status_code == 302
    assert response.url == reverse("home")
    on = client.post(reverse("two-factor-verify"), {"next": "/referrals/"})
    assert on.url == "/referrals/"


def test_a_school_year_added_with_its_days_off_in_the_admin():
    # The days-off rows show to the data steward (a superuser).
    steward = UserFactory(username="steward", role=Role.DISTRICT, is_staff=True, is_superuser=True)
    client = Client(raise_request_exception=False)
    client.force_login(steward)
    prefix = "non_instructional_days"
    data = school_year_admin_post()
    response = client.post(reverse("admin:people_schoolyear_add"), data)
    assert response.status_code == 302
    year = SchoolYear.objects.get(name="2030-31")
    assert year.non_instructional_days.get().description == "Labor Day"
    # A day off outside the year is refused with a message, not an error.
    response = client.post(
        reverse("admin:people_schoolyear_add"),
        {**data, "name": "2031-32", f"{prefix}-0-date": "2029-01-01"},
    )
    assert response.status_code == 200
    assert not SchoolYear.objects.filter(name="2031-32").exists()
    # What the fuzz posted: a wrong year on the day's row, or no first day.
    for wrong in ({f"{prefix}-0-school_year": "x"}, {"first_day": ""}):
        response = client.post(reverse("admin:people_schoolyear_add"), {**data, **wrong})
        assert response.status_code == 200, wrong


@pytest.mark.parametrize("length", [72, 73, 100, 500])
def test_a_long_passphrase_is_judged_not_a_server_error(district, length):
    from django.contrib.auth.password_validation import validate_password

    # zxcvbn raises on more than 72 characters: a 73-character passphrase was a 500.
    phrase = ("quiet lantern marmalade orbit " * 20)[:length]
    validate_password(phrase, district)
    client = Client(raise_request_exception=False)
    client.force_login(district)
    response = client.post(
        reverse("admin:password_change"),
        {"old_password": "wrong", "new_password1": phrase, "new_password2": phrase},
    )
    assert response.status_code == 200  # the old password is wrong: said on the form


@pytest.mark.parametrize("page", ["change", "delete"])
def test_an_empty_to_field_on_an_admin_page_is_a_bad_request(page):
    # The fuzz's {'_popup': '', '_to_field': ''} on a delete page was a 500
    # (Django's admin looked the empty field name up).
    from django.contrib.auth.models import Group

    steward = UserFactory(username="steward", role=Role.DISTRICT, is_staff=True, is_superuser=True)
    group = Group.objects.create(name="Readers")
    client = Client(raise_request_exception=False)
    client.force_login(steward)
    url = reverse(f"admin:auth_group_{page}", args=[group.pk])
    assert client.post(url, {"_popup": "", "_to_field": ""}).status_code == 400
    assert client.get(url, {"_to_field": ""}).status_code == 400
    assert Group.objects.filter(pk=group.pk).exists()
    assert client.get(url).status_code == 200
