"""How a publication's cells are laid out in the database (pure functions).

A publication is read one unit at a time: a school's page, CSV and JSON need that
school's cells in one window, its region's and the District's totals beside them,
and its totals in the months before. So the cells are stored as one row per unit
and window (:class:`~reporting.models.PublishedCells`), split into the "all
students" totals (small, read for comparisons and trends) and the breakdowns, and
the units as an index (:class:`~reporting.models.PublishedUnit`).
"""

from __future__ import annotations

from collections import defaultdict

from reporting.metrics import DISTRICT, TOTAL, Cell


def breakdown_key(cell: Cell) -> str:
    """A breakdown cell's key inside its unit-and-window row: ``measure|stat|dim|cat``."""
    return f"{cell.measure}|{cell.stat}|{cell.dim}|{cell.cat}"


def breakdown_cell(key: str, unit: str, window: str) -> Cell:
    """The cell a row's breakdown key stands for (the inverse of ``breakdown_key``)."""
    return Cell.parse(f"{unit}|{window}|{key}")


def split_cells(cells: dict) -> dict[tuple[str, str], dict[str, dict]]:
    """``{"unit|kind:yyyy-mm|measure|stat|dim|cat": value}`` ->
    ``{(unit, kind): {"totals": {"measure|stat": v}, "breakdowns": {"measure|stat|dim|cat": v}}}``.
    """
    rows: dict[tuple[str, str], dict[str, dict]] = defaultdict(
        lambda: {"totals": {}, "breakdowns": {}}
    )
    for key, value in cells.items():
        cell = Cell.parse(key)
        row = rows[(cell.unit, cell.window.partition(":")[0])]
        if cell.dim == TOTAL and cell.cat == TOTAL:
            row["totals"][f"{cell.measure}|{cell.stat}"] = value
        else:
            row["breakdowns"][breakdown_key(cell)] = value
    return dict(rows)


def unit_rows(catalog: dict) -> list[dict]:
    """The units of a publication's catalog in reading order: the District, then each
    region followed by its schools."""
    rows = [{"key": DISTRICT, "name": catalog["district"]["name"], "level": "district"}]
    for region_key in catalog["district"]["regions"]:
        region = catalog["regions"][region_key]
        rows.append({"key": region_key, "name": region["name"], "level": "region"})
        for school_key in region["schools"]:
            rows.append(
                {
                    "key": school_key,
                    "name": catalog["schools"][school_key]["name"],
                    "level": "school",
                    "region_key": region_key,
                }
            )
    return rows
