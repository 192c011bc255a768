"""Idle sessions end (issue 10, item 3); a Permissions-Policy on every page.

A staff member who walks away from a logged-in browser in a school office
leaves minors' records open. ``IdleSessionTimeoutMiddleware`` logs a session
out after ``SESSION_IDLE_TIMEOUT`` seconds without a request (30 minutes by
default) and sends the next request to the login page; ``SESSION_COOKIE_AGE``
bounds a session however busy (a working day). The last-seen time is written
at most once a minute, not on every request.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

LAST_SEEN = "last_seen"
WRITE_EVERY = 60  # seconds


def start_session_clock(sender, request, user, **kwargs):
    """At login (``user_logged_in``), so the first page writes no session."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= WRITE_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Send ``settings.PERMISSIONS_POLICY`` (camera, microphone, location...
    switched off). One header: a package for it would be more code to trust
    than these lines."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RejectNulMiddleware:
    """A NUL character in a query or form value is a bad request (400).

    No one types NUL; PostgreSQL cannot store or compare it ("A string literal
    cannot contain NUL"), so a search or filter that passes it on would fail
    with a server error. Forms refuse it already; this covers every view that
    reads ``request.GET`` or ``request.POST`` itself, including later ones
    (found by tests/security/test_fuzz.py on PostgreSQL).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sources = (request.GET, request.POST) if request.method == "POST" else (request.GET,)
        for data in sources:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return HttpResponseBadRequest(
                        _("A value contains a NUL character, which is not accepted."),
                        content_type="text/plain; charset=utf-8",
                    )
        return self.get_response(request)


class RejectEmptyToFieldMiddleware:
    """An empty ``_to_field`` is a bad request (400).

    The Django admin's popups name the field a chosen record is returned by
    (``_to_field``); the admin checks a name only when one is given, then
    looks the empty one up on the change and delete pages and fails with a
    server error ("has no field named ''"), on third-party admins (login
    attempts, the task queue) as on ours. Found by tests/security/test_fuzz.py.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for data in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            if "_to_field" in data and not data.get("_to_field"):
                return HttpResponseBadRequest(
                    _("This page was opened with an empty field name."),
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
