"""Publishing a month (SPEC section 5): count, suppress, freeze.

``publication_publish`` (``publication_start`` then ``publication_run``) is the one
write path: the ``publish`` command and the district staff's button both use it.
It builds every cell of the month's tables and every cell a reader can combine
them with, hides what must be hidden (:mod:`reporting.suppression`) and stores the
result as a new, frozen version.

What a reader can combine a new publication with, and so what the suppression
sees:

* the publication's own cells: for every school, region and the District, the
  month and the trailing 3 and 12 months, every measure, stat and breakdown;
* the other published months and their windows (latest versions, up to 23 months
  back, and later ones when an earlier month is corrected): a cell published before
  is known to the reader as it was published, or stays hidden as it was; a cell that
  changed since (a late entry, a void) is a new cell;
* the months inside the windows that were never published on their own, as new
  cells, one month each (not merged into spans: a reader who guesses which months
  had no events knows more than a span's sum, see docs/publication.md): a trailing
  window minus its month is a number too, so a small one must be hidden and
  complemented like a shown cell;
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
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reporting import metrics, storage
from reporting.metrics import (
    ADDITIVE_STATS,
    DAYS,
    DISTRICT,
    ENROLLMENT,
    EVENTS,
    STUDENTS,
    TOTAL,
    Cell,
    Units,
    add_months,
    month_label,
    publication_windows,
)
from reporting.models import Publication, PublicationStatus, PublishedCells, PublishedUnit
from reporting.parallel import forked
from reporting.relations import PublicationGrid, Sums, relations_for
from reporting.suppression import THRESHOLD, UnsafeTable, narrowest_range, suppress

#: How far back (in months) the cells a reader can combine a publication with go.
HORIZON_MONTHS = 24
#: A run still "running" after this long died with its process.
STALE_AFTER = datetime.timedelta(hours=1)


def publication_publish(
    *, month: datetime.date, actor=None, note: str = "", today: datetime.date | None = None
) -> Publication:
    """Publish ``month`` as its next version; a correction (version 2 on) needs a note.

    Raises ``ValidationError`` for a month that has not ended, a correction without a
    note, or while another publication is being made.
    """
    publication = publication_start(month=month, actor=actor, note=note, today=today)
    return publication_run(publication=publication)


def publication_start(
    *, month: datetime.date, actor=None, note: str = "", today: datetime.date | None = None
) -> Publication:
    """Reserve the month's next version (status "running"); ``publication_run`` fills it.

    One publication at a time, whatever the month: each is suppressed against the
    others, so two made side by side would not see each other.
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
        running = Publication.objects.filter(
            status=PublicationStatus.RUNNING, started_at__gt=timezone.now() - STALE_AFTER
        )
        busy = _("A publication is being made right now; wait for it.")
        if running.exists():
            raise ValidationError(busy)
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
            return Publication.objects.create(
                month=month, version=version, published_by=actor, note=note
            )
        except IntegrityError as error:  # two first versions at the same moment
            raise ValidationError(
                _("A publication is being made right now; wait for it.")
            ) from error


def publication_run(*, publication: Publication) -> Publication:
    """Count, suppress and freeze a reserved publication; a failure is recorded on it."""
    started = time.monotonic()
    previous = (
        Publication.objects.published()
        .filter(month=publication.month, version__lt=publication.version)
        .order_by("-version")
        .first()
    )
    try:
        data = build_publication(publication.month, version=publication.version, previous=previous)
    except UnsafeTable as error:
        # Nothing is published: the run is recorded as failed, with the reason.
        publication.status = PublicationStatus.FAILED
        publication.error = _(
            "Not published: suppression could not make the tables safe. %(reason)s"
        ) % {"reason": error}
        publication.seconds = round(time.monotonic() - started, 2)
        publication.save()
        raise
    except Exception as error:
        publication.status = PublicationStatus.FAILED
        publication.error = f"{type(error).__name__}: {error}"
        publication.save()
        raise
    with transaction.atomic():
        publication_store(publication, data)
        publication.seconds = round(time.monotonic() - started, 2)
        publication.status = PublicationStatus.PUBLISHED
        publication.published_at = timezone.now()
        publication.save()
    return publication


def publication_store(publication: Publication, data: dict) -> None:
    """Lay a built publication out as the pages read it: its cells as one row per unit
    and window, its units as an index; ``data`` keeps what names them."""
    data = dict(data)
    cells = data.pop("cells")
    publication.data = data
    PublishedUnit.objects.bulk_create(
        PublishedUnit(publication=publication, position=i, **row)
        for i, row in enumerate(storage.unit_rows(data["units"]))
    )
    PublishedCells.objects.bulk_create(
        (
            PublishedCells(publication=publication, unit=unit, window=window, **parts)
            for (unit, window), parts in storage.split_cells(cells).items()
        ),
        batch_size=500,
    )
    publication._cells = cells


