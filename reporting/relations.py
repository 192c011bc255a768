"""Everything a reader can add up in the published tables, as suppression relations.

The cells of a publication (:mod:`reporting.metrics`) are tied together by sums,
and each sum is a way to work a hidden count out. :func:`relations_for` lists
them for :func:`reporting.suppression.suppress` (and the attacker tests list them
again, independently):

* **breakdowns**: a unit's total (for a window, measure and stat) is the sum of the
  categories of each breakdown; race x school and EL x school share that total,
  which is what links the tables;
* **hierarchy**: a region's cell is the sum of its schools' same cells, the
  District's the sum of the regions';
* **windows**: a 3- or 12-month window is the sum of its months;
* **measures**: "any action" is the sum of the eight kinds of event (school-based
  arrests are among the arrests).

Events and days lost add up everywhere (an event has one school, one date, one
student). Unduplicated students and cumulative enrollment add up over the
categories of a student attribute, but over schools and months only when no
student is in two of them; such a sum is listed exactly when it holds, because a
reader who guesses it would be right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from reporting import metrics
from reporting.metrics import (
    ADDITIVE_STATS,
    DISTRICT,
    ENROLLMENT,
    OFFENSE,
    PARTS_OF_ALL,
    STUDENT_DIMENSIONS,
    STUDENTS,
    TOTAL,
    Window,
    cell_key,
)
from reporting.suppression import Relation


def breakdowns_of(stat: str) -> tuple[str, ...]:
    """The breakdowns whose categories partition a total of ``stat``."""
    if stat in ADDITIVE_STATS:
        return metrics.BREAKDOWNS
    # A student with events for two offenses is one student in each row.
    return STUDENT_DIMENSIONS


def relations_for(
    values: dict[str, int], regions: Mapping[str, list[str]]
) -> tuple[dict[str, int], list[Relation]]:
    """The relations among ``values`` (key -> count; absent keys are 0).

    ``regions``: region unit key -> its school unit keys. Returns the values with
    any zero total a relation needs added, and the relations.
    """
    values = dict(values)
    relations: list[Relation] = []

    def add(total: str, parts: list[str], exact_only: bool) -> None:
        parts = [p for p in parts if p in values]
        if not parts:
            return
        total_value = values.get(total, 0)
        if exact_only and total_value != sum(values[p] for p in parts):
            return
        values.setdefault(total, 0)
        if len(parts) == 1 and parts[0] == total:
            return
        relations.append(Relation(total, tuple(sorted(parts))))

    # Group the cells once: by everything but the category, and by category.
    by_group: dict[tuple, list[str]] = defaultdict(list)
    windows: set[str] = set()
    for key in list(values):
        unit, window, measure, stat, dim, cat = key.split("|")
        windows.add(window)
        if dim != TOTAL:
            by_group[(unit, window, measure, stat, dim)].append(key)

    # Breakdowns: total = sum of the categories.
    for (unit, window, measure, stat, dim), parts in by_group.items():
        if dim in breakdowns_of(stat):
            add(cell_key(unit, window, measure, stat), parts, exact_only=False)

    # The rest is computed on the (unit-less, window-less, measure-less) "shape" of a
    # cell: every cell of one shape is the same stat, breakdown and category.
    school_region = {s: r for r, schools in regions.items() for s in schools}
    shapes: dict[tuple, dict[tuple, str]] = defaultdict(dict)
    for key in values:
        unit, window, measure, stat, dim, cat = key.split("|")
        shapes[(stat, dim, cat)][(unit, window, measure)] = key

    for (stat, dim, cat), cells in shapes.items():
        additive = stat in ADDITIVE_STATS
        if stat == ENROLLMENT and dim == OFFENSE:
            continue

        def key_of(unit, window, measure, stat=stat, dim=dim, cat=cat):
            return cell_key(unit, window, measure, stat, dim, cat)

        # Hierarchy: region = its schools, District = its regions.
        schools_by_region: dict[tuple, list[str]] = defaultdict(list)
        regions_seen: set[tuple] = set()
        for unit, window, measure in cells:
            if unit.startswith("school:") and unit in school_region:
                schools_by_region[(school_region[unit], window, measure)].append(
                    key_of(unit, window, measure)
                )
            elif unit.startswith("region:"):
                regions_seen.add((window, measure))
            elif unit == DISTRICT:
                regions_seen.add((window, measure))
        for (region, window, measure), parts in schools_by_region.items():
            add(key_of(region, window, measure), parts, exact_only=not additive)
        for window, measure in regions_seen:
            parts = [key_of(region, window, measure) for region in regions]
            add(key_of(DISTRICT, window, measure), parts, exact_only=not additive)

        # Windows: a 3- or 12-month window = its months.
        if stat in (*ADDITIVE_STATS, STUDENTS):
            for unit, window, measure in list(cells):
                if window.startswith("m:"):
                    continue
                months = [f"m:{metrics.month_label(m)}" for m in Window.parse(window).months]
                parts = [key_of(unit, m, measure) for m in months]
                add(key_of(unit, window, measure), parts, exact_only=not additive)

        # Measures: "any action" = the eight kinds of event.
        if additive:
            for unit, window, measure in list(cells):
                if measure == TOTAL:
                    parts = [key_of(unit, window, m) for m in PARTS_OF_ALL]
                    add(key_of(unit, window, TOTAL), parts, exact_only=False)
    return values, relations
