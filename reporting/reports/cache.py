"""District reports computed once and shared (issue 12: each report under 2 s at
full size, and usable under 20 concurrent users).

A district staff member's report reads the whole district: its aggregates scan
every referral, suspension and enrollment of a year, a second or more of the
database's work that no index removes. Twenty staff asking for the same report
would ask the database for the same numbers twenty times. So a report's result
(its tables, before rendering) is kept in the ``reports`` cache, one entry per
report, filter set and language, for ``REPORTS["CACHE_SECONDS"]`` (five
minutes): every reader in that time gets the same numbers, and the page says
when they were computed ("as of HH:MM") with a link that computes them again
(``?fresh=1``).

* Only readers who see the whole district share entries (district staff): a
  school administrator's reports are restricted to their own schools, small,
  and computed on each request, so no entry ever holds another reader's scope.
* The cache is shared by every worker of the server (a file cache by default,
  ``REPORTS_CACHE_DIR``; any shared backend will do, never a per-process one in
  production). Its keys name the database, so two databases served from one
  checkout never read each other's reports.
* When an entry is missing, one request computes it and the others asking for
  the same entry wait for it (up to ``WAIT_SECONDS``) rather than all computing
  it at once.
* What district staff enter from the reports' own pages (deployments, staffing,
  ROI scores, restorative-justice findings and training) calls ``invalidate()``:
  every entry is dropped, so the page they land on shows what they saved.
  Discipline records (referrals, suspensions...) are not tracked: a report shows
  them within ``CACHE_SECONDS``, or at once with "compute again".
"""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone, translation

from reporting.reports.access import sees_whole_district

CACHE_ALIAS = "reports"
GENERATION_KEY = "reports:generation"
#: How long a request waits for another request computing the same entry.
WAIT_SECONDS = 60
POLL_SECONDS = 0.1


@dataclass
class Computed:
    """A report's result and when it was computed; ``shared``: read from or
    written to the shared cache (district staff), else computed for this request."""

    value: object
    computed_at: datetime.datetime
    shared: bool
    from_cache: bool = False


def max_age() -> int:
    return settings.REPORTS["CACHE_SECONDS"]


def _cache():
    return caches[CACHE_ALIAS]


def _generation() -> int:
    return _cache().get(GENERATION_KEY, 0)


def invalidate() -> None:
    """Drop every cached report (by moving to a new generation of keys)."""
    cache = _cache()
    cache.set(GENERATION_KEY, _generation() + 1, timeout=None)


def _key(report: str, params: dict) -> str:
    canonical = json.dumps(params, sort_keys=True, default=str)
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:32]
    database = str(connection.settings_dict.get("NAME", ""))
    database = hashlib.sha256(database.encode()).hexdigest()[:12]
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"reports:{database}:{_generation()}:{language}:{report}:{digest}"


def report_get(
    *, user, report: str, params: dict, compute: Callable[[], object], fresh: bool = False
) -> Computed:
    """The result of ``compute()`` for ``report`` with ``params`` (the filters
    that change it: year, unit, dates...), shared between district staff for
    ``max_age()`` seconds; ``fresh`` computes it again (and shares that)."""
    if not sees_whole_district(user) or max_age() <= 0:
        return Computed(compute(), timezone.now(), shared=False)
    cache = _cache()
    key = _key(report, params)
    lock, owns_lock = key + ":computing", False
    if not fresh:
        found = cache.get(key)
        if found is not None:
            return Computed(found[0], found[1], shared=True, from_cache=True)
        owns_lock = cache.add(lock, 1, timeout=WAIT_SECONDS)
        if not owns_lock:
            # Another request is computing this entry: wait for it.
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
                found = cache.get(key)
                if found is not None:
                    return Computed(found[0], found[1], shared=True, from_cache=True)
                if not cache.has_key(lock):
                    break  # it failed or expired: compute here
    try:
        value = compute()
        computed_at = timezone.now()
        cache.set(key, (value, computed_at), timeout=max_age())
    finally:
        if owns_lock:
            cache.delete(lock)
    return Computed(value, computed_at, shared=True)
