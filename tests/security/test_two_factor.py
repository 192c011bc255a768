"""Item 3 of issue 10: an optional second factor (TOTP, django-otp) for
district staff and administrators; off by default, required for district
staff when OTP_REQUIRED_FOR_DISTRICT is set."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def current_code(device):
    """The app's code now. A code is good once (django-otp refuses a replay in
    the same 30 s) and a wrong one makes the next wait: a test that gives
    several codes within seconds starts each from a clean device."""
    device.refresh_from_db()
    device.last_t = -1
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def enrol(client, user):
    client.force_login(user)
    page = client.get(reverse("two-factor-setup"))
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code, inline SVG (no script, no style)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(reverse("two-factor-setup"), {"token": "000000"}).status_code == 200
    response = client.post(reverse("two-factor-setup"), {"token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_it_is_off_by_default(client, district):
    client.force_login(district)
    assert client.get(reverse("reporting:district-index")).status_code == 200


def test_district_staff_turn_it_on_and_then_give_a_code_after_the_password(client, district):
    device = enrol(client, district)
    client.logout()
    client.force_login(district)  # the password step
    url = reverse("reporting:district-index")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two-factor-verify"))
    # The admin too.
    assert client.get(reverse("admin:index")).url.startswith(reverse("two-factor-verify"))
    verify = f"{reverse('two-factor-verify')}?next={url}"
    assert client.post(verify, {"token": "123456", "next": url}).status_code == 200
    response = client.post(verify, {"token": current_code(device), "next": url})
    assert response.status_code == 302
    assert response.url == url
    assert client.get(url).status_code == 200


def test_an_administrator_may_turn_it_on_and_off(client, admin):
    device = enrol(client, admin)
    response = client.post(reverse("two-factor-setup"), {"token": current_code(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=admin).exists()


def test_teachers_and_support_have_no_such_page(client, teacher, support):
    for user in (teacher, support):
        client.force_login(user)
        assert client.get(reverse("two-factor-setup")).status_code == 404


def test_the_setting_requires_it_of_district_staff(client, settings, district, admin):
    settings.OTP_REQUIRED_FOR_DISTRICT = True
    client.force_login(district)
    response = client.get(reverse("reporting:district-index"))
    assert response.status_code == 302
    assert response.url == reverse("two-factor-setup")
    client.force_login(admin)  # administrators choose
    assert client.get(reverse("discipline:referral-list")).status_code == 200


def test_a_next_address_elsewhere_is_not_followed(client, district):
    device = enrol(client, district)
    client.logout()
    client.force_login(district)
    response = client.post(
        reverse("two-factor-verify"),
        {"token": current_code(device), "next": "https://evil.example/"},
    )
    assert response.url == reverse("home")
