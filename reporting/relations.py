"""Everything a reader can add up in the published tables, as suppression relations.

The cells of a publication (:mod:`reporting.metrics`) are tied together by sums,
and each sum is a way to work a hidden count out. :func:`relations_for` lists
them for :func:`reporting.suppression.suppress` (and the attacker tests list them
again, independently):

* **breakdowns**: a unit's total (for a window, measure and stat) is the sum of the
  categories of each breakdown; race x school and EL x school share that total,
  which is what links the tables;
* **hierarchy**: a region's cell is the sum of its schools' same cells, the
  District's the sum of the regions'; a window is read by the units of its last
  month (``reporting.metrics.Units``), so which schools make a region depends on
  the window;
* **windows**: a 3- or 12-month window is the sum of its months (published or not);
  for a region whose schools changed between the window and a month (a
  reorganization), only when the numbers say so (its schools' own window sums and
  the hierarchy of each window already tie the cells together);
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
from collections.abc import Callable, Mapping
from dataclasses import astuple

from reporting.metrics import (
    ADDITIVE_STATS,
    BREAKDOWNS,
    DISTRICT,
    ENROLLMENT,
    OFFENSE,
    PARTS_OF_ALL,
    STUDENT_DIMENSIONS,
    STUDENTS,
    TOTAL,
    Cell,
)
from reporting.suppression import Relation


def breakdowns_of(stat: str) -> tuple[str, ...]:
    """The breakdowns whose categories partition a total of ``stat``."""
    if stat in ADDITIVE_STATS:
        return BREAKDOWNS
    # A student with events for two offenses is one student in each row.
    return STUDENT_DIMENSIONS


def relations_for(
    values: dict[str, int],
    regions: Callable[[str], Mapping[str, list[str]]] | Mapping[str, list[str]],
    window_parts: Mapping[str, list[str]],
) -> tuple[dict[str, int], list[Relation]]:
    """The relations among ``values`` (key -> count; absent keys are 0).

    ``regions``: window key -> (region unit key -> its school unit keys), the units
    the window is read by; or one such mapping for every window. ``window_parts``:
    each window made of others (``"3m:2026-10"``) -> its parts (``"m:2026-10"``, ...).
    Returns the values with any zero total a relation needs added, and the relations.
    """
    values = dict(values)
    relations: list[Relation] = []
    regions_of = regions if callable(regions) else (lambda window, fixed=regions: fixed)
    school_regions: dict[int, dict[str, str]] = {}

    def school_region(window: str) -> dict[str, str]:
        mapping = regions_of(window)
        if id(mapping) not in school_regions:
            school_regions[id(mapping)] = {s: r for r, schools in mapping.items() for s in schools}
        return school_regions[id(mapping)]

    moved_cache: dict[tuple[str, str], bool] = {}

    def moved(region: str, window: str) -> bool:
        """Whether the region's schools in a part of ``window`` differ from its own."""
        if (region, window) not in moved_cache:
            own = regions_of(window)
            moved_cache[(region, window)] = any(
                regions_of(part) is not own and regions_of(part).get(region) != own.get(region)
                for part in window_parts[window]
            )
        return moved_cache[(region, window)]

    #: relations that hold only where the numbers say so (listed exactly then)
    checked: set[tuple[str, str]] = set()
    breakdowns = {stat: breakdowns_of(stat) for stat in (*ADDITIVE_STATS, STUDENTS, ENROLLMENT)}

    # Every cell's parent in each kind of sum: (kind, total key) -> parts.
    sums: dict[tuple[str, str], list[str]] = defaultdict(list)
    window_of_part: dict[str, list[str]] = defaultdict(list)
    for window, parts in window_parts.items():
        for part in parts:
            window_of_part[part].append(window)
    for key in list(values):
        unit, window, measure, stat, dim, cat = astuple(Cell.parse(key))
        rest = f"|{window}|{measure}|{stat}|{dim}|{cat}"
        if dim != TOTAL and dim in breakdowns.get(stat, ()):
            sums[("breakdown " + dim, f"{unit}|{window}|{measure}|{stat}|{TOTAL}|{TOTAL}")].append(
                key
            )
        if stat == ENROLLMENT and dim == OFFENSE:
            continue
        if unit == DISTRICT:
            pass
        elif unit.startswith("region:"):
            sums[("hierarchy", DISTRICT + rest)].append(key)
        elif unit in school_region(window):
            sums[("hierarchy", school_region(window)[unit] + rest)].append(key)
        if stat in ADDITIVE_STATS or stat == STUDENTS:
            for total_window in window_of_part.get(window, ()):
                total = f"{unit}|{total_window}|{measure}|{stat}|{dim}|{cat}"
                sums[("window", total)].append(key)
                if unit.startswith("region:") and moved(unit, total_window):
                    checked.add(("window", total))
        if stat in ADDITIVE_STATS and measure in PARTS_OF_ALL:
            sums[("measure", f"{unit}|{window}|{TOTAL}|{stat}|{dim}|{cat}")].append(key)

    for (kind, total), parts in sums.items():
        total_value = values.get(total, 0)
        exact_only = (kind, total) in checked or (
            kind in ("hierarchy", "window") and Cell.parse(total).stat not in ADDITIVE_STATS
        )
        if exact_only and total_value != sum(values[p] for p in parts):
            continue
        if total not in values:
            values[total] = 0
        relations.append(Relation(total, tuple(sorted(parts))))
    return values, relations
