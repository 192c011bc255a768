"""Statistical disclosure control for the monthly public tables (SPEC section 5, Privacy).

Plain Python on purpose (no Django, no numpy): the publication service hands this module
a set of cells and the linear relations between them, and gets back the cells to hide.

A published table set is modelled generically:

* a *cell* is any hashable key (a tuple such as ``(school, month, "race", "Black")``)
  with a non-negative integer count;
* a :class:`Relation` says that one cell is the sum of others. Everything an
  outsider can add up is a relation: a breakdown's categories sum to the unit's
  total; a region's cell is the sum of its schools' same cells and the District's
  the sum of the regions'; a 3-month (12-month) window is the sum of its 3 (12)
  months; two breakdowns of the same unit (race and EL status) share its total,
  which is what links the two tables.

Rules, from SPEC section 5 and the California Health and Human Services (CalHHS)
Data De-identification Guidelines:

1. Primary suppression: every count from 1 to ``threshold - 1`` (1 to 10) is hidden.
   A 0 is shown: it identifies nobody, and hiding zeros would hide that a school
   suspended no one.
2. An earlier version's pattern (``keep``, or ``previous``) stays hidden, so that a
   correction cannot be differenced against the version it replaces (see
   :func:`suppress` for what ``previous`` adds).
3. Complementary suppression, per relation, read as one linear equation over its
   total and its parts: if exactly one of its cells is hidden, the equation gives it
   away, so another is hidden; and where every hidden cell of the relation is 3 or
   less, or the hidden cells sum to less than ``threshold``, one more is hidden
   (CalHHS: the hidden group itself must not be a small number). The complement is
   chosen deterministically: the smallest non-zero shown part (ties by key order),
   else the total. A suppression made for one relation can break another relation
   the cell belongs to, so the rules are applied with a work queue until nothing
   changes (a fixpoint).
4. Audit. The per-relation rules are necessary but not sufficient: in a table with
   row and column totals a hidden cell can be a bridge between two otherwise closed
   groups of hidden cells, and overlapping trailing windows are worse (months 2, 3, 4
   hidden with the windows 1-3 and 2-4 shown: every window has two hidden months, and
   the difference of the two windows gives month 4 minus month 1, a shown month). So
   after the fixpoint the whole system is checked by exact linear algebra (modulo a
   large prime): a hidden cell is recoverable when it takes the same value in every
   solution of the published equations; then by linear programming (a hidden count is
   at least 1, since a 0 is always shown); and a cell is free only with a
   whole-number witness (:func:`_whole_witnesses`: another table in whole numbers that
   fits everything published and gives it another value; a cell the polytope lets
   move only between 1 and 1.5 is 1 to a reader who knows counts are whole numbers).
   For each recoverable cell one more cell is hidden
   near it (after two rounds that did not free it, every candidate near it) and the
   loop runs again.
5. Release. Complements added round by round can be made redundant by later ones
   (often a region's or the District's totals, hidden early for a cell that a later
   complement freed anyway). So the complements a reader would most like to see
   (``worth``; the publication rates the District's and regions' totals highest) are
   shown again, one group at a time, wherever the per-relation rules still hold and
   the audit still passes; the audits spent are capped (``release_budget``).
   ``reporting.attack`` checks the final result independently, by linear programming.

Cost. The per-relation rules are linear in the size of the tables (about a second
for 50,000 cells and 38,000 relations). The audit is a sparse elimination per round,
a few seconds at that size; without trailing windows it passes in one round, with
3- and 12-month windows over a year of months it took 13 rounds (about a minute) on a
synthetic district where most school-month counts are small, and hid about a quarter
more cells than the per-relation rules alone. The release costs one audit per group
judged, at most ``release_budget`` (200) of them: on a demo district of 12,000 students
(12,000 cells per stat) about a minute and a half per stat, and it showed again the
District's month totals that the rounds had hidden.

Modular suppression (``suppress(grid=...)``; the publication uses it with
``REPORTING_SUPPRESSION=modular``, issue 13). The audit above searches for proofs in
the whole linked system; here the proofs are built from the tables' structure, so the
cost grows with the number of hidden cells, not with the size of what links them. A
:class:`Grid` names each cell's coordinates on its axes (unit, window, kind of event,
category) and, per axis, *options*: changes of that axis's coordinate that keep the
axis's sums (a school and its region and the District raised together; a school raised
and a sibling lowered; a month and the windows that hold it; a category and its total
and one category of every other breakdown; two categories traded). The product of one
option per axis keeps every sum of the tables, so, where its cells may move, it is a
whole-number witness. For every hidden count without one (primary, or hidden by the
per-relation rules), the cheapest product is chosen by coordinate descent from a
*core* of chains (options that only raise cells, placed where the cell's count is: a
product of chains, lowered, lowers only counts that hold the cell's own), checked in
exact arithmetic, and its cells are hidden; each witness is the proof of every count
it moves, and hiding more never breaks one, so nothing is audited again. Zeros of the
tables being published may be hidden (added to the tables on demand, in the sums they
belong to), so a reader may grant a hidden count only >= 0 (>= 1 for what an earlier
publication hid); zeros of earlier publications and of months never published stay
known. A count no product moves is reported (``UnsafeTable``). The District's and
regions' totals of 11 or more are never taken by the per-relation rules and cost a
witness a million. There is no release step.

Why zeros are not used as complements (by the audit; modular suppression uses them). A
complement is there to add uncertainty. A hidden 0 adds none to the hidden group's sum
(the CalHHS "sum < 11" and "all <= 3" rules test that sum), and the count itself is not
sensitive. So zeros are chosen only as the last resort for a relation left with a single
hidden cell and no other candidate (this only happens when the hidden cell is itself a 0
kept from an earlier version): there a hidden 0 does help, since one equation in two
unknowns does not fix either. What a zero complement would also blur, and what these
rules do not hide, is the *attribute* of a tiny group: when a breakdown's only non-zero
category is hidden and every other category shows 0, a reader learns that all of the
unit's (hidden) count is in that category, though not how many. And in sparse tables a
shown 0 works like any shown value: it can leave a hidden cell with no way to move,
which is why the audit sometimes has to hide cells further away.

Why the audit treats a hidden 0 as known. Against an attacker who also uses
non-negativity (every count is >= 0), a hidden cell whose true value is positive can
only be pinned by the equations themselves: the true table is then an interior point
of the set of tables consistent with the publication, so any direction the equations
leave free moves the cell both ways. Hidden zeros are on the boundary, so the audit
conservatively treats them as published; then every positive hidden cell the audit
passes is safe against the linear-programming attacker too.
"""

from __future__ import annotations

import heapq
import itertools
import random
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Key = Hashable

#: Smallest count that is shown. SPEC section 5: counts from 1 to 10 are not shown.
THRESHOLD = 11

#: What a reader sees in place of a hidden count, primary or complementary alike.
MARK = "*"

#: The legend printed under every table that uses :data:`MARK`.
LEGEND = "1 to 10, or hidden so that a small count cannot be worked out"

# A hidden cell is "all <= 3" small (CalHHS): such a group needs one more complement.
_SMALL = 3

# Audit rounds a recoverable cell gets one complement at a time before it gets them all.
_PATIENCE = 2

#: Audits spent at most, per call of :func:`suppress`, on showing again complements
#: that turned out not to be needed.
RELEASE_BUDGET = 200

# Sizes of the balls that try to prove a hidden cell free (see _Table.recoverable_cells).
_BALLS = (48, 400, 3000)

# Integer programs the exact audit of a connected component solves at most.
_COMPONENT_PROGRAMS = 64

# Moves the local witness search (_Table._local_witness) makes at most for one cell.
_LOCAL_STEPS = 200

# The release (step 5) shows a cell again only where balls up to this size prove every
# count it touches free: a show that needs a whole component's audit to pass is not
# worth its cost (on the demo most of the release's time went to such failing trials),
# except for the cells hidden most reluctantly (the highest ``priority``: the District's
# and regions' totals), which get the full audit.
_RELEASE_BALL = 400

# Mersenne prime for the audit's exact arithmetic. The relations' coefficients are
# +1/-1 and the numbers that arise in elimination stay small, so a prime this large
# turning a non-zero number into 0 is not a practical concern.
_PRIME = (1 << 61) - 1


_INF = float("inf")

