"""Login throttling and passwords (issue 10, fault 6 and item 3).

Who is the client: ``client_ip`` takes the address from the header that the
deployment's reverse proxy sets (setting ``CLIENT_IP_HEADER``, e.g.
``X-Forwarded-For`` or ``X-Real-IP``) and from nothing else; without that
setting, from the TCP connection. A header the proxy does not overwrite can be
forged by anyone, so it is read only when configured, and of
``X-Forwarded-For`` only the entry the trusted proxies appended
(``TRUSTED_PROXY_COUNT`` from the right).

How many failures: django-axes counts failed logins for (username, address)
and for the address across usernames; ``failure_limit`` locks at
``AXES_FAILURE_LIMIT`` (5) for one username from one address, or at
``AXES_FAILURE_LIMIT_PER_ADDRESS`` (20) from one address spraying many
usernames. A lock is a cooling-off delay (``AXES_COOLOFF_TIME``), and it holds
the attacker's address, not the account: the owner logging in from elsewhere
is not locked out.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        entries = [e for e in request.META.get(key, "").split(",") if e.strip()]
        count = max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))
        if len(entries) >= count:
            found = _valid(entries[-count])
            if found:
                return found
    return _valid(request.META.get("REMOTE_ADDR", "")) or None


def ratelimit_key(group, request) -> str:
    """django-ratelimit's key: the trusted client address."""
    return client_ip(request) or "unknown"


def failure_limit(request, credentials) -> int:
    """The limit axes compares with its largest count (the address's).

    Axes locks when max(failures of this username from this address,
    failures from this address) reaches the limit; the address's count is
    always the larger. Answering the per-username limit when that pair has
    reached it, and the per-address limit otherwise, gives two limits."""
    per_user = settings.AXES_FAILURE_LIMIT_PER_USERNAME
    per_address = settings.AXES_FAILURE_LIMIT_PER_ADDRESS
    pair_attempts = AxesDatabaseHandler().get_user_attempts(request, credentials)[0]
    pair = pair_attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
    return per_user if pair >= per_user else per_address


class CommonWordsValidator:
    """Refuse passwords made only of common passwords and numbers.

    Django's ``CommonPasswordValidator`` refuses a password found whole in
    its list of 20,000 leaked passwords; the variants that lists of breached
    passwords are full of — a common word or two with a year, digits and
    punctuation (``Summer2026!``, ``demo-pass-2026``) — pass it. This one
    splits the password into its runs of letters and refuses it when every
    run is itself a common password (or there is none)."""

    def __init__(self):
        from django.contrib.auth.password_validation import CommonPasswordValidator

        self.words = CommonPasswordValidator().passwords

    def validate(self, password, user=None):
        runs, current = [], ""
        for char in password.lower():
            if char.isalpha():
                current += char
            elif current:
                runs.append(current)
                current = ""
        if current:
            runs.append(current)
        if all(run in self.words or len(run) < 3 for run in runs):
            raise ValidationError(
                _(
                    "This password is made of common words and numbers, as leaked "
                    "passwords are. Use a passphrase of uncommon words or a generated password."
                ),
                code="password_common_words",
            )

    def get_help_text(self):
        return _("Your password cannot be made only of common words and numbers.")


class StrengthValidator:
    """zxcvbn's estimate (Dropbox's, with lists of leaked passwords, names,
    dates and keyboard patterns) must reach ``min_score`` (0-4)."""

    def __init__(self, min_score=3):
        self.min_score = min_score

    def validate(self, password, user=None):
        from zxcvbn import zxcvbn

        inputs = ["lausd", "discipline", "district", "school"]
        if user is not None:
            inputs += [
                str(getattr(user, name, "") or "")
                for name in ("username", "first_name", "last_name", "email")
            ]
        # zxcvbn judges at most 72 characters (it raises on more); a longer
        # passphrase is judged by its first 72.
        result = zxcvbn(password[:72], user_inputs=[i for i in inputs if i])
        if result["score"] < self.min_score:
            raise ValidationError(
                _("This password is too easy to guess. %(hint)s"),
                code="password_too_guessable",
                params={"hint": " ".join(result["feedback"].get("suggestions", []))},
            )

    def get_help_text(self):
        return _("Your password must be hard to guess (no names, dates or keyboard patterns).")
