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

import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable, Mapping

from reporting.metrics import (
    ADDITIVE_STATS,
    BREAKDOWNS,
    DIMENSION,
    DISTRICT,
    ENROLLMENT,
    OFFENSE,
    PARTS_OF_ALL,
    STUDENT_DIMENSIONS,
    STUDENTS,
    TOTAL,
    Cell,
)
from reporting.suppression import THRESHOLD, Grid, Relation, is_chain


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
    *,
    sums: Sums | None = None,
) -> tuple[dict[str, int], list[Relation]]:
    """The relations among ``values`` (key -> count; absent keys are 0).

    ``regions``: window key -> (region unit key -> its school unit keys), the units
    the window is read by; or one such mapping for every window. ``window_parts``:
    each window made of others (``"3m:2026-10"``) -> its parts (``"m:2026-10"``, ...).
    ``sums``: the :class:`Sums` of the same ``regions`` and ``window_parts``, to share
    with a :class:`PublicationGrid`.
    Returns the values with any zero total a relation needs added, and the relations.
    """
    values = dict(values)
    sums = sums or Sums(regions, window_parts)
    # Every cell's parent in each kind of sum: (kind, total key) -> parts.
    parts_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in list(values):
        for parent in sums.parents(key):
            parts_of[parent].append(key)
    relations: list[Relation] = []
    for (kind, total), parts in parts_of.items():
        total_value = values.get(total, 0)
        if sums.exact_only(kind, total) and total_value != sum(values[p] for p in parts):
            continue
        if total not in values:
            values[total] = 0
        relations.append(Relation(total, tuple(sorted(parts)), kind))
    return values, relations


class Sums:
    """Which sums a cell is a part of, from the publication's structure (see the
    module docstring): :func:`relations_for` lists them for the cells counted, and
    suppression asks again for a zero cell it hides (``Grid``)."""

    def __init__(
        self,
        regions: Callable[[str], Mapping[str, list[str]]] | Mapping[str, list[str]],
        window_parts: Mapping[str, list[str]],
    ):
        self.regions_of = regions if callable(regions) else (lambda window, fixed=regions: fixed)
        self.window_parts = window_parts
        self.windows_of_part: dict[str, list[str]] = defaultdict(list)
        for window, parts in window_parts.items():
            for part in parts:
                self.windows_of_part[part].append(window)
        self.breakdowns = {
            stat: breakdowns_of(stat) for stat in (*ADDITIVE_STATS, STUDENTS, ENROLLMENT)
        }
        self._school_regions: dict[int, dict[str, str]] = {}
        self._by_window: dict[str, dict[str, str]] = {}
        self._moved: dict[tuple[str, str], bool] = {}
        #: relations that hold only where the numbers say so (listed exactly then)
        self.checked: set[tuple[str, str]] = set()

    def school_region(self, window: str) -> dict[str, str]:
        if window not in self._by_window:
            mapping = self.regions_of(window)
            if id(mapping) not in self._school_regions:
                self._school_regions[id(mapping)] = {
                    s: r for r, schools in mapping.items() for s in schools
                }
            self._by_window[window] = self._school_regions[id(mapping)]
        return self._by_window[window]

    def moved(self, region: str, window: str) -> bool:
        """Whether the region's schools in a part of ``window`` differ from its own."""
        if (region, window) not in self._moved:
            own = self.regions_of(window)
            self._moved[(region, window)] = any(
                self.regions_of(part) is not own
                and self.regions_of(part).get(region) != own.get(region)
                for part in self.window_parts[window]
            )
        return self._moved[(region, window)]

    def parents(self, key: str) -> list[tuple[str, str]]:
        """``(kind, total key)`` of every sum ``key`` is a part of."""
        cell = Cell.parse(key)
        unit, window, measure, stat, dim, cat = (
            cell.unit,
            cell.window,
            cell.measure,
            cell.stat,
            cell.dim,
            cell.cat,
        )
        rest = f"|{window}|{measure}|{stat}|{dim}|{cat}"
        out = []
        if dim != TOTAL and dim in self.breakdowns.get(stat, ()):
            out.append(("breakdown " + dim, f"{unit}|{window}|{measure}|{stat}|{TOTAL}|{TOTAL}"))
        if stat == ENROLLMENT and dim == OFFENSE:
            return out
        if unit == DISTRICT:
            pass
        elif unit.startswith("region:"):
            out.append(("hierarchy", DISTRICT + rest))
        elif unit in self.school_region(window):
            out.append(("hierarchy", self.school_region(window)[unit] + rest))
        if stat in ADDITIVE_STATS or stat == STUDENTS:
            for total_window in self.windows_of_part.get(window, ()):
                total = f"{unit}|{total_window}|{measure}|{stat}|{dim}|{cat}"
                out.append(("window", total))
                if unit.startswith("region:") and self.moved(unit, total_window):
                    self.checked.add(("window", total))
        if stat in ADDITIVE_STATS and measure in PARTS_OF_ALL:
            out.append(("measure", f"{unit}|{window}|{TOTAL}|{stat}|{dim}|{cat}"))
        return out

    def exact_only(self, kind: str, total: str) -> bool:
        """A sum listed only where it holds (students over schools or months, a
        region's window across a reorganization)."""
        return (kind, total) in self.checked or (
            kind in ("hierarchy", "window") and Cell.parse(total).stat not in ADDITIVE_STATS
        )


