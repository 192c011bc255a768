"""The reader's side: every published number, as one linear system, for the attack.

Written apart from ``reporting.relations`` on purpose: the suppression and this
attacker should not share a blind spot. The reader holds every published version
of every month; the system is built from what they can see:

* every cell of the publications (a cell a publication does not list is a 0 it
  shows; ``None`` is the mark);
* the months inside the published windows that were never published themselves:
  unknown, except that the reader is granted every such cell whose true value is 0
  (a reader may well guess that no one was arrested in July) - a stronger reader
  than the suppression assumes for unpublished months;
* every sum that holds: a breakdown's categories add up to its total; schools to
  their region and regions to the District (the schools of a region as the
  publication of the window's month lists them: a reorganization moves schools);
  months to a window (a region's only when its schools did not change in between,
  or the numbers happen to agree); the eight kinds of event to "any action".
  Events and days always add up; students and enrollment over categories always,
  over schools and months when the true numbers do (a reader who guesses that no
  student was in two schools would be right).

The true numbers come from ``reporting.metrics`` (checked against a hand count in
test_metrics), only to know which unpublished cells are 0 and which sums of
students hold.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import astuple

from reporting import metrics
from reporting.metrics import Cell, Units, Window, cell_key
from reporting.models import Publication
from reporting.suppression import Relation
from tests.reporting import attack

ADDITIVE = ("ev", "dy")
STUDENT_DIMS = ("race", "el", "dis", "gender", "ses")
PARTS_OF_ALL = ("iss", "oss", "invol", "opp", "exp", "cit", "pc", "arr")


def own_windows(publication: Publication) -> list[str]:
    month = publication.data["month"]
    return [f"m:{month}", f"3m:{month}", f"12m:{month}"]


def truth(publications: list[Publication]) -> dict[str, int]:
    """The true counts, now, of every cell of the publications' windows and months."""
    units = Units.load()
    months = {p.month for p in publications}
    first = min(metrics.add_months(m, -11) for m in months)
    values = metrics.event_counts(units, metrics.month_spans(first, max(months)))
    for month in months:
        values.update(metrics.month_values(month, units))
    return values


def _split(key):
    return astuple(Cell.parse(key))


def system(publications: list[Publication], truths: list[dict[str, int]]):
    """(published, relations) of what a reader holding ``publications`` knows.

    ``truths``: the true counts the publications were made from (one per version
    when the attack spans two versions); sums of students are listed only where
    they hold in all of them.
    """
    published: dict[str, int | None] = {}
    shown_windows: set[str] = set()
    # Each window's schools by region: its publication's; a month never published,
    # as the district's units of that month say (a reader knows its organization).
    region_of_month: dict[str, dict[str, str]] = {}
    for p in publications:
        shown_windows.update(own_windows(p))
        published.update(p.cells)
        region_of_month[p.data["month"]] = {
            school: data["region"] for school, data in p.data["units"]["schools"].items()
        }
    units = Units.load()

    def region_of(window: str) -> dict[str, str]:
        month = window.rsplit(":", 1)[1]
        if month not in region_of_month:
            regions = units.regions(metrics.parse_month(month))
            region_of_month[month] = {s: r for r, schools in regions.items() for s in schools}
        return region_of_month[month]

    schools_cache: dict[tuple[str, str], frozenset[str]] = {}

    def schools_of(region: str, window: str) -> frozenset[str]:
        month = window.rsplit(":", 1)[1]
        if (region, month) not in schools_cache:
            schools_cache[(region, month)] = frozenset(
                s for s, r in region_of(window).items() if r == region
            )
        return schools_cache[(region, month)]

    # Unpublished months: unknown where any truth is nonzero.
    for values in truths:
        for key, value in values.items():
            window = _split(key)[1]
            if window not in shown_windows and value:
                published[key] = None
    # Shown zeros a relation might need are added below as 0.

    def value(key):
        if key in published:
            return published[key]
        return 0

    def true(values, key):
        return values.get(key, 0)

    groups: dict[str, set[str]] = defaultdict(set)
    exact_only: set[str] = set()
    windows_by_month: dict[str, list[str]] = defaultdict(list)
    for w in shown_windows:
        if not w.startswith("m:"):
            for m in Window.parse(w).months:
                windows_by_month[f"m:{metrics.month_label(m)}"].append(w)
    for key in list(published):
        unit, window, measure, stat, dim, cat = _split(key)
        additive = stat in ADDITIVE
        if dim != "all" and (additive or dim in STUDENT_DIMS):
            groups[cell_key(unit, window, measure, stat) + "#b" + dim].add(key)
        parent = region_of(window).get(unit) if unit.startswith("school:") else None
        if unit.startswith("region:"):
            parent = "district"
        if parent:
            total = cell_key(parent, window, measure, stat, dim, cat)
            groups[total + "#h"].add(key)
            if not additive:
                exact_only.add(total + "#h")
        if window.startswith("m:") and stat in ("ev", "dy", "st"):
            for w in windows_by_month.get(window, []):
                total = cell_key(unit, w, measure, stat, dim, cat)
                groups[total + "#w"].add(key)
                moved = unit.startswith("region:") and any(
                    schools_of(unit, w) != schools_of(unit, f"m:{metrics.month_label(m)}")
                    for m in Window.parse(w).months
                )
                if not additive or moved:
                    exact_only.add(total + "#w")
        if additive and measure in PARTS_OF_ALL:
            groups[cell_key(unit, window, "all", stat, dim, cat) + "#m"].add(key)

    relations = []
    for name, parts in groups.items():
        total = name.split("#")[0]
        if name in exact_only and any(
            true(v, total) != sum(true(v, p) for p in parts) for v in truths
        ):
            continue
        for v in truths:
            assert true(v, total) == sum(true(v, p) for p in parts), name
        if total not in published:
            published[total] = value(total)
        relations.append(Relation(total, tuple(sorted(parts))))
    return published, relations


