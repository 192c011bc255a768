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

LAST_SEEN = "last_seen"
WRITE_EVERY = 60  # seconds


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