class PublicationGrid(Grid):
    """A publication's cells as a grid for modular suppression (:class:`Grid`): the
    axes are the unit (schools sum to their region, regions to the District), the
    window (months sum to the 3- and 12-month windows), the kind of event (eight
    kinds sum to "any action") and the category (each breakdown's categories sum to
    the total). ``values``: one stat's cells; ``own``: the windows being published
    (only their zeros may be hidden: :meth:`Grid.open`)."""

    #: Options kept per axis (the best by how cheaply their cells could move).
    BREADTH = 6

    def __init__(
        self,
        values: Mapping[str, int],
        sums: Sums,
        own: set[str],
        priority: Callable[[str], int],
    ):
        self.sums = sums
        self.values = values
        self.own = own
        self._priority = priority
        self.categories: dict[tuple[str, str], set[str]] = defaultdict(set)
        months: set[str] = set(sums.windows_of_part)
        for key in values:
            cell = Cell.parse(key)
            if cell.dim != TOTAL:
                self.categories[(cell.stat, cell.dim)].add(cell.cat)
            if cell.window.startswith("m:"):
                months.add(cell.window)
        for stat in (*ADDITIVE_STATS, STUDENTS, ENROLLMENT):
            for dim in STUDENT_DIMENSIONS:
                self.categories[(stat, dim)].update(str(c) for c, _ in DIMENSION[dim].categories)
        self.months = sorted(months, key=lambda m: m.split(":", 1)[1])
        self.month_index = {m: i for i, m in enumerate(self.months)}

    def _loose(self, cell: Cell, kind: str) -> bool:
        """Students, enrollment: whether ``cell`` is free of its sum of ``kind``
        (``"hierarchy"``: into its parent unit; ``"window"``: of its months), a sum
        listed only where it holds (:meth:`Sums.exact_only`)."""
        if cell.stat in ADDITIVE_STATS:
            return False
        values = self.values
        rest = f"|{cell.measure}|{cell.stat}|{cell.dim}|{cell.cat}"
        if kind == "window":
            months = self.sums.window_parts.get(cell.window)
            if not months:
                return False
            total = values.get(f"{cell.unit}|{cell.window}{rest}", 0)
            return total != sum(values.get(f"{cell.unit}|{m}{rest}", 0) for m in months)
        regions = self.sums.regions_of(cell.window)
        if cell.unit == DISTRICT:
            parts, total = list(regions), cell.unit
        elif cell.unit in regions:
            parts, total = regions[cell.unit], cell.unit
        else:
            region = self.sums.school_region(cell.window).get(cell.unit)
            if region is None:
                return True
            parts, total = regions[region], region
        at = f"|{cell.window}{rest}"
        return values.get(total + at, 0) != sum(values.get(p + at, 0) for p in parts)

    def maker(self, key: str) -> Callable[..., str]:
        stat = Cell.parse(key).stat
        return lambda unit, window, measure, category: (
            f"{unit}|{window}|{measure}|{stat}|{category}"
        )

    def parents(self, key: str) -> list[tuple[str, str]]:
        return self.sums.parents(key)

    def open(self, key: str) -> bool:
        return Cell.parse(key).window in self.own

    def priority(self, key: str) -> int:
        return self._priority(key)

    def options(self, key: str, near: Callable[[str], float]) -> list:
        cell = Cell.parse(key)
        make = self.maker(key)
        category = f"{cell.dim}|{cell.cat}"

        values = self.values

        def best(options, cells, busiest=None):
            """The options to try, best first. *Chains* (options that only raise
            cells: the cell and what contains it) where the cell's count is, most
            first: a product of chains, lowered, lowers only counts that hold the
            cell's own. Then chains from where the most happened (``busiest``: its
            leaf's total; there a sibling category or kind can trade with the cell)
            and chains from a month being published (its zeros may rise). Then the
            BREADTH other options whose cells move most cheaply."""
            chains, others = [], []
            for option in options:
                (chains if is_chain(option) else others).append(option)
            # A chain's least cell is its leaf (its first coordinate): a part is at
            # most its total, for students too.
            leaf_first = heapq.nsmallest(
                self.BREADTH,
                chains,
                key=lambda o: (-values.get(cells(o[:1])[0], 0), o[0][0]),
            )
            kept = list(leaf_first)
            if busiest is not None:
                kept += [
                    o
                    for o in heapq.nsmallest(2 * self.BREADTH, chains, key=busiest)
                    if o not in leaf_first
                ][: self.BREADTH]
            kept += [o for o in chains if o[0][0] in self.own and o not in kept]
            others = heapq.nsmallest(
                self.BREADTH, others, key=lambda o: sum(near(k) for k in cells(o))
            )
            return kept + others

        everything = f"{TOTAL}|{TOTAL}"

        axes = [
            best(
                self._unit_options(cell),
                lambda o: [make(u, cell.window, cell.measure, category) for u, _ in o],
                lambda o: -values.get(make(o[0][0], cell.window, TOTAL, everything), 0),
            ),
            best(
                self._window_options(cell),
                lambda o: [make(cell.unit, w, cell.measure, category) for w, _ in o],
            ),
            best(
                self._measure_options(cell),
                lambda o: [make(cell.unit, cell.window, m, category) for m, _ in o],
            ),
        ]
        # The leaf: where the cell's count is, one level down on each axis (each
        # axis's best chain's first coordinate). A category chain keeps, in every other
        # breakdown, the category of the leaf's students.
        # Chosen together: the leaf of one axis's best chain need not hold the count
        # at the leaf of another's (a school's event in another month).
        firsts = [
            list(dict.fromkeys(o[0][0] for o in options if is_chain(o))) or [own]
            for options, own in zip(axes, (cell.unit, cell.window, cell.measure), strict=True)
        ]
        leaf = list(
            max(
                itertools.product(*firsts),
                key=lambda at: values.get(make(*at, category), 0),
            )
        )
        return [
            *axes,
            self._category_options(
                cell, lambda c: near(make(cell.unit, cell.window, cell.measure, c)), leaf
            ),
        ]

    def _unit_options(self, cell: Cell) -> list[list[tuple[str, int]]]:
        regions = self.sums.regions_of(cell.window)
        unit = cell.unit
        if unit == DISTRICT:
            alone = [[(unit, 1)]] if self._loose(cell, "hierarchy") else []
            return alone + [
                [(s, 1), (r, 1), (unit, 1)] for r, schools in regions.items() for s in schools
            ]
        if unit in regions:
            chains = [[(s, 1), (unit, 1), (DISTRICT, 1)] for s in regions[unit]]
            if self._loose(cell, "hierarchy"):
                chains += [[(unit, 1)], [(unit, 1), (DISTRICT, 1)]]
            pairs = [
                [(s, 1), (unit, 1), (s2, -1), (other, -1)]
                for s in regions[unit][:3]
                for other, schools in regions.items()
                if other != unit
                for s2 in schools[:3]
            ]
            return chains + pairs
        region = self.sums.school_region(cell.window).get(unit)
        if region is None:
            return [[(unit, 1)]]
        # Students: a school's sum into its region is listed only where it holds.
        alone = [[(unit, 1)]] if cell.stat not in ADDITIVE_STATS else []
        return (
            alone
            + [[(unit, 1), (region, 1), (DISTRICT, 1)]]
            + [[(unit, 1), (s, -1)] for s in self._trading_schools(cell, regions[region])]
        )

    def _trading_schools(self, cell: Cell, schools: list[str]) -> list[str]:
        """The schools of the region a school's cell may trade with: those whose same
        cell is a count of 1 to 10 (hidden, so free to move), fewest first, then
        a few with a 0 (free to rise where the month is published); a region has
        hundreds of schools, and ranking every trade for every count cost more than
        the rest of the search."""
        rest = f"|{cell.window}|{cell.measure}|{cell.stat}|{cell.dim}|{cell.cat}"
        small, zero = [], []
        for school in schools:
            if school == cell.unit:
                continue
            value = self.values.get(school + rest, 0)
            if not value:
                if len(zero) < self.BREADTH:
                    zero.append(school)
            elif value < THRESHOLD:
                small.append((value, school))
        small.sort()
        return [s for _, s in small[: 2 * self.BREADTH]] + zero

    def _window_options(self, cell: Cell) -> list[list[tuple[str, int]]]:
        if cell.stat == ENROLLMENT:
            return [[(cell.window, 1)]]
        own = self.sums.window_parts.get(cell.window, [cell.window])

        def containing(month: str) -> set[str]:
            return {month, *self.sums.windows_of_part.get(month, ())}

        # Students: a window's sum of months is listed only where it holds.
        options = [[(cell.window, 1)]] if self._loose(cell, "window") else []
        for month in own:
            if month not in self.month_index:
                continue
            # The month first: a chain's first coordinate is its leaf.
            options.append([(month, 1)] + [(w, 1) for w in sorted(containing(month) - {month})])
            i = self.month_index[month]
            # Traded with a neighbouring month, or with a month being published (its
            # zeros may rise: the trade moves that month and its shorter windows
            # rather than the long window both are in).
            near = {self.months[j] for j in range(max(0, i - 2), min(len(self.months), i + 3))}
            published = {m for m in self.own if m in self.month_index}
            for other in sorted(near | published):
                if other in own:
                    continue
                plus, minus = containing(month), containing(other)
                options.append(
                    [(w, 1) for w in sorted(plus - minus)] + [(w, -1) for w in sorted(minus - plus)]
                )
        return options or [[(cell.window, 1)]]

    def _measure_options(self, cell: Cell) -> list[list[tuple[str, int]]]:
        measure = cell.measure
        if cell.stat not in ADDITIVE_STATS:
            return [[(measure, 1)]]
        if measure in PARTS_OF_ALL:
            # A chain's first coordinate is its leaf: the kind of event.
            return [[(measure, 1), (TOTAL, 1)]] + [
                [(measure, 1), (other, -1)] for other in PARTS_OF_ALL if other != measure
            ]
        if measure == TOTAL:
            return [[(part, 1), (TOTAL, 1)] for part in PARTS_OF_ALL]
        return [[(measure, 1)]]

    def _category_options(
        self, cell: Cell, near: Callable[[str], float], leaf: list[str]
    ) -> list[list[tuple[str, int]]]:
        dims = self.sums.breakdowns.get(cell.stat, ())
        total = f"{TOTAL}|{TOTAL}"

        def ranked(dim: str, exclude: str = "") -> list[str]:
            cats = [c for c in self.categories.get((cell.stat, dim), ()) if c != exclude]
            return sorted(cats, key=lambda c: (near(f"{dim}|{c}"), c))

        def largest(dim: str) -> str | None:
            """The category of ``dim`` with the most of the cell's total (a chain,
            lowered, must not take a category below 0); None where the unit has no
            count in ``dim`` (no such breakdown to keep)."""
            cats = self.categories.get((cell.stat, dim), ())
            at = f"{cell.unit}|{cell.window}|{cell.measure}|{cell.stat}|{dim}|"
            deep = "|".join((*leaf, cell.stat, dim, ""))
            found = max(
                sorted(cats),
                key=lambda c: (self.values.get(deep + c, 0), self.values.get(at + c, 0)),
                default=None,
            )
            return found if found is not None and at + found in self.values else None

        def chain(fixed: dict[str, str]) -> list[tuple[str, int]]:
            # The cell's own category first (a chain's first coordinate is its leaf).
            option = [(total, 1)]
            for dim in dims:
                cat = fixed.get(dim) or largest(dim)
                if cat is not None:
                    option.insert(1 if dim != cell.dim else 0, (f"{dim}|{cat}", 1))
            return option

        if cell.dim == TOTAL:
            options = [chain({})]
            for dim in dims:
                second = ranked(dim)[1:2]
                if second:
                    options.append(chain({dim: second[0]}))
            return [o for o in options if o]
        if cell.dim not in dims:
            return [[(f"{cell.dim}|{cell.cat}", 1)]]
        own = f"{cell.dim}|{cell.cat}"
        pairs = [[(own, 1), (f"{cell.dim}|{c}", -1)] for c in ranked(cell.dim, cell.cat)]
        options = pairs[: self.BREADTH] + [chain({cell.dim: cell.cat})]
        return [o for o in options if o]
