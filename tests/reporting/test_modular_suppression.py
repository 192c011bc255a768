"""Modular suppression (``suppress(grid=...)``, ``REPORTING_SUPPRESSION=modular``):
every hidden count gets a witness built from the tables' structure, zeros may be
hidden as complements, and the independent attacker (``tests.reporting.attack``,
a reader who grants a hidden count only >= 0) pins no hidden count of 1 or more."""

import datetime
import random

import pytest

from reporting import services
from reporting.metrics import DISTRICT, cell_key
from reporting.relations import PublicationGrid, Sums, relations_for
from reporting.services import complement_priority, suppression_engines
from reporting.suppression import UnsafeTable, suppress
from tests.reporting import attack, attacker
from tests.reporting.district import TinyDistrict

REGIONS = {"region:a": ["school:1", "school:2", "school:3"], "region:b": ["school:4", "school:5"]}
MONTHS = ["m:2026-08", "m:2026-09", "m:2026-10"]
OWN = {"m:2026-10", "3m:2026-10"}
WINDOW_PARTS = {"3m:2026-10": MONTHS}
KINDS = ("iss", "oss", "exp")
RACES = ("black", "hispanic", "white")


def district(seed: int, scale: int) -> dict[str, int]:
    """Event counts of a small synthetic district (races, kinds, months), summed up."""
    rng = random.Random(seed)
    leaves = {
        (s, m, k, r): rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21][: 4 + scale])
        for schools in REGIONS.values()
        for s in schools
        for m in MONTHS
        for k in KINDS
        for r in RACES
    }
    values: dict[str, int] = {}

    def add(unit, window, kind, dim, cat, n):
        key = cell_key(unit, window, kind, "ev", dim, cat)
        values[key] = values.get(key, 0) + n

    for (s, m, k, r), n in leaves.items():
        region = next(g for g, schools in REGIONS.items() if s in schools)
        for unit in (s, region, DISTRICT):
            for window in (m, "3m:2026-10"):
                for kind in (k, "all"):
                    add(unit, window, kind, "all", "all", n)
                    add(unit, window, kind, "race", r, n)
    return {k: v for k, v in values.items() if v}


def run(values):
    values, relations = relations_for(values, REGIONS, WINDOW_PARTS)
    sums = Sums(REGIONS, WINDOW_PARTS)
    priority = lambda key: complement_priority(OWN, key)  # noqa: E731
    stats: dict = {}
    hidden = suppress(
        values,
        relations,
        priority=priority,
        stats=stats,
        grid=PublicationGrid(values, sums, OWN, priority),
    )
    for key in stats["added"]:
        values[key] = 0
    return values, hidden, stats


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("scale", [1, 3, 5])
def test_no_hidden_count_can_be_worked_out(seed, scale):
    values, hidden, stats = run(district(seed, scale))
    published = {k: None if k in hidden else v for k, v in values.items()}
    assert any(v is None for v in published.values())
    assert stats["witnesses"] > 0
    pinned = attack.recoverable(published, stats["relations"], floor=0.0)
    assert [k for k in pinned if values[k]] == []
    # Every count from 1 to 10 is hidden.
    assert all(k in hidden for k, v in values.items() if 0 < v < 11)


def test_zeros_are_hidden_as_complements():
    """A reader must not be able to assume a hidden count is at least 1."""
    values, hidden, stats = run(district(0, 1))
    assert stats["added"] or any(values[k] == 0 for k in hidden)
    assert any(values[k] == 0 for k in hidden)


def test_a_count_no_witness_can_move_is_refused():
    """A small count whose total a reader knows, in a breakdown with no other
    category and no zero that may be hidden: refused, not published."""
    total = cell_key("school:1", "m:2026-10", "exp", "ev", "all", "all")
    black = cell_key("school:1", "m:2026-10", "exp", "ev", "race", "black")
    alls = [
        cell_key("school:1", "m:2026-10", "all", "ev", *c)
        for c in (("all", "all"), ("race", "black"))
    ]
    values, relations = relations_for({total: 3, black: 3, **dict.fromkeys(alls, 3)}, {}, {})
    priority = lambda key: complement_priority(OWN, key)  # noqa: E731
    with pytest.raises(UnsafeTable):
        suppress(
            values,
            relations,
            previous={total: 3, **dict.fromkeys(alls, 3)},
            priority=priority,
            grid=PublicationGrid(values, Sums({}, {}), set(), priority),
        )


