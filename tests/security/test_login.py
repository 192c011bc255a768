"""Fault 6 of issue 10 and item 3: logins and passwords.

One address spraying many usernames is stopped; behind the reverse proxy the
client's own address (from the configured header only) is what is counted,
so nobody locks another user out; a lock is a cooling-off delay; passwords
made of common words and numbers, like the old demo password, are refused.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from people.demo import DEMO_PASSWORD
from people.login import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Vq4-lantern-Ochre-71"
PROXY = "10.0.0.1"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    return settings


def log_in(client, username, password, address, *, header=None):
    extra = {"REMOTE_ADDR": PROXY if header else address}
    if header:
        extra[header] = address
    response = client.post(reverse("login"), {"username": username, "password": password}, **extra)
    client.logout()
    return response


def logged_in(response):
    return response.status_code == 302 and response.url == reverse("home")


def test_one_address_spraying_many_usernames_is_stopped(client, axes_on):
    users = [UserFactory(password=PASSWORD) for _ in range(25)]
    for user in users[:20]:
        assert not logged_in(log_in(client, user.username, "wrong-guess", "203.0.113.9"))
    # The 21st username, even with its right password, waits from this address.
    assert not logged_in(log_in(client, users[20].username, PASSWORD, "203.0.113.9"))
    # Another address is not held.
    assert logged_in(log_in(client, users[21].username, PASSWORD, "198.51.100.7"))


def test_behind_the_proxy_an_attacker_cannot_lock_out_a_user(client, axes_on):
    axes_on.CLIENT_IP_HEADER = "X-Forwarded-For"
    victim = UserFactory(password=PASSWORD)
    header = "HTTP_X_FORWARDED_FOR"
    for _ in range(8):
        log_in(client, victim.username, "wrong-guess", "203.0.113.9", header=header)
    assert not logged_in(log_in(client, victim.username, PASSWORD, "203.0.113.9", header=header))
    # The owner, from their own address through the same proxy, logs in.
    assert logged_in(log_in(client, victim.username, PASSWORD, "198.51.100.7", header=header))


def test_a_forwarded_header_is_ignored_unless_configured(rf, settings):
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    settings.CLIENT_IP_HEADER = ""
    assert client_ip(request) == "192.0.2.1"
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    assert client_ip(request) == "203.0.113.9"
    # Only the entry the trusted proxy appended counts: the client's own
    # "X-Forwarded-For: 1.2.3.4" stays on the left.
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(request) == PROXY


def test_a_lock_is_a_cooling_off_delay(client, axes_on):
    user = UserFactory(password=PASSWORD)
    for _ in range(5):
        log_in(client, user.username, "wrong-guess", "203.0.113.9")
    assert not logged_in(log_in(client, user.username, PASSWORD, "203.0.113.9"))
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - axes_on.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    )
    assert logged_in(log_in(client, user.username, PASSWORD, "203.0.113.9"))


@pytest.mark.parametrize(
    "password",
    ["demo-pass-2026", "Summer2026!", "password-2026", "Welcome-School-1", "qwertyuiop"],
)
def test_common_and_breached_style_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, UserFactory.build(username="pat"))


def test_the_demo_password_passes_the_validators():
    validate_password(DEMO_PASSWORD, UserFactory.build(username="teacher"))
    assert DEMO_PASSWORD != "demo-pass-2026"
