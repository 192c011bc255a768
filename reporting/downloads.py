"""CSV downloads that a spreadsheet cannot run (issue 10, fault 8).

A cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) is read by Excel, LibreOffice and Google Sheets as a formula: a
school, student or note named ``=HYPERLINK(...)`` would run when district
staff open the file. Every CSV the product sends is written through
``csv_response``, whose writer prefixes such a text cell with an apostrophe
(OWASP's advice), which shows the text as typed. Numbers, including negative
ones, are written as numbers.
"""

import csv
import functools
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

from people.login import client_ip

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?%?")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeWriter:
    def __init__(self, stream):
        self._writer = csv.writer(stream)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_response(name: str) -> tuple[HttpResponse, SafeWriter]:
    """An attachment ``name.csv`` and the only writer to fill it with."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response, SafeWriter(response)


# --- rate limits on the public downloads -------------------------------------------


def rate_limited(per_minute_setting: str):
    """Answer 429 to an address past ``settings.<per_minute_setting>`` requests
    in a minute (issue 10, item 4).

    The public pages and downloads need no login, and each CSV or JSON is a
    query over the publication: this keeps one address from hammering them.
    A fixed one-minute window counted in Django's cache, keyed by the trusted
    client address (``people.login.client_ip``). Written here rather than
    taken from django-ratelimit because that package refuses (system check
    E003) every cache but memcached and Redis, and this product runs on
    PostgreSQL alone: in production the counts live in the database cache
    (``CACHE_URL=dbcache://django_cache``), shared by every worker. Its
    increment is not atomic, so a burst can pass a request or two over the
    limit; for a coarse limit on public data that is acceptable.
    """

    def decorate(view):
        @functools.wraps(view)
        def limited(request, *args, **kwargs):
            limit = getattr(settings, per_minute_setting)
            window = int(time.time() // 60)
            key = f"rate:{view.__name__}:{client_ip(request) or 'unknown'}:{window}"
            cache.add(key, 0, timeout=120)
            try:
                count = cache.incr(key)
            except ValueError:  # evicted between add and incr
                cache.set(key, 1, timeout=120)
                count = 1
            if count > limit:
                response = HttpResponse(
                    _("Too many requests from your address; try again in a minute."),
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(60 - int(time.time()) % 60)
                return response
            return view(request, *args, **kwargs)

        return limited

    return decorate
