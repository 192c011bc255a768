"""Rate limits on the public downloads (issue 10, item 4)."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

from people.login import client_ip


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