# --- the cells and what hides them ----------------------------------------------------


def _window_keys(month: datetime.date) -> set[str]:
    return {w.key for w in publication_windows(month)}


def _stat(key: str) -> str:
    return Cell.parse(key).stat


def _window(key: str) -> str:
    return Cell.parse(key).window


def _known_stat(window: str, stat: str) -> bool:
    """The stats of another publication a reader can tie to this one: events, days
    and students (enrollment adds up over no window)."""
    return stat in (*ADDITIVE_STATS, STUDENTS)


def publication_system(month: datetime.date, *, previous: Publication | None = None):
    """Every cell of ``month``'s publication and of what a reader can combine it with.

    Returns a :class:`System`: ``values`` the true counts (key -> int),
    ``previous_map`` what a reader already knows of a cell that is not new (its
    published value, or ``None`` where it was hidden), in the form
    :func:`~reporting.suppression.suppress` takes as ``previous``, and how the
    windows decompose.
    """
    units = Units.load()
    first = add_months(month, 1 - HORIZON_MONTHS)
    others = [
        p
        for p in Publication.objects.latest_versions().exclude(month=month)
        if first <= p.month <= add_months(month, HORIZON_MONTHS - 1)
    ]

    # The windows in play: this publication's and the others' inside the horizon.
    windows = publication_windows(month)
    known: dict[str, dict] = {}
    for other in others:
        for window in publication_windows(other.month):
            if window.first_day >= first:
                windows.append(window)
                known[window.key] = other.cells
    composite = [w for w in windows if w.kind != "m"]
    months = sorted({m for w in windows for m in w.months})

    # Each month of a window is a part of it, one month at a time, published or not.
    # Months never published are not merged into spans: a reader may know that a
    # month had no events (July, say), and a month's zeros then pin what a span's
    # sum would leave free (issue 10, fault 1: the attacker test on the demo).
    part_of = {m: f"m:{month_label(m)}" for m in months}
    window_parts = {w.key: sorted({part_of[m] for m in w.months}) for w in composite}

    # Counts of every month and window, in one go; enrollment of this publication's.
    spans = [metrics.as_span(metrics.Window(m)) for m in months]
    spans += [metrics.as_span(w) for w in composite if w.key in known or w.end == month]
    values = metrics.event_counts(units, spans)
    values.update(metrics.enrollment_counts(units, publication_windows(month)))

    # What a reader knows already.
    own_windows = _window_keys(month)
    previous_map: dict[str, int | None] = {}
    shown_before = previous.cells if previous is not None else {}
    for cells in (*known.values(), shown_before):
        for key in cells:
            if key not in values and _stat(key) in (EVENTS, DAYS, STUDENTS, ENROLLMENT):
                window = _window(key)
                if window in own_windows or (window in known and _known_stat(window, _stat(key))):
                    values[key] = 0  # hidden or shown then, 0 now: stays in the system
    for key, value in values.items():
        window = _window(key)
        if window in own_windows:
            if previous is not None:
                previous_map[key] = shown_before.get(key, 0)
        elif window in known and _known_stat(window, _stat(key)):
            published = known[window].get(key, 0)
            if published is None or published == value:
                # Hidden then: stays hidden. Shown then and unchanged: known.
                previous_map[key] = published
            # Shown then but changed since (a late entry, a void): a new cell, as
            # if the reader knew its value now (they know one close to it).
        # A month never published is a new cell too: whatever of it the publication
        # lets a reader work out (a trailing window minus the month) must pass the
        # same rules as a shown cell, so small ones are hidden and complemented.

    return System(
        values,
        previous_map,
        own_windows,
        units,
        units.regions_of_window,
        window_parts,
    )


@dataclass
class System:
    values: dict[str, int]
    previous_map: dict[str, int | None]
    own_windows: set[str]
    units: Units
    #: window key -> region-level unit key -> its schools (the window's units)
    regions: Callable[[str], dict[str, list[str]]]
    window_parts: dict[str, list[str]]
    costs: dict | None = None


