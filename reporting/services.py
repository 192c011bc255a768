"""Publishing a month (SPEC section 5): count, suppress, freeze.

``publication_publish`` is the one write path (the ``publish`` command and the
district staff's button both call it). It builds every cell of the month's
tables and every cell a reader can combine them with, hides what must be hidden
(:mod:`reporting.suppression`) and stores the result as a new, frozen version.

What a reader can combine a new publication with, and so what the suppression
sees:

* the publication's own cells: for every school, region and the District, the
  month and the trailing 3 and 12 months, every measure, stat and breakdown;
* the months inside its trailing windows and the other published months and
  windows that overlap them (up to 23 months back): a cell published before is
  known to the reader as it was published (or hidden, as it was); a month that was
  never published is unknown, but any zero in it is treated as known (a reader
  may guess that no one was suspended in July);
* the previous version of the same month, for a correction: its hidden cells stay
  hidden (``previous`` of :func:`~reporting.suppression.suppress`, which also keeps
  a changed cell from being differenced against its earlier value).

Days lost are hidden wherever the unduplicated students of the same cell are (a
subgroup's days lost can be one student's days), then complemented like counts;
ADA lost is days lost times one rate, hidden with it; a rate per 100 enrolled is
hidden with its count or when fewer than 11 are enrolled (:mod:`reporting.selectors`).
"""

from __future__ import annotations

import datetime
import time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reporting import metrics
from reporting.metrics import (
    ADDITIVE_STATS,
    DAYS,
    ENROLLMENT,
    EVENTS,
    STUDENTS,
    Units,
    Window,
    add_months,
    month_label,
    publication_windows,
)
from reporting.models import Publication, PublicationStatus
from reporting.relations import relations_for
from reporting.suppression import suppress

#: How far back (in months) the cells a reader can combine a publication with go.
HORIZON_MONTHS = 24
#: A run still "running" after this long died with its process.
STALE_AFTER = datetime.timedelta(hours=1)


def publication_publish(
    *, month: datetime.date, actor=None, note: str = "", today: datetime.date | None = None
) -> Publication:
    """Publish ``month`` as its next version; a correction (version 2 on) needs a note.

    Raises ``ValidationError`` for a month that has not ended, a correction without a
    note, or while another run for the month is in progress.
    """
    month = metrics.month_start(month)
    today = today or timezone.localdate()
    note = (note or "").strip()
    if metrics.month_end(month) >= today:
        raise ValidationError(_("Only a month that has ended can be published."))
    with transaction.atomic():
        versions = list(
            Publication.objects.select_for_update().filter(month=month).order_by("version")
        )
        running = [
            p
            for p in versions
            if p.status == PublicationStatus.RUNNING and p.started_at > timezone.now() - STALE_AFTER
        ]
        if running:
            raise ValidationError(_("This month is being published right now; wait for it."))
        published = [p for p in versions if p.is_published]
        if published and not note:
            raise ValidationError(
                _("A correction is a new version: write a note that says what changed.")
            )
        version = (published[-1].version if published else 0) + 1
        # A failed or abandoned run left its row (never published): it gives way.
        Publication.objects.filter(month=month, version__gte=version).exclude(
            status=PublicationStatus.PUBLISHED
        ).delete()
        try:
            publication = Publication.objects.create(
                month=month, version=version, published_by=actor, note=note
            )
        except IntegrityError as error:  # pragma: no cover - the row lock prevents it
            raise ValidationError(_("This month is being published right now.")) from error
    started = time.monotonic()
    try:
        previous = published[-1] if published else None
        data = build_publication(month, version=version, previous=previous)
    except Exception as error:
        publication.status = PublicationStatus.FAILED
        publication.error = f"{type(error).__name__}: {error}"
        publication.save()
        raise
    publication.data = data
    publication.seconds = round(time.monotonic() - started, 2)
    publication.status = PublicationStatus.PUBLISHED
    publication.published_at = timezone.now()
    publication.save()
    return publication


# --- the cells and what hides them ----------------------------------------------------


def _window_keys(month: datetime.date) -> set[str]:
    return {w.key for w in publication_windows(month)}


def _stat(key: str) -> str:
    return key.split("|")[3]


def _window(key: str) -> str:
    return key.split("|")[1]


def _known_stat(window: str, stat: str) -> bool:
    """The stats of another publication a reader can tie to this one: events and
    days everywhere, students of a month (students of windows add up to nothing)."""
    return stat in ADDITIVE_STATS or (stat == STUDENTS and window.startswith("m:"))