def two_schools(birch_students: int) -> None:
    """Alder: 14 Hispanic students and 1 Black student suspended; Birch: a few."""
    t = TinyDistrict()
    alder, birch = t.school("Alder", "east", "3001"), t.school("Birch", "east", "3002")
    for s in [*t.students(alder, 14), t.student(alder, race_ethnicity="black")]:
        t.suspension(s, datetime.date(2026, 10, 6))
    for s in t.students(birch, birch_students):
        t.suspension(s, datetime.date(2026, 10, 7))


def test_auto_takes_the_audit_for_a_small_statistic_and_modular_for_a_large_one(settings):
    settings.REPORTING_SUPPRESSION = "auto"
    settings.REPORTING_AUDIT_CELLS = 100
    assert suppression_engines(100) == ["audit", "modular"]
    assert suppression_engines(101) == ["modular"]
    settings.REPORTING_SUPPRESSION = "audit"
    assert suppression_engines(10**6) == ["audit"]


def test_a_statistic_the_audit_cannot_prove_goes_to_modular(db, settings, monkeypatch):
    """``auto``: where the audit refuses a small statistic, the modular engine tries it;
    the publication records which engine made each statistic, and a reader granted
    what each engine shows (zeros where the audit ran) recovers nothing."""
    settings.REPORTING_SUPPRESSION = "auto"
    two_schools(birch_students=3)

    def audit_refuses(values, relations, *, grid=None, **kw):
        if grid is None and any("|ev|" in key for key in values):
            raise UnsafeTable(sorted(values)[:1], 1)
        return suppress(values, relations, grid=grid, **kw)

    monkeypatch.setattr(services, "suppress", audit_refuses)
    october = services.publication_publish(month=datetime.date(2026, 10, 1))
    engines = {s: c["engine"] for s, c in october.data["counts"]["suppression"].items()}
    assert engines == {"n": "audit", "st": "audit", "ev": "modular", "dy": "audit"}
    assert attacker.recoverable([october], [attacker.truth([october])], 10**6) == []


def test_events_suppressed_in_a_second_process_give_the_same_publication(db, settings):
    """``REPORTING_PARALLEL_CELLS``: events go to a forked process (reporting.parallel);
    the values, the hidden cells and the recorded costs' engines are those of a run in
    one process."""
    two_schools(birch_students=4)
    october = datetime.date(2026, 10, 1)
    settings.REPORTING_SUPPRESSION = "modular"
    runs = []
    for parallel_above in (10**9, 0):
        settings.REPORTING_PARALLEL_CELLS = parallel_above
        system = services.publication_system(october)
        values, hidden = services.suppressed_cells(system)
        runs.append((values, hidden, {s: c["engine"] for s, c in system.costs.items()}))
    assert runs[0] == runs[1]
    assert runs[0][1] and runs[0][2] == dict.fromkeys(("n", "st", "ev", "dy"), "modular")


def test_a_failure_in_the_second_process_reaches_the_parent():
    from reporting.parallel import forked

    def refuse():
        raise UnsafeTable(["district|m:2026-10|oss|ev|all|all"], 1)

    with pytest.raises(UnsafeTable, match="1 hidden count"):
        forked(refuse)()
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        forked(lambda: 1 / 0)()
    assert forked(lambda: {"a": 1})() == {"a": 1}


def test_a_second_process_whose_result_is_not_read_is_stopped():
    import time

    from reporting.parallel import forked

    result = forked(lambda: time.sleep(600))
    assert result.process.is_alive()
    result.cancel()
    assert not result.process.is_alive()
    assert result.process.exitcode < 0  # terminated, not finished