def worth(own_windows: set[str], key: str, value: int) -> float:
    """What a reader gains from seeing a cell: the suppression shows again, first, the
    unneeded complements worth most. Only this publication's cells are worth anything
    (the others are never shown by it); the District's and the regions' numbers come
    before the schools', and a unit's totals before its breakdowns."""
    cell = Cell.parse(key)
    if cell.window not in own_windows:
        return 0
    level = 10_000 if cell.unit == DISTRICT else 100 if cell.unit.startswith("region:") else 1
    return value * level * (10 if cell.dim == TOTAL else 1)


def level_of(unit: str) -> str:
    """``district``, ``region`` or ``school``: the level of a unit key."""
    return unit.split(":", 1)[0]


def complement_priority(own_windows: set[str], key: str) -> int:
    """How reluctantly a cell is hidden as a complement (lower first): cells no reader
    sees on their own (months never published, cells of other months that changed),
    then school cells, then the District's and regions' breakdowns, and their totals
    last (docs/publication.md: those are what a reader wants most)."""
    cell = Cell.parse(key)
    if cell.window not in own_windows:
        return -1
    if level_of(cell.unit) == "school":
        return 0
    return 2 if cell.dim == TOTAL else 1


def suppression_engines(cells: int) -> list[str]:
    """The suppression engines to try, in order, for a stat of ``cells`` cells
    (docs/publication.md, "Suppression engines"): ``REPORTING_SUPPRESSION`` is
    ``"auto"`` (the default: the audit, which shows most, up to
    ``REPORTING_AUDIT_CELLS`` cells, then modular where it cannot prove a pattern;
    modular alone above that size, where the audit would take an hour), or
    ``"audit"`` or ``"modular"`` alone."""
    engine = getattr(settings, "REPORTING_SUPPRESSION", "auto")
    if engine != "auto":
        return [engine]
    return ["audit", "modular"] if cells <= settings.REPORTING_AUDIT_CELLS else ["modular"]


def suppressed_cells(system: System) -> tuple[dict[str, int], frozenset]:
    """The values (with any zero totals the relations need) and the keys to hide.

    No relation mixes two stats, so each is suppressed on its own (smaller systems
    for the audit): enrollment, students and events; then days lost, which start
    hidden wherever the same cell's students are.
    """
    sums = Sums(system.regions, system.window_parts)
    values, relations = relations_for(system.values, system.regions, system.window_parts, sums=sums)
    by_stat: dict[str, dict[str, int]] = {}
    for key, value in values.items():
        by_stat.setdefault(_stat(key), {})[key] = value
    relations_of: dict[str, list] = {}
    for relation in relations:
        relations_of.setdefault(_stat(relation.total), []).append(relation)

    def run(stat, keep=()):
        cells = by_stat.get(stat, {})
        previous = {k: v for k, v in system.previous_map.items() if k in cells}
        started = time.process_time()
        priority = partial(complement_priority, system.own_windows)
        engines = suppression_engines(len(cells))
        for engine in engines:
            cost: dict = {}
            grid = (
                PublicationGrid(cells, sums, system.own_windows, priority)
                if engine == "modular"
                else None
            )
            try:
                hidden = suppress(
                    cells,
                    relations_of.get(stat, []),
                    keep=keep,
                    previous=previous,
                    worth=partial(worth, system.own_windows),
                    priority=priority,
                    stats=cost,
                    grid=grid,
                )
                break
            except UnsafeTable:
                # Not proven safe by this engine: the next one, or refuse.
                if engine == engines[-1]:
                    raise
        stat_relations = relations_of.get(stat, [])
        cost["engine"] = engine
        added = []
        if grid is not None:
            # The zeros hidden as complements join the tables (and their sums).
            added = cost.pop("added")
            cells = {**cells, **dict.fromkeys(added, 0)}
            stat_relations = cost.pop("relations")
        cost["cpu_seconds"] = round(time.process_time() - started, 2)
        cost["cells"] = len(cells)
        started = time.process_time()
        cost["narrowest"] = narrowest_range(
            cells,
            stat_relations,
            hidden,
            known=[k for k, v in previous.items() if v is not None and cells.get(k) == v],
            targets=lambda key: Cell.parse(key).window in system.own_windows,
            max_programs=getattr(settings, "REPORTING_RANGE_PROGRAMS", 200),
            max_seconds=getattr(settings, "REPORTING_RANGE_SECONDS", 60),
            floor=0 if grid is not None else 1,
        )
        cost["narrowest"]["cpu_seconds"] = round(time.process_time() - started, 2)
        return hidden, cost, added

    costs: dict[str, dict] = {}

    def done(stat, outcome) -> frozenset:
        hidden, costs[stat], added = outcome
        values.update(dict.fromkeys(added, 0))
        return hidden

    # Each stat is its own task (no relation mixes two), days lost after students;
    # events in a second process where they are many (reporting.parallel).
    if len(by_stat.get(EVENTS, {})) > settings.REPORTING_PARALLEL_CELLS:
        events = forked(partial(run, EVENTS))
    else:
        events = partial(run, EVENTS)
    try:
        hidden = done(ENROLLMENT, run(ENROLLMENT)) | done(STUDENTS, run(STUDENTS))
        # Days lost of a hidden count of students could be that one student's days.
        days_with_hidden_students = {
            k for k in by_stat.get(DAYS, {}) if Cell.parse(k).key(stat=STUDENTS) in hidden
        }
        hidden |= done(DAYS, run(DAYS, keep=days_with_hidden_students))
        hidden |= done(EVENTS, events())
    finally:
        # A refusal here leaves the second process's result unread: stop it.
        getattr(events, "cancel", lambda: None)()
    system.costs = {
        stat: costs[stat] for stat in (ENROLLMENT, STUDENTS, EVENTS, DAYS) if stat in costs
    }
    return values, hidden


