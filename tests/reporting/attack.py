"""An attacker for the suppressed public tables: how far can a hidden count be pinned down?

Used by the tests to prove :mod:`reporting.suppression`. For every hidden cell it
computes, by linear programming (scipy's HiGHS), the smallest and largest value the
cell can take given every published value, every relation and non-negativity. A cell
whose range holds a single whole number has been recovered (counts are whole numbers:
a cell that can only be between 1 and 1.5 is 1).

The attacker uses the reader model (docs/publication.md): a 0 is always shown, so
every hidden count is at least 1 (``floor``; an :class:`Aux` unknown it introduces
itself only >= 0); a hidden cell may be a complement, and complements can be large.
``primary_bounds=True`` models a stronger attacker who guesses that hidden cells are
primary suppressions, in
``[1, threshold - 1]``, except where the publication proves that some cannot be: it
keeps the bound on as many cells as it can (it drops the bound from the cells that a
least-violation linear program has to push outside it). Its guesses may be wrong, so a
range it reports may not contain the true value; what matters is whether it ever pins
a cell to the value the cell really has.

Hidden cells are solved per connected component (two hidden cells are connected when
a relation involves both); relations involving only shown values are constants.
Test-only: the application's own audit (``reporting.suppression``) is written apart.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array, eye_array, hstack, vstack

from reporting.suppression import THRESHOLD, Relation

Key = Hashable
Bounds = Mapping[Key, tuple[float | None, float | None]]

_TOL = 1e-6
_INF = float("inf")


def cell_ranges(
    published: Mapping[Key, int | None],
    relations: Sequence[Relation],
    *,
    bounds: Bounds | None = None,
    primary_bounds: bool = False,
    threshold: int = THRESHOLD,
    floor: float = 1.0,
) -> dict[Key, tuple[float, float]]:
    """``{hidden key: (smallest, largest)}`` over every table consistent with the publication.

    ``published`` maps every key to its shown count, or ``None`` where hidden. ``bounds``
    adds what an attacker may know of some hidden cells (``(low, high)``, ``None`` for
    no limit, a given ``low`` replacing ``floor``); every other hidden count is
    >= ``floor`` (the reader model: 1, since a 0 is always shown).
    Raises ``ValueError`` if no table fits.
    """
    ranges: dict[Key, tuple[float, float]] = {}
    for component in _components(published, relations, bounds, primary_bounds, threshold, floor):
        for i, key in enumerate(component.keys):
            low = component.optimise(i, 1.0)
            high = component.optimise(i, -1.0)
            ranges[key] = (low, high)
    return ranges


def recoverable(
    published: Mapping[Key, int | None],
    relations: Sequence[Relation],
    *,
    bounds: Bounds | None = None,
    primary_bounds: bool = False,
    threshold: int = THRESHOLD,
    floor: float = 1.0,
) -> list[Key]:
    """The hidden keys pinned to one whole number: at most one whole number lies between
    their smallest and largest possible values (:func:`one_whole_number`).

    Same model as :func:`cell_ranges`, but skips the optimisations it does not need:
    every solution found is a witness, and a cell seen at two values a whole number
    or more apart cannot be recovered.
    """
    found: list[Key] = []
    for component in _components(published, relations, bounds, primary_bounds, threshold, floor):
        seen_low = component.witness.copy()
        seen_high = component.witness.copy()

        # Bound now: the closure is used only within this iteration.
        def see(x: np.ndarray, low=seen_low, high=seen_high) -> None:
            np.minimum(low, x, out=low)
            np.maximum(high, x, out=high)

        for i, key in enumerate(component.keys):
            if not one_whole_number(seen_low[i], seen_high[i]):
                continue
            high = component.optimise(i, -1.0, see)
            if not one_whole_number(seen_low[i], high):
                continue
            low = component.optimise(i, 1.0, see)
            if one_whole_number(low, high):
                found.append(key)
    return sorted(found, key=repr)


def one_whole_number(low: float, high: float) -> bool:
    """True when at most one whole number lies in ``[low, high]``.

    Counts are whole numbers, and the reader knows it: a hidden count the linear
    programs can move only between 1 and 1.5 is 1. (The true count lies in its range,
    so "at most one" is "exactly one" for a consistent reader.)
    """
    if high == _INF:
        return False
    return np.floor(high + _TOL) - np.ceil(low - _TOL) < 1


class Versioned(NamedTuple):
    """A cell of one version of a publication, in :func:`versions_system`."""

    version: int
    key: Key


class Aux(NamedTuple):
    """An unknown the attacker introduces (not a published cell)."""

    name: Hashable


def versions_system(
    old: Mapping[Key, int | None],
    new: Mapping[Key, int | None],
    relations: Sequence[Relation],
    *,
    changed: Iterable[Key],
    shared_change: bool = True,
) -> tuple[dict[Key, int | None], list[Relation], dict]:
    """Two versions of a publication as one system, for an attacker who holds both.

    Returns the cells, the relations and the bounds to pass on (the kept cells of
    the new version may be 0).

    Keys become ``Versioned(0, key)`` and ``Versioned(1, key)``. The attacker is told
    which cells a correction ``changed``; every other cell is the same in both
    versions. With ``shared_change`` (one corrected count and the totals that contain
    it) the attacker also knows that every changed cell moved by the same unknown
    amount ``delta``, modelled as ``new + delta_down == old + delta_up`` through
    :class:`Aux` unknowns.
    """
    changed = set(changed)
    published: dict[Key, int | None] = {}
    # A correction keeps the earlier version's hidden cells: those may be 0 now.
    kept_floor = {Versioned(1, k): (0, None) for k, v in old.items() if v is None}
    system: list[Relation] = []
    for version, table in enumerate((old, new)):
        for key, value in table.items():
            published[Versioned(version, key)] = value
        for relation in relations:
            system.append(
                Relation(
                    total=Versioned(version, relation.total),
                    parts=tuple(Versioned(version, part) for part in relation.parts),
                )
            )
    up, down = Aux("delta up"), Aux("delta down")
    for key in old.keys() & new.keys():
        before, after = Versioned(0, key), Versioned(1, key)
        if key not in changed:
            system.append(Relation(total=before, parts=(after,)))
        elif shared_change:
            meeting = Aux(("meet", key))
            published[meeting] = None
            system.append(Relation(total=meeting, parts=(after, down)))
            system.append(Relation(total=meeting, parts=(before, up)))
    if shared_change and changed:
        published[up] = published[down] = None
    return published, system, kept_floor


class _Component:
    """One connected group of hidden cells: ``a_eq @ x == b_eq``, bounds on ``x``."""

    def __init__(self, keys, a_eq, b_eq, lower, upper):
        self.keys = keys
        self.a_eq = a_eq
        self.b_eq = b_eq
        self.bounds = list(zip(lower, upper, strict=True))
        self.witness = self.solve(np.zeros(len(keys)))

    def solve(self, cost: np.ndarray) -> np.ndarray | None:
        result = _linprog(cost, self.a_eq, self.b_eq, self.bounds)
        if result.status == 3:
            return None
        return result.x

    def optimise(self, i: int, sign: float, see=None) -> float:
        cost = np.zeros(len(self.keys))
        cost[i] = sign
        x = self.solve(cost)
        if x is None:
            return _INF if sign < 0 else -_INF
        if see is not None:
            see(x)
        return float(x[i])


def _linprog(cost, a_eq, b_eq, bounds, a_ub=None, b_ub=None):
    result = linprog(
        cost,
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=a_eq if a_eq.shape[0] else None,
        b_eq=b_eq if a_eq.shape[0] else None,
        bounds=bounds,
        method="highs",
    )
    if result.status == 2:
        raise ValueError("no table is consistent with the publication and the bounds")
    if result.status not in (0, 3):
        raise RuntimeError(f"linear program failed: {result.message}")
    return result


def _components(published, relations, bounds, primary_bounds, threshold, floor=1.0):
    unknown = [key for key, value in published.items() if value is None]
    index = {key: i for i, key in enumerate(unknown)}
    parent = list(range(len(unknown)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    equations: list[tuple[dict[int, float], float]] = []
    for relation in relations:
        coefficients: dict[int, float] = {}
        constant = 0.0
        for cell, sign in ((relation.total, -1.0), *((part, 1.0) for part in relation.parts)):
            value = published[cell]
            if value is None:
                i = index[cell]
                coefficients[i] = coefficients.get(i, 0.0) + sign
            else:
                constant -= sign * value
        if not coefficients:
            if abs(constant) > _TOL:
                raise ValueError(f"published values break {relation!r}")
            continue
        equations.append((coefficients, constant))
        first = find(next(iter(coefficients)))
        for i in coefficients:
            root = find(i)
            if root != first:
                parent[root] = first

    members: dict[int, list[int]] = {}
    for i in range(len(unknown)):
        members.setdefault(find(i), []).append(i)
    rows_of: dict[int, list[int]] = {}
    for e, (coefficients, _) in enumerate(equations):
        rows_of.setdefault(find(next(iter(coefficients))), []).append(e)

    bounds = bounds or {}
    for root, cells in members.items():
        local = {i: j for j, i in enumerate(cells)}
        data, row_ids, col_ids, b_eq = [], [], [], []
        for row, e in enumerate(rows_of.get(root, [])):
            coefficients, constant = equations[e]
            for i, a in coefficients.items():
                data.append(a)
                row_ids.append(row)
                col_ids.append(local[i])
            b_eq.append(constant)
        a_eq = csr_array((data, (row_ids, col_ids)), shape=(len(b_eq), len(cells)))
        b_eq = np.array(b_eq)
        keys = [unknown[i] for i in cells]
        lower, upper = [], []
        for key in keys:
            low, high = bounds.get(key, (None, None))
            least = 0.0 if isinstance(key, Aux) else floor
            lower.append(max(0.0, low) if low is not None else least)
            upper.append(high)
        if primary_bounds:
            lower, upper = _primary_guess(a_eq, b_eq, lower, upper, threshold)
        yield _Component(keys, a_eq, b_eq, lower, upper)


def _primary_guess(a_eq, b_eq, lower, upper, threshold):
    """Bound each cell to ``[1, threshold - 1]``, except those that cannot all fit.

    Solves: minimise the total amount by which cells leave the primary range. The cells
    that still have to leave it keep their plain bounds; the rest get the primary range.
    """
    n = a_eq.shape[1]
    small_low = [max(low, 1.0) for low in lower]
    small_high = [threshold - 1.0 if high is None else min(high, threshold - 1.0) for high in upper]
    fits = [low <= high for low, high in zip(small_low, small_high, strict=True)]
    # Variables: x (n), below (n), above (n); x + below >= small_low, x - above <= small_high.
    eye = eye_array(n, format="csr")
    square = csr_array((n, n))
    wide = csr_array((a_eq.shape[0], n))
    a_eq_big = hstack([a_eq, wide, wide], format="csr")
    a_ub = vstack([hstack([-eye, -eye, square]), hstack([eye, square, -eye])], format="csr")
    b_ub = np.concatenate([-np.array(small_low), np.array(small_high)])
    cost = np.concatenate([np.zeros(n), np.array(fits, float), np.array(fits, float)])
    big_bounds = list(zip(lower, upper, strict=True)) + [(0, None)] * (2 * n)
    result = _linprog(cost, a_eq_big, b_eq, big_bounds, a_ub, b_ub)
    slack = result.x[n : 2 * n] + result.x[2 * n :]
    new_lower, new_upper = [], []
    for j in range(n):
        if fits[j] and slack[j] <= _TOL:
            new_lower.append(small_low[j])
            new_upper.append(small_high[j])
        else:
            new_lower.append(lower[j])
            new_upper.append(upper[j])
    return new_lower, new_upper
