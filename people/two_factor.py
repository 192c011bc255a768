"""An optional second factor at login: a TOTP code from an authenticator app
(django-otp), for district staff and school administrators (issue 10, item 3).

Off by default: a user turns it on at ``/account/two-factor/`` by scanning a
QR code and typing one code. From then on, after the password, every page
asks for a current code (``TwoFactorMiddleware``) until it is given. With
``OTP_REQUIRED_FOR_DISTRICT`` set, district staff without a device are sent
to enrol first. A lost phone: the data steward deletes the device in the
admin (which never shows a device's secret).
"""

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.models import Role

MAY_ENROL = (Role.DISTRICT, Role.ADMINISTRATOR)
# Pages open before the second factor is given.
OPEN_PATHS = ("two-factor-verify", "two-factor-setup", "logout", "login", "set_language")


WRONG = gettext_lazy(
    "That code is not right or has expired. After a wrong code, wait a few seconds."
)


class TokenForm(forms.Form):
    token = forms.RegexField(
        regex=r"^\d{6}$",
        label=gettext_lazy("Code from your authenticator app"),
        error_messages={"invalid": gettext_lazy("Type the 6 digits the app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def may_enrol(user) -> bool:
    return user.is_authenticated and (user.role in MAY_ENROL or user.is_superuser)


def _confirmed(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def _next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path of this site only: "on" or "1" would be taken for a URL name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return reverse(default)


@login_required
def setup(request):
    """Turn the second factor on (scan, then confirm with one code) or off."""
    user = request.user
    if not may_enrol(user):
        raise Http404
    device = _confirmed(user)
    form = TokenForm(request.POST or None)
    if device is not None:
        # On: a current code turns it off.
        if request.method == "POST" and form.is_valid():
            if device.verify_token(form.cleaned_data["token"]):
                device.delete()
                request.session[HAS_DEVICE] = False
                messages.success(request, _("Two-factor login is off."))
                return redirect("two-factor-setup")
            form.add_error("token", WRONG)
        return render(request, "registration/two_factor_setup.html", {"on": True, "form": form})
    pending, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "authenticator"}
    )
    if request.method == "POST" and form.is_valid():
        if pending.verify_token(form.cleaned_data["token"]):
            pending.confirmed = True
            pending.save()
            request.session[HAS_DEVICE] = True
            otp_login(request, pending)
            messages.success(request, _("Two-factor login is on."))
            return redirect("home")
        form.add_error("token", WRONG)
    qr = segno.make(pending.config_url, error="m").svg_inline(scale=4, title=_("QR code"))
    secret = pending.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "registration/two_factor_setup.html",
        {"on": False, "form": form, "qr": qr, "secret": secret},
    )


@login_required
def verify(request):
    """After the password: the code."""
    device = _confirmed(request.user)
    if device is None or request.user.is_verified():
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", WRONG)
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


HAS_DEVICE = "two_factor_has_device"


def note_device_at_login(sender, request, user, **kwargs):
    """At login (``user_logged_in``): whether this user must give a code, kept
    in the session so that pages do not ask the database each time."""
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE] = user_has_device(user, confirmed=True)


def _has_device(request, user) -> bool:
    if HAS_DEVICE not in request.session:
        request.session[HAS_DEVICE] = user_has_device(user, confirmed=True)
    return request.session[HAS_DEVICE]


class TwoFactorMiddleware:
    """After ``django_otp.middleware.OTPMiddleware``: a user with a device
    gives a code before any other page; district staff without one are sent
    to enrol when ``OTP_REQUIRED_FOR_DISTRICT`` is set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        name = match.url_name if match else ""
        if name in OPEN_PATHS or request.path.startswith(settings.STATIC_URL):
            return None
        if _has_device(request, user):
            return redirect(f"{reverse('two-factor-verify')}?next={request.get_full_path()}")
        required = getattr(settings, "OTP_REQUIRED_FOR_DISTRICT", False)
        if required and (user.role == Role.DISTRICT or user.is_superuser):
            return redirect("two-factor-setup")
        return None

    def __call__(self, request):
        return self.get_response(request)