# What moving a cell costs a modular witness (_Table._cell_cost): hiding a zero; hiding
# a shown count, per complement priority (cells no reader sees, school, breakdowns
# above schools, their totals). The District's and regions' totals of 11 or more are
# hidden by a witness only where no other is found, and never by the per-relation rules
# (_Table.protected).
_ZERO_COST = 0.5
_LEVEL_COST = {-1: 0.2, 0: 1.0, 1: 8.0, 2: 60.0}
_TOTAL_COST = 1e6
# Combinations of options tried at most for a witness that the first one cannot start.
_COMBINATIONS = 5000
# Candidate witnesses checked exactly at most, cheapest first.
_CHECKED = 400
# linprog's status when HiGHS stops at its time limit.
_TIME_LIMIT = 1
# Combinations enumerated at most where the descent finds no witness that balances.
_EVERY = 20000
_SLICE = 1000


def _size(axes: Sequence[Sequence[Sequence]], choice: Sequence[int]) -> int:
    """How many cells the product of ``choice`` (one option per axis) moves."""
    size = 1
    for a, o in enumerate(choice):
        size *= len(axes[a][o])
    return size


def is_chain(option: Sequence[tuple[str, int]]) -> bool:
    """Whether a :class:`Grid` option only raises cells (a *chain*: the cell and what
    contains it; a product of chains, lowered, lowers only counts that hold the
    cell's own)."""
    return all(coef > 0 for _, coef in option)


def _product(axes: Sequence[Sequence[tuple[str, int]]]) -> list[tuple[tuple[str, ...], int]]:
    """The cells of a product of one option per axis: (fragments, coefficient)."""
    cells: list[tuple[tuple[str, ...], int]] = [((), 1)]
    for option in axes:
        cells = [((*f, frag), c * coef) for f, c in cells for frag, coef in option]
    return cells


class Grid:
    """The structure of a set of tables, for modular suppression (an interface).

    A cell's key is made of one coordinate per axis (for the publication: unit,
    window, kind of event, category). Each axis has sums of its own (schools to
    region to District, months to windows, kinds to "any", categories to the
    total), the same for every value of the other coordinates. A change of one
    coordinate's cells that keeps that axis's sums (an *option*: ``[(coordinate,
    +1 or -1), ...]``) times such changes on the other axes keeps every sum of the
    tables: that product is a witness, if its cells may move (hidden, and never
    below their floor).
    """

    def options(self, key: Key, near: Callable[[Key], float]) -> list[list[list[tuple[str, int]]]]:
        """Per axis, the options that move ``key``'s coordinate, best first
        (``near(key)``: how cheaply a cell could move)."""
        raise NotImplementedError

    def maker(self, key: Key) -> Callable[..., Key]:
        """``make(*coordinates)``: the key of a cell of ``key``'s tables."""
        raise NotImplementedError

    def parents(self, key: Key) -> list[tuple[str, Key]]:
        """``(kind, total)`` of every sum a (zero) cell is a part of."""
        raise NotImplementedError

    def open(self, key: Key) -> bool:
        """Whether a zero cell may be hidden: one of the tables being published (a
        reader may know the zeros of everything else: published before, or a month
        never published that had no events)."""
        raise NotImplementedError

    def priority(self, key: Key) -> int:
        """A zero cell's complement priority."""
        return 0


class UnsafeTable(Exception):
    """Suppression cannot make the tables safe: some hidden counts stay recoverable.

    ``keys`` names (some of) them. Nothing may be published from such tables.
    """

    def __init__(self, keys: Sequence[Key], total: int):
        self.keys = list(keys)
        self.total = total
        shown = ", ".join(map(str, self.keys[:5]))
        super().__init__(
            f"{total} hidden count(s) can still be worked out from what would be shown and "
            f"no cell is left to hide, for example {shown}"
        )