def publication_system(month: datetime.date, *, previous: Publication | None = None):
    """Every cell of ``month``'s publication and of what a reader can combine it with.

    Returns ``(values, previous_map, own_windows, units, regions)``: ``values`` the true
    counts (key -> int), ``previous_map`` what a reader already knows of each cell that
    is not new (its published value, or ``None`` when hidden or unknown), in the form
    :func:`~reporting.suppression.suppress` takes as ``previous``.
    """
    units = Units.load()
    own_windows = _window_keys(month)
    others = [
        p
        for p in Publication.objects.latest_versions().exclude(month=month)
        if add_months(month, 1 - HORIZON_MONTHS) <= p.month <= add_months(month, HORIZON_MONTHS - 1)
    ]
    first = add_months(month, 1 - HORIZON_MONTHS)
    last = max([month, *(p.month for p in others)])
    recent_first = add_months(month, -11)

    # Months of the horizon: events and days; students for the months of the windows.
    monthly = metrics.event_counts(units, first, metrics.month_end(last))
    values: dict[str, int] = {
        key: value
        for key, value in monthly.items()
        if _stat(key) in ADDITIVE_STATS or Window.parse(_window(key)).end >= recent_first
    }
    values.update(metrics.month_values(month, units))

    # Windows published in other versions that lie inside the horizon.
    known_windows: dict[str, dict] = {}
    for other in others:
        for window in publication_windows(other.month):
            if window.first_day < first or window.end > last:
                continue
            known_windows[window.key] = other.cells
            if window.kind != "m":
                values.update(metrics.window_sums(monthly, window))

    previous_map: dict[str, int | None] = {}
    shown_before = previous.cells if previous is not None else {}
    for cells in (*known_windows.values(), shown_before):
        for key in cells:
            if _stat(key) in (EVENTS, DAYS, STUDENTS, ENROLLMENT) and key not in values:
                if _window(key) in own_windows or _known_stat(_window(key), _stat(key)):
                    values[key] = 0  # hidden or shown then, 0 now: stays in the system
    for key, value in values.items():
        window = _window(key)
        if window in own_windows:
            if previous is not None:
                previous_map[key] = shown_before.get(key, 0)
        elif window in known_windows and _known_stat(window, _stat(key)):
            published = known_windows[window].get(key, 0)
            # Published then and unchanged since: known. Changed since: the reader's
            # number is no longer the count, so it is treated as unknown.
            previous_map[key] = published if published == value else None
        else:
            previous_map[key] = None  # never published: unknown to the reader

    regions = {key: data["schools"] for key, data in units.catalog()["regions"].items()}
    return values, previous_map, own_windows, units, regions


def suppressed_cells(values, previous_map, regions) -> tuple[dict[str, int], frozenset]:
    """The values (with any zero totals the relations need) and the keys to hide."""
    values, relations = relations_for(values, regions)
    counts = {k: v for k, v in values.items() if _stat(k) != DAYS}
    days = {k: v for k, v in values.items() if _stat(k) == DAYS}
    hidden = suppress(
        counts,
        [r for r in relations if _stat(r.total) != DAYS],
        previous={k: v for k, v in previous_map.items() if k in counts},
    )
    # Days lost of a hidden count of students could be that one student's days.
    days_with_hidden_students = {
        k for k in days if "|".join((*k.split("|")[:3], STUDENTS, *k.split("|")[4:])) in hidden
    }
    hidden |= suppress(
        days,
        [r for r in relations if _stat(r.total) == DAYS],
        keep=days_with_hidden_students,
        previous={k: v for k, v in previous_map.items() if k in days},
    )
    return values, hidden


def build_publication(
    month: datetime.date, *, version: int = 1, previous: Publication | None = None
) -> dict:
    """The document stored as the publication: published cells and what names them."""
    started = time.monotonic()
    values, previous_map, own_windows, units, regions = publication_system(month, previous=previous)
    values, hidden = suppressed_cells(values, previous_map, regions)
    cells: dict[str, int | None] = {}
    for key, value in values.items():
        if _window(key) not in own_windows:
            continue
        if key in hidden:
            cells[key] = None
        elif value:
            cells[key] = value
    offenses = sorted({k.split("|")[5] for k in cells if k.split("|")[4] == metrics.OFFENSE})
    rate = metrics.ada_daily_rate(month)
    return {
        "month": month_label(month),
        "version": version,
        "as_of": timezone.now().isoformat(timespec="seconds"),
        "ada_daily_rate": str(rate) if rate is not None else None,
        "units": units.catalog(),
        "offenses": metrics.offense_labels(offenses),
        "cells": dict(sorted(cells.items())),
        "counts": {
            "cells": len(cells),
            "hidden": sum(1 for v in cells.values() if v is None),
            "system_cells": len(values),
            "system_hidden": len(hidden),
            "seconds": round(time.monotonic() - started, 2),
        },
    }