def build_publication(
    month: datetime.date, *, version: int = 1, previous: Publication | None = None
) -> dict:
    """The document stored as the publication: published cells and what names them."""
    started = time.monotonic()
    system = publication_system(month, previous=previous)
    values, hidden = suppressed_cells(system)
    own_windows, units = system.own_windows, system.units
    cells: dict[str, int | None] = {}
    for key, value in values.items():
        if _window(key) not in own_windows:
            continue
        if key in hidden:
            cells[key] = None
        elif value:
            cells[key] = value
    offenses = sorted(
        {c.cat for c in map(Cell.parse, cells) if c.dim == metrics.OFFENSE},
    )
    rate = metrics.ada_daily_rate(month)
    return {
        "month": month_label(month),
        "version": version,
        "as_of": timezone.now().isoformat(timespec="seconds"),
        "ada_daily_rate": str(rate) if rate is not None else None,
        "units": units.catalog(month),
        "offenses": metrics.offense_labels(offenses),
        "cells": dict(sorted(cells.items())),
        "counts": {
            "cells": len(cells),
            "hidden": sum(1 for v in cells.values() if v is None),
            "system_cells": len(values),
            "system_hidden": len(hidden),
            "seconds": round(time.monotonic() - started, 2),
            "suppression": system.costs,
        },
        "disclosure": {
            **disclosure(values, hidden, own_windows),
            "narrowest": _narrowest(system.costs),
        },
    }


def _narrowest(costs: dict) -> dict | None:
    """The narrowest pin range over the stats (see :func:`narrowest_range`)."""
    found = [c["narrowest"] for c in costs.values() if c.get("narrowest", {}).get("key")]
    if not found:
        return None
    bounded = [f for f in found if f["width"] is not None]
    best = min(bounded, key=lambda f: f["width"]) if bounded else found[0]
    return {**best, "complete": all(f["complete"] for f in found)}


def disclosure(values: dict[str, int], hidden, own_windows: set[str]) -> dict:
    """What a publication shows, per level (district, region, school) and window kind
    (m, 3m, 12m): cells (zeros included where the tables have them), the share shown,
    the share of non-zero cells shown, the share hidden only as complements (11 or
    more), and the District's and regions' totals of 11 or more that are hidden."""
    table: dict[str, dict[str, dict[str, int]]] = {}
    totals_hidden = 0
    for key, value in values.items():
        cell = Cell.parse(key)
        if cell.window not in own_windows:
            continue
        level = level_of(cell.unit)
        kind = cell.window.split(":", 1)[0]
        row = table.setdefault(level, {}).setdefault(
            kind, {"cells": 0, "shown": 0, "nonzero": 0, "nonzero_shown": 0, "complements": 0}
        )
        row["cells"] += 1
        row["nonzero"] += value > 0
        if key in hidden:
            row["complements"] += value >= THRESHOLD
            totals_hidden += level != "school" and cell.dim == TOTAL and value >= THRESHOLD
        else:
            row["shown"] += 1
            row["nonzero_shown"] += value > 0
    for kinds in table.values():
        for row in kinds.values():
            row["shown_share"] = round(row["shown"] / row["cells"], 4) if row["cells"] else None
            row["nonzero_shown_share"] = (
                round(row["nonzero_shown"] / row["nonzero"], 4) if row["nonzero"] else None
            )
            row["complement_share"] = (
                round(row["complements"] / row["cells"], 4) if row["cells"] else None
            )
    return {"levels": table, "large_totals_hidden": totals_hidden}