@dataclass(frozen=True)
class Relation:
    """``value[total] == sum(value[part] for part in parts)``: a fact a reader can use."""

    total: Key
    parts: tuple[Key, ...]
    #: What kind of sum it is (``"hierarchy"``, ``"breakdown race"``...): several
    #: relations can share a total, and a cell added later joins the one of its kind.
    kind: str = ""

    def __post_init__(self) -> None:
        parts = tuple(self.parts)
        object.__setattr__(self, "parts", parts)
        if not parts:
            raise ValueError(f"relation for {self.total!r} has no parts")
        if self.total in parts or len(set(parts)) != len(parts):
            raise ValueError(f"relation for {self.total!r} repeats a cell")

    @property
    def cells(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


def primary_suppressions(values: Mapping[Key, int], *, threshold: int = THRESHOLD) -> frozenset:
    """The counts from 1 to ``threshold - 1``: hidden because they are small."""
    return frozenset(key for key, value in values.items() if 0 < value < threshold)


def suppress(
    values: Mapping[Key, int],
    relations: Sequence[Relation],
    *,
    threshold: int = THRESHOLD,
    keep: Iterable[Key] = (),
    previous: Mapping[Key, int | None] | None = None,
    audit: bool = True,
    worth: Callable[[Key, int], float] | None = None,
    release_budget: int = RELEASE_BUDGET,
    priority: Callable[[Key], int] | None = None,
    stats: dict | None = None,
    grid: Grid | None = None,
) -> frozenset:
    """Return the keys to publish as :data:`MARK` (see the module docstring for the rules).

    ``keep``: keys hidden in an earlier version of the same publication; they stay
    hidden. ``previous``: that earlier version as it was published (``None`` where
    hidden), for a correction. Its hidden keys are kept; its shown values that this
    version repeats are known to every reader, so they are never chosen as complements
    (hiding them again would hide nothing). And the shown values that the correction
    changes are hidden all together as soon as one of them has to be hidden: a reader
    who holds both versions learns the size of the correction from any changed cell
    shown in both, and every cell the correction moved moves by that same amount. Keys
    of ``keep`` or ``previous`` that are not in ``values`` are ignored. ``keep`` alone
    honours the pattern but does not know what the reader already saw; pass
    ``previous`` when publishing a correction.

    ``audit=False`` stops after the per-relation rules (for tests and diagnosis).

    ``worth(key, value)``: how much a reader gains from seeing a cell (default: its
    value). After the audit, complements rated above 0 are shown again, the most worth
    first, where the rules and the audit allow (step 5 of the module docstring);
    ``release_budget`` caps the audits spent on that (0: none).

    ``priority(key)``: how reluctantly a cell is taken as a complement (lower first;
    default 0 for all): the publication takes school-level and breakdown cells before
    the District's and regions' totals. ``stats``, if given, is filled with what the
    run cost (audits, cells audited, largest component).

    ``grid``: the tables' structure (:class:`Grid`). With it, suppression is modular
    (see "Modular suppression" in the module docstring): every hidden count gets a
    witness built from the structure, zeros may be hidden as complements, a reader
    is granted only that a hidden count is at least 0 (at least 1 for the hidden
    cells of ``keep`` and ``previous``, published before), and there is no release
    step. ``stats["added"]`` then lists the zero cells it added to the tables and
    ``stats["relations"]`` the relations with them.

    Raises :class:`UnsafeTable` if some hidden count stays recoverable under the
    reader model and nothing is left to hide.

    Raises ``ValueError`` if a count is negative or not an integer, or a relation does
    not hold; ``KeyError`` if a relation names a cell that has no value.
    """
    table = _Table(values, relations, threshold, priority, grid)
    kept = set(keep)
    known: set[Key] = set()
    changed: set[Key] = set()
    for key, shown in (previous or {}).items():
        if shown is None:
            kept.add(key)
        elif key in values:
            (known if values[key] == shown else changed).add(key)
    hidden = table.run(kept, known, changed, audit, worth, release_budget)
    if stats is not None:
        stats.update(
            audits=table.audits,
            audited_cells=table.audited_cells,
            largest_component=table.largest_component,
        )
        if grid is not None:
            stats.update(
                witnesses=table.witnesses,
                added=table.keys[table.first_added :],
                relations=table.relations(),
            )
    return hidden


def suppress_rate(
    count_suppressed: bool,
    denominator: int | None,
    *,
    min_denominator: int = THRESHOLD,
) -> bool:
    """True when a rate must not be shown.

    A rate is hidden when its denominator is under ``min_denominator`` (or is itself not
    shown), and whenever its count is hidden: rate x denominator / 100 would give the
    count back.
    """
    return count_suppressed or denominator is None or denominator < min_denominator


def publish(values: Mapping[Key, int], suppressed: Iterable[Key]) -> dict[Key, int | None]:
    """The table as a reader gets it: ``None`` (shown as :data:`MARK`) where hidden."""
    hidden = frozenset(suppressed)
    return {key: None if key in hidden else value for key, value in values.items()}


def _by_value(key: Key, value: int) -> float:
    return value


def _sort_order(keys: list[Key]) -> list[int]:
    """Rank of each key in key order (by ``repr`` where keys do not compare)."""
    try:
        order = sorted(range(len(keys)), key=keys.__getitem__)
    except TypeError:
        order = sorted(range(len(keys)), key=lambda i: (type(keys[i]).__name__, repr(keys[i])))
    rank = [0] * len(keys)
    for position, i in enumerate(order):
        rank[i] = position
    return rank


class _Table:
    """Cells and relations as integer ids, with the suppression state of each relation."""

    def __init__(
        self,
        values: Mapping[Key, int],
        relations: Sequence[Relation],
        threshold: int,
        priority: Callable[[Key], int] | None = None,
        grid: Grid | None = None,
    ):
        self.threshold = threshold
        self.grid = grid
        self.keys = list(values)
        self.index = {key: i for i, key in enumerate(self.keys)}
        self.value = list(values.values())
        for key, value in zip(self.keys, self.value, strict=True):
            if type(value) is not int or value < 0:
                raise ValueError(f"count for {key!r} is not a non-negative integer: {value!r}")
        self.rank = _sort_order(self.keys)
        self.priority = [priority(k) for k in self.keys] if priority else [0] * len(self.keys)
        self.top_priority = max(self.priority, default=0)

        index, value = self.index, self.value
        self.rel_total: list[int] = []
        self.rel_parts: list[tuple[int, ...]] = []
        self.rel_cells: list[tuple[int, ...]] = []
        self.rel_kind: list[str] = []
        self.cell_rels: list[list[int]] = [[] for _ in self.keys]
        cell_rels = self.cell_rels
        for r, relation in enumerate(relations):
            total = index[relation.total]
            parts = tuple(map(index.__getitem__, relation.parts))
            if value[total] != sum(map(value.__getitem__, parts)):
                raise ValueError(f"relation does not hold: {relation!r}")
            self.rel_kind.append(relation.kind)
            self.rel_total.append(total)
            self.rel_parts.append(parts)
            self.rel_cells.append((total, *parts))
            cell_rels[total].append(r)
            for p in parts:
                cell_rels[p].append(r)

        n_rel = len(self.rel_total)
        self.hidden = bytearray(len(self.keys))
        self.known = bytearray(len(self.keys))
        # The least value a reader grants a hidden cell: 1 (a 0 is always shown), but
        # 0 for a zero kept hidden from an earlier version (see :meth:`run`). Modular
        # suppression hides zeros too: 0, but 1 for what was hidden before (run).
        self.floor = bytearray(b"\x00" if grid else b"\x01") * len(self.keys)
        # Modular suppression: cells added (zeros) from here on; witnesses built; each
        # relation by (total, kind), for a zero cell to join.
        self.first_added = len(self.keys)
        self.witnesses = 0
        self.rel_of: dict[tuple[int, str], int] = {}
        if grid is not None:
            self.rel_of = {
                (t, k): r
                for r, (t, k) in enumerate(zip(self.rel_total, self.rel_kind, strict=True))
            }
        # Per relation: how many cells are hidden, their sum, how many of them exceed 3.
        self.n_hidden = [0] * n_rel
        self.sum_hidden = [0] * n_rel
        self.n_big = [0] * n_rel
        # Per relation, built on first use: its non-zero parts by (value, key order),
        # and how far the scan for a complement has got (hidden or known cells stay so).
        self.candidates: list[list[int] | None] = [None] * n_rel
        self.cursor = [0] * n_rel
        self.queue: deque[int] = deque()
        self.queued = bytearray(n_rel)
        # Audits :meth:`release` may still spend.
        self.audits_left = 0
        # Cells hidden or shown since the last audit: the components to audit next.
        self.dirty: list[int] = []
        # Certificates (see :meth:`recoverable_cells`): each cell's ball, or -1; the
        # balls; which balls each cell is in; the cells not yet proven free.
        self.cert = [-1] * len(self.keys)
        self.ball_members: list[list[int]] = []
        self.balls_of: dict[int, list[int]] = {}
        self.pending: set[int] = set()
        self.broken: dict[int, int] = {}
        self.audits = self.audited_cells = self.largest_component = 0

    # --- state -------------------------------------------------------------------

    def hide(self, i: int) -> None:
        if self.hidden[i]:
            return
        self.hidden[i] = 1
        self.dirty.append(i)
        v = self.value[i]
        for r in self.cell_rels[i]:
            self.n_hidden[r] += 1
            self.sum_hidden[r] += v
            if v > _SMALL:
                self.n_big[r] += 1
            if not self.queued[r]:
                self.queued[r] = 1
                self.queue.append(r)

    def run(
        self,
        kept: set[Key],
        known: set[Key],
        changed: set[Key],
        audit: bool,
        worth=None,
        release_budget: int = 0,
    ) -> frozenset:
        for key in known:
            self.known[self.index[key]] = 1
        moved = [self.index[key] for key in changed]
        for i, v in enumerate(self.value):
            if 0 < v < self.threshold:
                self.hide(i)
        for key in kept:
            i = self.index.get(key)
            if i is not None:
                self.hide(i)
                if not self.value[i]:
                    # A reader of a correction knows that its earlier pattern stays
                    # hidden, so a kept cell may be 0: an unknown from 0 up.
                    self.floor[i] = 0
                elif self.grid is not None:
                    # Hidden by a publication made before zeros could be hidden: a
                    # reader may take it to be at least 1.
                    self.floor[i] = 1
        if self.grid is not None:
            return self.run_modular(moved, audit)
        attempts: dict[int, int] = {}
        first = True
        while True:
            self.fixpoint()
            if any(self.hidden[i] for i in moved) and not all(self.hidden[i] for i in moved):
                for i in moved:
                    self.hide(i)
                continue
            if not audit:
                break
            pinned = self.recoverable_cells(everything=first)
            first = False
            if not pinned:
                break
            added: set[int] = set()
            touched: set[int] = set()
            for c in sorted(pinned, key=self.rank.__getitem__):
                # One new complement may free several pinned cells: look again first.
                if touched.intersection(self.cell_rels[c]):
                    continue
                attempts[c] = attempts.get(c, 0) + 1
                # A cell that one complement at a time has not freed gets them all.
                for e in self.audit_complements(c, every=attempts[c] > _PATIENCE):
                    self.hide(e)
                    added.add(e)
                    touched.update(self.cell_rels[e])
            if not added:
                keys = sorted((self.keys[c] for c in pinned), key=repr)
                raise UnsafeTable(keys, len(keys))
            # Audit again where anything changed, and where cells were pinned.
            self.dirty.extend(pinned)
        if audit and release_budget:
            protected = {self.index[key] for key in kept if key in self.index}
            self.release(protected.union(moved), worth or _by_value, release_budget)
        if audit:
            # Every hidden count must end with a proof that it is free.
            value, cert = self.value, self.cert
            self.pending.update(
                i for i in range(len(value)) if value[i] and cert[i] < 0 and self.is_var(i)
            )
            if self.pending and self.recoverable_cells():
                keys = sorted((self.keys[c] for c in self.pending), key=repr)
                raise UnsafeTable(keys, len(keys))
        return frozenset(key for key, i in self.index.items() if self.hidden[i])

    def run_modular(self, moved: list[int], audit: bool) -> frozenset:
        """Steps 3 and 4 of modular suppression: the per-relation rules, then a witness
        for every hidden count without one, until neither adds a cell."""
        value, hidden = self.value, self.hidden
        while True:
            self.fixpoint()
            if any(hidden[i] for i in moved) and not all(hidden[i] for i in moved):
                for i in moved:
                    self.hide(i)
                continue
            if not audit:
                break
            targets = sorted(
                {i for i in self.dirty if value[i] and self.is_var(i) and self.cert[i] < 0},
                key=self.rank.__getitem__,
            )
            self.dirty = []
            if not targets:
                break
            failed = []
            for c in targets:
                if self.cert[c] >= 0:
                    continue
                support = self._product_witness(c)
                if support is None:
                    failed.append(c)
                    continue
                for e in support:
                    self.hide(e)
                self._certify_support(support, set())
            if failed:
                keys = sorted((self.keys[c] for c in failed), key=repr)
                raise UnsafeTable(keys, len(keys))
        return frozenset(key for key, i in self.index.items() if hidden[i])

    # --- modular suppression: witnesses built from the tables' structure -----------

    def _cell_cost(self, key: Key, t: int) -> float:
        """What it costs to move ``key`` by ``t`` in a witness: 0 for a hidden count
        that may move so, the cost of hiding it for a shown one, ``inf`` where it may
        not move (known to the reader, or below its floor)."""
        i = self.index.get(key)
        if i is None:
            # A zero not in the tables: hidden (and added) only to rise from 0.
            return _ZERO_COST if t > 0 and self.grid.open(key) else _INF
        if self.known[i] or self.value[i] + t < self.floor[i]:
            return _INF
        if self.hidden[i]:
            return 0.0
        v = self.value[i]
        if not v:
            return _ZERO_COST if self.grid.open(key) else _INF
        level = self.priority[i]
        if self.protected(i):
            # Only where no other witness is found (then counted as hidden totals).
            return _TOTAL_COST
        return (1.0 + v / self.threshold) * _LEVEL_COST.get(level, 1.0)

    def protected(self, i: int) -> bool:
        """Modular: a cell never hidden as a complement, the cells of the highest
        complement priority (the District's and regions' totals) of 11 or more."""
        return self.top_priority > 0 and (
            self.priority[i] >= self.top_priority and self.value[i] >= self.threshold
        )

    def _product_witness(self, c: int) -> list[int] | None:
        """A witness for hidden count ``c`` from the grid's options (see :class:`Grid`):
        the product of one option per axis, chosen by coordinate descent on the cost
        of the cells it would hide, checked exactly before it counts. Returns the
        support (cells to hide, zeros added to the tables), or None."""
        grid = self.grid
        key = self.keys[c]
        near = self._near_cost(key)
        axes = grid.options(key, near)
        make = grid.maker(key)

        tried: dict[tuple[int, ...], tuple[float, int]] = {}
        exact: set[tuple[int, ...]] = set()  # costs not cut short by a bound

        def cost_of(choice: list[int], bound: float = _INF) -> tuple[float, int]:
            """The cost of a product (and the sign it is cheapest at); at least
            ``bound`` (not exact) where both signs reach it."""
            option = tuple(choice)
            if option not in tried:
                tried[option] = _cost_of(choice, bound)
                if tried[option][0] < bound:
                    exact.add(option)
            return tried[option]

        costs: dict[tuple[str, ...], tuple[float, float]] = {}

        def _cost_of(choice: list[int], bound: float) -> tuple[float, int]:
            plus = minus = 0.0
            for fragments, coef in _product([axes[a][o] for a, o in enumerate(choice)]):
                pair = costs.get(fragments)
                if pair is None:
                    k = make(*fragments)
                    pair = costs[fragments] = (self._cell_cost(k, 1), self._cell_cost(k, -1))
                up, down = pair if coef > 0 else (pair[1], pair[0])
                plus += up
                minus += down
                if plus >= bound and minus >= bound:
                    break
            return (plus, 1) if plus <= minus else (minus, -1)

        # Starts: every axis's cheapest chain (an option that only raises cells: the
        # product of chains, lowered, lowers only counts at least the cell's own), and
        # the same with one axis's chain swapped for each of its other options (a
        # sibling raised beside the cell lowered). Then one axis at a time from the best.
        # The core: one chain per axis whose leaf cell (the first coordinate of each
        # chain: where the cell's count is, one level down on every axis) holds the
        # most of the cell's count; a core whose leaf is 0 cannot be lowered.
        chain_options = [
            [o for o, option in enumerate(options) if is_chain(option)] or [0] for options in axes
        ]
        value, index = self.value, self.index
        chains, most = [o[0] for o in chain_options], -1
        for core in itertools.islice(itertools.product(*chain_options), _COMBINATIONS):
            leaf = index.get(make(*(axes[a][o][0][0] for a, o in enumerate(core))))
            if leaf is not None and value[leaf] > most:
                chains, most = list(core), value[leaf]

        def one_axis_changed(start: list[int]):
            for a, options in enumerate(axes):
                for o in range(len(options)):
                    if o != start[a]:
                        yield [*start[:a], o, *start[a + 1 :]]

        # A product can miss a sum the grid does not know of (a sum of students listed
        # only where it holds), so the descent moves only to products that keep every
        # relation and floor, checked exactly.
        supports: dict[tuple[int, ...], list[int] | None] = {}

        def support_of(choice: list[int] | tuple[int, ...]) -> list[int] | None:
            """The cells of a product whose cost is known exactly, if it balances."""
            option = tuple(choice)
            if option not in supports:
                cost, sign = tried[option]
                supports[option] = (
                    None if cost >= _INF else self._support(c, axes, make, option, sign)
                )
            return supports[option]

        def cheapest_balanced(limit: int) -> tuple[float, list[int] | None]:
            """Of the products tried, the cheapest that balances (at most ``limit``
            checked, their costs made exact first where a bound cut them short)."""
            for option, (cost, _) in list(tried.items()):
                if option not in exact and cost < _INF:
                    del tried[option]
                    cost_of(list(option))
            ranked = sorted(
                (cost, -_size(axes, o), o)
                for o, (cost, _) in tried.items()
                if cost < _INF and o not in supports
            )
            for cost, _larger, option in ranked[:limit]:
                if support_of(option) is not None:
                    return cost, list(option)
            return _INF, None

        choice: list[int] | None = None
        best, _ = cost_of(chains)
        if best < _INF and support_of(chains) is not None:
            choice = chains
        else:
            best = _INF
        for trial in one_axis_changed(chains) if best else ():
            cost, _ = cost_of(trial, best)
            if cost < best and support_of(trial) is not None:
                best, choice = cost, trial
        if choice is None:
            # One axis at a time cannot leave an impossible start (two axes may have
            # to change together): the cheapest of what was tried that balances, else
            # every combination, a slice at a time (each axis's best options first).
            best, choice = cheapest_balanced(_CHECKED)
            every = itertools.islice(
                itertools.product(*(range(len(options)) for options in axes)), _EVERY
            )
            while choice is None:
                chunk = list(itertools.islice(every, _SLICE))
                if not chunk:
                    break
                for trial in chunk:
                    cost_of(list(trial))
                best, choice = cheapest_balanced(_CHECKED)
        if choice is None:
            return None
        for _sweep in range(2):
            improved = False
            for trial in one_axis_changed(choice) if best else ():
                cost, _ = cost_of(trial, best)
                if cost < best and support_of(trial) is not None:
                    best, choice, improved = cost, trial, True
                    if best == 0:
                        break
            if not improved:
                break
        self.witnesses += 1
        return supports[tuple(choice)]

    def _support(self, c, axes, make, option, sign) -> list[int] | None:
        """The cells of the product ``option`` (one option per axis) moved by ``sign``,
        if it moves ``c`` and keeps every relation and floor (checked exactly)."""
        d: dict[int, int] = {}
        for fragments, coef in _product([axes[a][o] for a, o in enumerate(option)]):
            k = make(*fragments)
            if k not in self.index:
                self._add_zero(k)
            d[self.index[k]] = d.get(self.index[k], 0) + sign * coef
        d = {e: t for e, t in d.items() if t}
        return list(d) if c in d and self._balances(d, hiding=True) else None

    def _near_cost(self, key: Key) -> Callable[[Key], float]:
        """How cheaply a cell near ``key`` could move (for ranking a grid's options)."""

        def near(other: Key) -> float:
            return min(self._cell_cost(other, 1), self._cell_cost(other, -1))

        return near

    def _add_zero(self, key: Key) -> int:
        """Add a zero cell to the tables, in every sum of the grid's that holds with it
        (a reader who sees it as 0, or does not see it listed, knows these sums)."""
        i = len(self.keys)
        self.keys.append(key)
        self.index[key] = i
        self.value.append(0)
        self.rank.append(i)
        self.priority.append(self.grid.priority(key))
        self.cell_rels.append([])
        for array in (self.hidden, self.known, self.floor):
            array.append(0)
        self.cert.append(-1)
        for kind, total in self.grid.parents(key):
            t = self.index.get(total)
            r = self.rel_of.get((t, kind)) if t is not None else None
            if r is not None:
                self.rel_parts[r] = (*self.rel_parts[r], i)
                self.rel_cells[r] = (*self.rel_cells[r], i)
                self.candidates[r] = None
                self.cursor[r] = 0
            elif t is None or not self.value[t]:
                # No sum of this kind listed: every cell of it is 0, so it holds.
                if t is None:
                    t = self._add_zero(total)
                r = len(self.rel_total)
                self.rel_total.append(t)
                self.rel_parts.append((i,))
                self.rel_cells.append((t, i))
                self.rel_kind.append(kind)
                self.rel_of[(t, kind)] = r
                self.cell_rels[t].append(r)
                for array in (self.n_hidden, self.sum_hidden, self.n_big, self.cursor):
                    array.append(0)
                self.candidates.append(None)
                self.queued.append(0)
                if self.hidden[t]:
                    self.n_hidden[r] += 1
            else:
                # A sum not listed because it does not hold (unduplicated students).
                continue
            self.cell_rels[i].append(r)
        return i

    def relations(self) -> list[Relation]:
        keys = self.keys
        return [
            Relation(keys[t], tuple(keys[p] for p in parts), kind)
            for t, parts, kind in zip(self.rel_total, self.rel_parts, self.rel_kind, strict=True)
        ]

    def show(self, i: int) -> None:
        """Undo :meth:`hide` (for :meth:`release`): the cell is shown again."""
        self.hidden[i] = 0
        self.dirty.append(i)
        if self.cert[i] >= 0:
            # Kept, so that a release that is undone gives the cell its proof back.
            self.broken.setdefault(i, self.cert[i])
        self.cert[i] = -1
        for b in self.balls_of.get(i, ()):
            for c in self.ball_members[b]:
                if self.cert[c] == b:
                    self.cert[c] = -1
                    self.broken.setdefault(c, b)
                    self.pending.add(c)
        v = self.value[i]
        for r in self.cell_rels[i]:
            self.n_hidden[r] -= 1
            self.sum_hidden[r] -= v
            if v > _SMALL:
                self.n_big[r] -= 1
            self.cursor[r] = 0  # the scan for a complement may have passed it

    def settle(self) -> None:
        """Forget the relations :meth:`hide` queued: the state is known to be a fixpoint."""
        for r in self.queue:
            self.queued[r] = 0
        self.queue.clear()

    # --- per-relation rules ------------------------------------------------------

    def needs_complement(self, r: int) -> bool:
        n = self.n_hidden[r]
        if n == 0 or (self.grid is not None and not self.sum_hidden[r]):
            # Modular: a sum whose hidden cells are all 0 hides no small count.
            return False
        return n == 1 or self.n_big[r] == 0 or self.sum_hidden[r] < self.threshold

    def complement(self, r: int) -> int | None:
        """The next cell to hide for relation ``r``, or None if there is none to take."""
        hidden, known, value = self.hidden, self.known, self.value
        candidates = self.candidates[r]
        if candidates is None:
            priority = self.priority
            candidates = sorted(
                (
                    p
                    for p in self.rel_parts[r]
                    if value[p] > 0 and not (self.grid is not None and self.protected(p))
                ),
                key=lambda p: (priority[p], value[p], self.rank[p]),
            )
            self.candidates[r] = candidates
        k = self.cursor[r]
        while k < len(candidates) and (hidden[candidates[k]] or known[candidates[k]]):
            k += 1
        self.cursor[r] = k
        if k < len(candidates):
            return candidates[k]
        total = self.rel_total[r]
        if self.grid is not None and self.protected(total):
            return None
        if not hidden[total] and not known[total] and value[total] > 0:
            return total
        if self.n_hidden[r] == 1:
            # Last resort: a lone hidden cell (a kept 0) among zeros; see module docstring.
            for p in sorted(self.rel_parts[r], key=self.rank.__getitem__):
                if not hidden[p] and not known[p]:
                    return p
            if not hidden[total] and not known[total]:
                return total
        return None

    def fixpoint(self) -> None:
        queue, queued = self.queue, self.queued
        while queue:
            r = queue.popleft()
            queued[r] = 0
            while self.needs_complement(r):
                e = self.complement(r)
                if e is None:
                    break
                self.hide(e)
            # hide() re-queued r; its rules hold now (or cannot be met), so drop it.
            queued[r] = 0

    # --- audit ---------------------------------------------------------------------

    def is_var(self, i: int) -> bool:
        """An unknown of the reader's system: hidden, positive, not known otherwise."""
        return bool(
            self.hidden[i] and not self.known[i] and (self.value[i] > 0 or not self.floor[i])
        )

    def recoverable_cells(self, everything: bool = False, largest: int | None = None) -> list[int]:
        """Hidden positive cells not yet proven free: the ones to complement.

        A cell is proven free by a *certificate*: a whole-number witness, another
        table that fits everything published and gives the cell another value
        (:meth:`_witnesses_in`), found in a small group of hidden cells (a ball around
        it) with every cell outside the group taken as known to the reader. A witness
        stays a proof while every cell it moves (its support) stays hidden: hiding a
        cell never breaks one, and showing a cell breaks only the witnesses that moved
        it (:meth:`show`). So each audit looks only at the cells hidden since the last
        one, the cells whose certificate broke, and the ones still pinned: the work
        follows what changed, not the size of the system. Balls grow (``_BALLS``) for
        cells a small one does not free; a cell no ball frees gets its whole connected
        component, and one no witness there moves is reported pinned. With
        ``largest`` (the release's quick audit) balls stop at that size and a cell
        they do not free is reported pinned without its component's audit.
        """
        value = self.value
        if everything:
            self.pending.update(i for i in range(len(value)) if value[i] and self.is_var(i))
        for i in self.dirty:
            if value[i] and self.is_var(i) and self.cert[i] < 0:
                self.pending.add(i)
        self.dirty = []
        pending = {i for i in self.pending if self.is_var(i) and self.cert[i] < 0}
        self.audits += 1
        # A local search finds many cells' small witnesses without a program (half
        # of a students table's, few of an events table's): only the cells it
        # misses go to the balls' integer programs.
        for c in sorted(pending, key=self.rank.__getitem__):
            if c not in pending:
                continue
            support = self._local_witness(c, 1) or self._local_witness(c, -1)
            if support:
                self._certify_support(support, pending)
                continue
            if largest is not None and not self._freed_by_balls(c, largest, pending):
                # The release's quick audit: one cell no small ball frees fails the
                # trial, so the rest need not be looked at.
                self.pending = pending
                return sorted(pending)
        if largest is not None:
            self.pending = pending
            return sorted(pending)
        for size in _BALLS:
            # A cell a ball of this size did not free waits for the next size.
            tried: set[int] = set()
            for c in sorted(pending, key=self.rank.__getitem__):
                if c not in pending or c in tried:
                    continue
                ball = self._ball(c, size)
                tried.update(ball)
                self._certify(ball, pending)
            if not pending:
                break
        if pending:
            # What no ball frees gets the exact audit: its whole connected component,
            # with at most _COMPONENT_PROGRAMS integer programs (on a 25-school
            # district thousands of cells reach this point, each program over 20,000
            # cells: a cell left without a witness counts as pinned and gets a
            # complement, which makes a small witness for it).
            component = self._component(pending)
            self.largest_component = max(self.largest_component, len(component))
            self._certify(component, pending, programs=_COMPONENT_PROGRAMS)
        self.pending = pending
        return sorted(pending)

    def _certify(self, ball: list[int], pending: set[int], programs: int | None = None) -> None:
        """Audit ``ball``: each whole-number witness found in it becomes a certificate
        for the hidden counts it moves (its *support*: only showing one of those
        cells can break it)."""
        self.audited_cells += len(ball)
        for support in self._witnesses_in(ball, pending, programs):
            self._certify_support(support, pending)

    def _freed_by_balls(self, c: int, largest: int, pending: set[int]) -> bool:
        """Audit balls around ``c`` of the sizes up to ``largest``, smallest first,
        until one frees it; True if one did."""
        for size in (b for b in _BALLS if b <= largest):
            self._certify(self._ball(c, size), pending)
            if c not in pending:
                return True
        return False

    def _certify_support(self, support: list[int], pending: set[int]) -> None:
        """Record a witness: a proof for every hidden count it moves."""
        value, cert = self.value, self.cert
        b = len(self.ball_members)
        self.ball_members.append(support)
        for e in support:
            self.balls_of.setdefault(e, []).append(b)
            if cert[e] < 0 and value[e]:
                cert[e] = b
                pending.discard(e)

    def _local_witness(self, c: int, sign: int, steps: int = _LOCAL_STEPS) -> list[int]:
        """The cells of a whole-number witness that moves ``c`` by ``sign``, found by a
        greedy local search, or ``[]``.

        Start from ``d[c] = sign``; while a relation does not balance, move the hidden
        cell of it that unbalances the fewest other relations, each cell once and never
        below its floor. Where hidden neighbours make a small alternating square or
        cube around ``c`` this finds it; it does not backtrack, so where a witness has
        to span months, kinds of event, units and categories at once it mostly fails
        (about half of a students table's cells get one, 1 in 100 of an events
        table's: docs/benchmarks.md). The result is checked in exact arithmetic
        against every relation it touches, so a miss costs a ball's programs, never a
        wrong proof.
        """
        value, floor, cell_rels = self.value, self.floor, self.cell_rels
        rel_total, rel_cells = self.rel_total, self.rel_cells
        if value[c] + sign < floor[c]:
            return []
        d = {c: sign}
        residual: dict[int, int] = {}

        def move(e: int, t: int) -> None:
            d[e] = t
            for r in cell_rels[e]:
                residual[r] = residual.get(r, 0) + (-t if rel_total[r] == e else t)
                if not residual[r]:
                    del residual[r]

        for r in cell_rels[c]:
            residual[r] = -sign if rel_total[r] == c else sign
        for _ in range(steps):
            if not residual:
                break
            r = min(residual, key=lambda q: (len(rel_cells[q]), q))
            res = residual[r]
            best = None
            for e in rel_cells[r]:
                # Each cell moves once (a search that may undo its moves goes round
                # in circles).
                if e in d or not self.is_var(e):
                    continue
                # The move of e that cancels the relation's residual.
                t = res if rel_total[r] == e else -res
                if value[e] + t < floor[e]:
                    continue
                cost = 0
                for q in cell_rels[e]:
                    if q == r:
                        continue
                    before = residual.get(q, 0)
                    after = before + (-t if rel_total[q] == e else t)
                    cost += abs(after) - abs(before)
                option = (cost, self.rank[e], e, t)
                if best is None or option < best:
                    best = option
            if best is None:
                return []
            move(best[2], best[3])
        if residual or not self._balances(d):
            return []
        # Every cell of d moved once, by a non-zero amount: d is the witness's support.
        return list(d)

    def _balances(self, d: dict[int, int], hiding: bool = False) -> bool:
        """``d`` (cell -> change) keeps every relation and floor: checked exactly.
        ``hiding``: the cells of ``d`` are to be hidden (any not known to the reader
        may move)."""
        value, floor, known = self.value, self.floor, self.known
        if hiding:
            if any(value[e] + t < floor[e] or known[e] for e, t in d.items()):
                return False
        elif any(value[e] + t < floor[e] or (t and not self.is_var(e)) for e, t in d.items()):
            return False
        # Each relation's balance from the cells of d alone: + for a part, - for the total.
        balance: dict[int, int] = {}
        rel_total = self.rel_total
        for e, t in d.items():
            for r in self.cell_rels[e]:
                balance[r] = balance.get(r, 0) + (-t if rel_total[r] == e else t)
        return not any(balance.values())

    def _component(self, seeds: Iterable[int]) -> list[int]:
        """Every unknown connected to ``seeds`` through relations (the exact audit's
        scope: a reader's equations never reach across components)."""
        seen = set(seeds)
        stack = list(seen)
        seen_rels: set[int] = set()
        while stack:
            c = stack.pop()
            for r in self.cell_rels[c]:
                if r in seen_rels:
                    continue
                seen_rels.add(r)
                for e in self.rel_cells[r]:
                    if e not in seen and self.is_var(e):
                        seen.add(e)
                        stack.append(e)
        return sorted(seen)

    def _ball(self, c: int, size: int) -> list[int]:
        """Up to ``size`` unknowns around ``c``, nearest first (breadth-first)."""
        ball = [c]
        seen = {c}
        seen_rels: set[int] = set()
        k = 0
        while k < len(ball) and len(ball) < size:
            cell = ball[k]
            k += 1
            for r in self.cell_rels[cell]:
                if r in seen_rels:
                    continue
                seen_rels.add(r)
                for e in self.rel_cells[r]:
                    if e not in seen and self.is_var(e):
                        seen.add(e)
                        ball.append(e)
        return ball[:size]

    def _witnesses_in(
        self, ball: list[int], pending: set[int], programs: int | None = None
    ) -> list[list[int]]:
        """Proofs that cells of ``pending`` in ``ball`` cannot be pinned, cells outside
        the ball taken as known: the supports of whole-number witnesses.

        The reader model (docs/publication.md): every published value, every relation,
        and every hidden count is at least 1 (a 0 is always shown). The true table is
        a point of the polytope ``{x : relations hold, x >= 1}``; a hidden cell is
        pinned when the polytope is flat in its direction. From the true table a
        direction ``d`` (``A d = 0``) is open when it does not lower a cell already at
        its floor (a hidden 1). Exact linear algebra first finds the cells every null
        vector leaves alone; a linear program (:func:`_stuck_at_floor`) then finds the
        hidden 1s no open direction can raise; every other cell is free exactly when
        some null vector of the equations with those stuck cells fixed moves it.

        Free over the reals is necessary, not enough: counts are whole numbers, and a
        cell the polytope lets move only between 1 and 1.5 is 1 to a reader who knows
        that. So the cells of ``pending`` that are free over the reals are then given
        whole-number witnesses (:func:`_whole_witnesses`), and those are the proofs.
        A witness is another table that fits everything published: it stays a proof
        while every cell it moves stays hidden, whatever else is hidden or shown.
        """
        inside = set(ball)
        rels = {r for c in ball for r in self.cell_rels[c]}
        rel_parts, rel_total = self.rel_parts, self.rel_total

        def rows(fixed: set[int]) -> list[dict[int, int]]:
            out = []
            for r in rels:
                row = {p: 1 for p in rel_parts[r] if p in inside and p not in fixed}
                total = rel_total[r]
                if total in inside and total not in fixed:
                    row[total] = _PRIME - 1
                if row:
                    out.append(row)
            return out

        fixed = set(_fixed_by_equations(rows(set())))
        value, least = self.value, self.floor
        floor = [c for c in ball if value[c] == least[c] and c not in fixed]
        if floor:
            stuck = _stuck_at_floor(ball, rows(set()), floor)
            if stuck:
                fixed = stuck.union(_fixed_by_equations(rows(stuck)))
        wanted = [c for c in ball if c not in fixed and value[c] and c in pending]
        if not wanted:
            return []
        return _whole_witnesses(ball, rows(set()), value, least, wanted, programs)

    def release(self, protected: set[int], worth, budget: int) -> None:
        """Show again the complements that turned out not to be needed.

        Complements are added one relation, one round at a time, so a cell hidden early
        can be made redundant by the ones hidden after it (with trailing windows this is
        common, and those cells are often a region's or the District's totals). Each
        complement of at least ``threshold`` that ``worth`` rates above 0, the most
        worth first, is shown again when every rule of its own relations still holds
        without it; then the audit judges the cells shown again together. A group the
        audit passes stays shown; one it does not is split in half and each half judged
        on its own, down to single cells, and the group size adapts (doubled after a
        pass, halved after a failure). At most ``budget`` audits are spent. The result
        is always a state the audit passed.
        """
        rated = []
        for i, h in enumerate(self.hidden):
            if h and self.value[i] >= self.threshold and i not in protected:
                w = worth(self.keys[i], self.value[i])
                if w > 0:
                    rated.append((-w, self.rank[i], i))
        rated.sort()
        self.audits_left = budget
        size, start = 1, 0
        while start < len(rated) and self.audits_left > 0:
            group = [i for _, _, i in rated[start : start + size]]
            start += size
            size = min(64, size * 2) if self._release_group(group) else max(1, size // 2)

    def _release_group(self, group: list[int]) -> bool:
        """Show what of ``group`` (hidden cells) can be shown; True if all of it could be."""
        shown = []
        for i in group:
            self.show(i)
            if any(self.needs_complement(r) for r in self.cell_rels[i]):
                self.hide(i)
            else:
                shown.append(i)
        self.settle()
        if shown and self.audits_left > 0:
            self.audits_left -= 1
            top = self.top_priority
            full = top > 0 and any(self.priority[i] >= top for i in shown)
            if not self.recoverable_cells(largest=None if full else _RELEASE_BALL):
                self.broken.clear()
                return len(shown) == len(group)
        for i in shown:
            self.hide(i)
        self.settle()
        # Back to the state the audit passed: its certificates hold again.
        self.dirty.clear()
        self.pending.clear()
        for c, b in self.broken.items():
            if self.cert[c] < 0:
                self.cert[c] = b
        self.broken.clear()
        if len(shown) > 1 and self.audits_left > 0:
            half = len(shown) // 2
            self._release_group(shown[:half])
            self._release_group(shown[half:])
        return False

    def audit_complements(self, c: int, every: bool) -> list[int]:
        """Cells to hide so that recoverable cell ``c`` may no longer be.

        The best candidate in ``c``'s own relations, else the nearest ones outwards
        through hidden cells (or, with ``every``, all the candidates at that distance).
        Prefers a cell whose other relations already have hidden cells (it joins groups
        instead of starting new chains), then the smallest, then key order.
        """
        hidden, known, value = self.hidden, self.known, self.value
        seen_cells = {c}
        seen_rels: set[int] = set()
        frontier = [c]
        while frontier:
            options = []
            next_frontier = []
            for cell in frontier:
                for r in self.cell_rels[cell]:
                    if r in seen_rels:
                        continue
                    seen_rels.add(r)
                    for e in (self.rel_total[r], *self.rel_parts[r]):
                        if e in seen_cells:
                            continue
                        seen_cells.add(e)
                        if hidden[e]:
                            next_frontier.append(e)
                        elif not known[e] and value[e] > 0:
                            opened = sum(1 for q in self.cell_rels[e] if not self.n_hidden[q])
                            options.append((self.priority[e], opened, value[e], self.rank[e], e))
            if options:
                return [option[-1] for option in options] if every else [min(options)[-1]]
            frontier = next_frontier
        return []


def _fixed_by_equations(rows: list[dict[int, int]]) -> list[int]:
    """The unknowns every solution of ``rows`` (each ``sum a_v x_v = const``) shares.

    Gaussian elimination modulo a prime, then one random vector of the null space: an
    unknown is fixed by the equations exactly when every null vector is 0 there, and a
    random null vector is 0 at a free unknown only with probability 1/prime (and then
    one cell too many is hidden, never one too few).
    """
    if not rows:
        return []
    columns: dict[int, set[int]] = {}
    for rid, row in enumerate(rows):
        for v in row:
            columns.setdefault(v, set()).add(rid)
    # Eliminate the shortest row first, on its least shared variable (Markowitz-style:
    # keeps fill-in low on hierarchies, which are nearly trees).
    heap = [(len(row), rid) for rid, row in enumerate(rows)]
    heapq.heapify(heap)
    done = bytearray(len(rows))
    eliminated: list[tuple[int, dict[int, int]]] = []
    while heap:
        length, rid = heapq.heappop(heap)
        row = rows[rid]
        if done[rid] or length != len(row):
            continue
        done[rid] = 1
        if not row:
            continue
        pivot = min(row, key=lambda v: (len(columns[v]), v))
        lead = row[pivot]
        if lead == _PRIME - 1:
            row = {v: _PRIME - a for v, a in row.items()}
        elif lead != 1:
            inverse = pow(lead, _PRIME - 2, _PRIME)
            row = {v: a * inverse % _PRIME for v, a in row.items()}
        for v in row:
            columns[v].discard(rid)
        for other in list(columns[pivot]):
            target = rows[other]
            factor = target.pop(pivot)
            for v, a in row.items():
                if v == pivot:
                    continue
                new = (target.get(v, 0) - factor * a) % _PRIME
                if new:
                    if v not in target:
                        columns[v].add(other)
                    target[v] = new
                elif v in target:
                    del target[v]
                    columns[v].discard(other)
            heapq.heappush(heap, (len(target), other))
        columns[pivot].clear()
        eliminated.append((pivot, row))

    pivots = {pivot for pivot, _ in eliminated}
    rng = random.Random(len(rows))
    null = {v: rng.randrange(1, _PRIME) for v in sorted(columns) if v not in pivots}
    for pivot, row in reversed(eliminated):
        null[pivot] = -sum(a * null[v] for v, a in row.items() if v != pivot) % _PRIME
    return [pivot for pivot in pivots if null[pivot] == 0]


def _row_matrix(rows: list[dict[int, int]], local: dict[int, int], width: int):
    """``rows`` (coefficients 1 and ``_PRIME - 1`` for -1) as a sparse matrix of whole
    numbers, ``width`` columns, cell ``c`` in column ``local[c]``."""
    import numpy as np
    from scipy.sparse import coo_array

    data, row_ids, col_ids = [], [], []
    for i, row in enumerate(rows):
        for v, a in row.items():
            data.append(1 if a == 1 else -1)
            row_ids.append(i)
            col_ids.append(local[v])
    ids = (row_ids, col_ids)
    return coo_array((np.array(data, dtype=np.int64), ids), shape=(len(rows), width)).tocsr()


def _stuck_at_floor(cells: list[int], rows: list[dict[int, int]], floor: list[int]) -> set[int]:
    """The cells of ``floor`` (hidden 1s) that no open direction can raise.

    Directions ``d`` with ``A d = 0`` (``rows``) and ``d >= 0`` on ``floor`` form a
    cone; a floor cell is stuck at 1 when every direction of the cone is 0 there. One
    linear program finds them all: maximise ``sum y`` with ``0 <= y <= d`` on the floor
    cells and ``y <= 1``. The cone is closed under sums, so at the optimum ``y`` is 1 on
    every cell some direction raises and 0 on the stuck ones. HiGHS (scipy), exact
    enough here: the coefficients are 1 and -1.
    """
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_array

    local = {c: j for j, c in enumerate(cells)}
    n, k = len(cells), len(floor)
    a_eq = _row_matrix(rows, local, n + k).astype(float)
    # y_j - d_j <= 0 for each floor cell j.
    ub_rows = list(range(k)) * 2
    ub_cols = [local[c] for c in floor] + [n + j for j in range(k)]
    ub_data = [-1.0] * k + [1.0] * k
    a_ub = coo_array((ub_data, (ub_rows, ub_cols)), shape=(k, n + k)).tocsr()
    cost = np.concatenate([np.zeros(n), -np.ones(k)])
    bounds = [(None, None)] * n + [(0.0, 1.0)] * k
    result = linprog(
        cost,
        A_ub=a_ub,
        b_ub=np.zeros(k),
        A_eq=a_eq if rows else None,
        b_eq=np.zeros(len(rows)) if rows else None,
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:
        raise RuntimeError(f"audit linear program failed: {result.message}")
    y = result.x[n:]
    return {c for c, yc in zip(floor, y, strict=True) if yc < 0.5}


#: How far above its true value a witness may take a cell (any bound keeps a witness
#: a table consistent with the publication; a finite one keeps the programs bounded).
_WITNESS_SPAN = 1000

#: Seconds one witness program may run; a program that runs out proves nothing.
_WITNESS_SECONDS = 10.0


def _whole_witnesses(
    cells: list[int],
    rows: list[dict[int, int]],
    value: list[int],
    floor: Sequence[int],
    wanted: list[int],
    programs: int | None = None,
) -> list[list[int]]:
    """Whole-number witnesses for the cells of ``wanted``: the cells each one moves.

    ``cells`` are the unknowns (every other cell taken as known), ``rows`` their
    homogeneous equations (coefficients 1 and ``_PRIME - 1`` for -1, as in
    :meth:`_Table._witnesses_in`). A *witness* is a vector ``d`` of whole numbers with
    ``A d = 0`` and ``value + d >= floor``: the true table plus ``d`` is another table
    in whole numbers that fits everything published, so no cell ``d`` moves is pinned,
    even for a reader who knows that counts are whole numbers (and who may solve
    integer programs). Witnesses come from mixed-integer programs (HiGHS, through
    scipy): a few that push every wanted cell up, down and both ways at once, then,
    for each cell still unmoved, one that makes it rise by at least 1 (or else fall by
    1) while pushing the other unmoved cells too. Each witness is checked in exact
    integer arithmetic before it counts, so the solver's tolerances cannot certify a
    pinned cell. A wanted cell no witness moves has none in this ball. ``programs``
    caps the programs solved (None: no cap); a cell left when they run out has no
    witness either (so it is complemented: never one too few hidden).
    """
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    local = {c: j for j, c in enumerate(cells)}
    n = len(cells)
    exact = _row_matrix(rows, local, n)
    constraints = [LinearConstraint(exact.astype(float), 0.0, 0.0)] if rows else []
    low = np.array([float(floor[c] - value[c]) for c in cells])
    high = np.full(n, float(_WITNESS_SPAN))
    integrality = np.ones(n)
    options = {"time_limit": _WITNESS_SECONDS}
    left = {local[c] for c in wanted}
    supports: list[list[int]] = []

    budget = [programs]

    def witness(cost, lb=low, ub=high) -> None:
        if budget[0] is not None:
            if budget[0] <= 0:
                return
            budget[0] -= 1
        result = milp(
            cost,
            integrality=integrality,
            bounds=Bounds(lb, ub),
            constraints=constraints,
            options=options,
        )
        if result.x is None:
            return
        d = np.rint(result.x).astype(np.int64)
        if (d < lb).any() or (d > ub).any() or (rows and (exact @ d).any()):
            return
        support = np.flatnonzero(d)
        if len(support):
            supports.append([cells[j] for j in support])
            left.difference_update(support.tolist())

    rng = np.random.default_rng(n)
    for sign in (-1.0, 1.0, None, None):
        if not left:
            return supports
        cols = np.array(sorted(left))
        cost = np.zeros(n)
        cost[cols] = rng.choice((-1.0, 1.0), len(cols)) if sign is None else sign
        witness(cost)
    for j in sorted(left):
        if budget[0] is not None and budget[0] <= 0:
            break
        if j not in left:
            continue
        others = np.array(sorted(left))
        for lb_j, ub_j, sign in ((1.0, high[j], -1.0), (low[j], -1.0, 1.0)):
            if lb_j > ub_j:
                continue
            lb, ub = low.copy(), high.copy()
            lb[j], ub[j] = lb_j, ub_j
            cost = np.zeros(n)
            cost[others] = sign
            witness(cost, lb, ub)
            if j not in left:
                break
    return supports


def _unbounded_above(a_eq, columns: list[int], options: dict | None = None) -> list[int]:
    """Which of ``columns`` (indices into them) some direction raises without end.

    Every unknown is bounded below only, so the directions in which the polytope is
    unbounded are the ``d >= 0`` with ``A d = 0``; as in :func:`_stuck_at_floor`, one
    program (maximise ``sum y``, ``0 <= y <= d``, ``y <= 1``) finds every column some
    such direction raises.
    """
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_array, hstack

    if not columns:
        return []
    n, k = a_eq.shape[1], len(columns)
    a_eq_full = hstack([a_eq, coo_array((a_eq.shape[0], k))]).tocsr()
    rows = list(range(k)) * 2
    cols = list(columns) + [n + j for j in range(k)]
    a_ub = coo_array(([-1.0] * k + [1.0] * k, (rows, cols)), shape=(k, n + k)).tocsr()
    cost = np.concatenate([np.zeros(n), -np.ones(k)])
    bounds = [(0.0, None)] * n + [(0.0, 1.0)] * k
    result = linprog(
        cost,
        A_ub=a_ub,
        b_ub=np.zeros(k),
        A_eq=a_eq_full,
        b_eq=np.zeros(a_eq.shape[0]),
        bounds=bounds,
        method="highs",
        options=options or {},
    )
    if result.status != 0:
        return []
    y = result.x[n:]
    return [j for j in range(k) if y[j] > 0.5]


def narrowest_range(
    values: Mapping[Key, int],
    relations: Sequence[Relation],
    hidden: Iterable[Key],
    *,
    known: Iterable[Key] = (),
    targets: Callable[[Key], bool] | None = None,
    max_programs: int = 400,
    max_seconds: float | None = None,
    floor: int = 1,
) -> dict:
    """The narrowest range a reader can pin a hidden count to, under the reader model.

    For the hidden cells ``targets`` selects (default: all), the smallest and largest
    value each can take given every shown value (and ``known`` ones), every relation
    and every hidden count >= 1, by linear programming per connected component. Each
    solution found is a witness that widens what every cell of its component is known
    to reach: a few programs first push all the cells of a component to their ends at
    once (all down, all up, random mixes), then only the cells whose witnessed range
    is still narrower than the best found get their own two programs, narrowest
    first; at most ``max_programs`` are solved, and no new component is started after
    ``max_seconds`` of CPU (then ``complete`` is False and the answer is the narrowest
    found so far). ``floor``: the least value a reader grants a hidden count (0 where
    zeros may be hidden, :class:`Grid`).

    Returns ``{"key", "low", "high", "width", "programs", "complete"}`` (``key`` None
    when nothing is hidden; ``high`` None when unbounded).
    """
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import coo_array

    table = _Table(values, relations, THRESHOLD)
    if not floor:
        table.floor = bytearray(len(table.keys))
    for key in known:
        table.known[table.index[key]] = 1
    for key in hidden:
        table.hidden[table.index[key]] = 1
    value = table.value
    best: dict = {"key": None, "low": None, "high": None, "width": None}
    programs = 0
    complete = True
    done: set[int] = set()
    wanted = [
        i
        for i in range(len(value))
        if value[i] and table.is_var(i) and (targets is None or targets(table.keys[i]))
    ]
    wanted_set = set(wanted)
    began = time.process_time()

    def limit() -> dict:
        """HiGHS's own time limit: one program on a district's component can run
        for minutes, past the budget checked between programs."""
        if max_seconds is None:
            return {}
        return {"time_limit": max(1.0, max_seconds - (time.process_time() - began))}

    for start in wanted:
        if start in done:
            continue
        if max_seconds is not None and time.process_time() - began > max_seconds:
            complete = False
            break
        cells = table._component([start])
        done.update(cells)
        local = {c: j for j, c in enumerate(cells)}
        rels = {r for c in cells for r in table.cell_rels[c]}
        data, rows, cols, rhs = [], [], [], []
        for k, r in enumerate(rels):
            constant = 0
            for c, sign in ((table.rel_total[r], -1), *((p, 1) for p in table.rel_parts[r])):
                if c in local:
                    data.append(float(sign))
                    rows.append(k)
                    cols.append(local[c])
                else:
                    constant -= sign * value[c]
            rhs.append(float(constant))
        a_eq = coo_array((data, (rows, cols)), shape=(len(rels), len(cells))).tocsr()
        b_eq = np.array(rhs)
        bounds = [(float(table.floor[c]), None) for c in cells]

        def solve(cost, a_eq=a_eq, b_eq=b_eq, bounds=bounds):
            return linprog(
                cost, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs", options=limit()
            )

        seen_low = np.array([float(value[c]) for c in cells])
        seen_high = seen_low.copy()
        targets_here = [c for c in cells if c in wanted_set]
        # A cell some direction of the component raises without end has no upper
        # bound: the widest range there is, so it needs no program of its own.
        unbounded = _unbounded_above(a_eq, [local[c] for c in targets_here], limit())
        programs += 1
        if unbounded and best["width"] is None:
            c = targets_here[unbounded[0]]
            best = {"key": str(table.keys[c]), "low": float(table.floor[c]), "high": None}
            best["width"] = float("inf")
        skip = {targets_here[i] for i in unbounded}
        targets_here = [c for c in targets_here if c not in skip]
        target_cols = np.array([local[c] for c in targets_here])

        def see(run, seen_low=seen_low, seen_high=seen_high):
            if run.status == 0:
                np.minimum(seen_low, run.x, out=seen_low)
                np.maximum(seen_high, run.x, out=seen_high)
            return run

        # Witnesses first: a few programs whose solutions push many cells at once to
        # their ends (all targets down, all up, two random mixes). A cell they already
        # show to be wide needs no program of its own.
        rng = np.random.default_rng(len(cells))
        for sign in (1.0, -1.0, None, None) if targets_here else ():
            if programs + 1 > max_programs or (
                max_seconds is not None and time.process_time() - began > max_seconds
            ):
                complete = False
                break
            cost = np.zeros(len(cells))
            mix = rng.choice((-1.0, 1.0), len(target_cols))
            cost[target_cols] = mix if sign is None else sign
            see(solve(cost))
            programs += 1
        # Then the cells that still look narrowest, narrowest first.
        order = sorted(
            targets_here,
            key=lambda c: (seen_high[local[c]] - seen_low[local[c]], value[c], table.rank[c]),
        )
        for c in order:
            j = local[c]
            width = seen_high[j] - seen_low[j]
            if best["width"] is not None and width >= best["width"]:
                continue
            if programs + 2 > max_programs or (
                max_seconds is not None and time.process_time() - began > max_seconds
            ):
                complete = False
                break
            cost = np.zeros(len(cells))
            cost[j] = 1.0
            low_run, high_run = see(solve(cost)), see(solve(-cost))
            programs += 2
            if _TIME_LIMIT in (low_run.status, high_run.status):
                complete = False
                break
            low = low_run.x[j] if low_run.status == 0 else float(table.floor[c])
            high = high_run.x[j] if high_run.status == 0 else None
            width = float("inf") if high is None else high - low
            if best["width"] is None or width < best["width"]:
                best = {
                    "key": str(table.keys[c]),
                    "low": round(float(low), 3),
                    "high": None if high is None else round(float(high), 3),
                    "width": width,
                }
        if not complete:
            break
    if best["width"] == float("inf"):
        best["width"] = None
    elif best["width"] is not None:
        best["width"] = round(best["width"], 3)
    return {**best, "programs": programs, "complete": complete}