def recoverable(publications, truths, cap=None, floor=None) -> list[str]:
    """The hidden cells a reader can work out exactly (should be none).

    ``floor``: the least value a reader grants a hidden count: 0 where zeros may be
    hidden (modular suppression), 1 where every zero is shown (the audit). By default,
    per stat from how each publication was suppressed (:func:`audited`). A hidden 0
    that the reader can work out is not counted: it tells what a shown 0 would."""
    published, relations = system(publications, truths)
    bounds = _caps(published, cap)
    if floor is None:
        floor, bounds = 0.0, bounds or {}
        for key in audited(publications, published):
            bounds[key] = (1, cap)
    found = attack.recoverable(published, relations, bounds=bounds, floor=floor)
    if floor:
        return found
    truth = {k: v for t in truths for k, v in t.items()}
    return [k for k in found if truth.get(k, 0)]


def audited(publications, published) -> list[str]:
    """The hidden keys a reader knows to be at least 1: those of a stat the audit
    suppressed (it shows every zero), in that publication's windows, and in the
    months never published where every publication audited the stat."""
    audited_in: dict[str, set[str]] = {}
    for p in publications:
        for stat, cost in p.data.get("counts", {}).get("suppression", {}).items():
            if cost.get("engine", "audit") == "audit":
                audited_in.setdefault(stat, set()).update(own_windows(p))
    everywhere = {
        stat
        for stat in audited_in
        if all(
            p.data["counts"]["suppression"].get(stat, {}).get("engine", "audit") == "audit"
            for p in publications
        )
    }
    shown = {w for p in publications for w in own_windows(p)}
    keys = []
    for key, value in published.items():
        if value is not None:
            continue
        _unit, window, _measure, stat, *_ = _split(key)
        if window in audited_in.get(stat, ()) or (window not in shown and stat in everywhere):
            keys.append(key)
    return keys


def _caps(published, cap):
    if cap is None:
        return None
    return {k: (None, cap) for k, v in published.items() if v is None}


def recoverable_across_versions(
    old: Publication,
    new: Publication,
    others: list[Publication],
    truth_old: dict[str, int],
    truth_new: dict[str, int],
    cap=None,
) -> list:
    """The hidden cells a reader holding both versions (and ``others``) can work out."""
    old_published, relations = system([*others, old], [truth_old, truth_new])
    new_published, new_relations = system([*others, new], [truth_old, truth_new])
    keys = set(old_published) | set(new_published)
    for key in keys:
        old_published.setdefault(key, 0)
        new_published.setdefault(key, 0)
    all_relations = list({(r.total, r.parts): r for r in [*relations, *new_relations]}.values())
    changed = {k for k in keys if truth_old.get(k, 0) != truth_new.get(k, 0)}
    published, combined, kept = attack.versions_system(
        old_published, new_published, all_relations, changed=changed
    )
    bounds = _caps(published, cap) or {}
    for key, (low, _high) in kept.items():
        bounds[key] = (low, cap)
    return attack.recoverable(published, combined, bounds=bounds)
