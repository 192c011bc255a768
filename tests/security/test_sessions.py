"""Item 3 of issue 10: sessions end when idle and after a working day."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _idle(client, seconds):
    session = client.session
    session["last_seen"] = int(time.time()) - seconds
    session.save()


def test_a_session_idle_longer_than_the_timeout_is_logged_out(client, admin):
    client.force_login(admin)
    assert client.get(reverse("home")).status_code == 200
    _idle(client, settings.SESSION_IDLE_TIMEOUT + 60)
    response = client.get(reverse("discipline:referral-list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    # Logged out for good, not just redirected once.
    assert client.get(reverse("home")).status_code == 302


def test_a_session_used_within_the_timeout_stays(client, admin):
    client.force_login(admin)
    client.get(reverse("home"))
    _idle(client, settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get(reverse("discipline:referral-list")).status_code == 200


def test_sessions_last_at_most_a_working_day_and_idle_half_an_hour():
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_IDLE_TIMEOUT <= 30 * 60
