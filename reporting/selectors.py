"""Reading a publication as tables: what the public pages, CSV and JSON show.

Everything here reads a stored (frozen) publication, never the live records, so
a page, its CSV and its JSON show the same numbers, and a version reads the same
forever. A hidden count is ``None`` (shown as :data:`~reporting.suppression.MARK`);
a rate is shown only next to a shown count and a shown enrollment of at least 11
(:func:`~reporting.suppression.suppress_rate`); ADA lost is shown only next to a
shown number of days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from reporting import metrics
from reporting.metrics import (
    ADA,
    DAYS,
    DIMENSIONS,
    DISTRICT,
    ENROLLED,
    ENROLLMENT,
    EVENTS,
    MEASURES,
    OFFENSE,
    RATE,
    STUDENTS,
    TOTAL,
    Cell,
    cell_key,
)
from reporting.models import Publication
from reporting.suppression import suppress_rate

WINDOWS = ("m", "3m", "12m")


def window_label(kind: str) -> str:
    return {
        "m": _("The month"),
        "3m": _("The 3 months to the month"),
        "12m": _("The 12 months to the month"),
    }[kind]


def window_span(month_label: str, kind: str) -> tuple[str, str]:
    window = metrics.Window.parse(f"{kind}:{month_label}")
    return metrics.month_label(window.first_day), month_label


# --- units ------------------------------------------------------------------------------


def unit_slug(unit_key: str) -> str:
    """``"school:1001"`` -> ``"school-1001"`` (the form in a URL)."""
    return unit_key.replace(":", "-", 1)


def unit_key(slug: str) -> str:
    if slug == DISTRICT:
        return DISTRICT
    kind, _sep, code = slug.partition("-")
    return f"{kind}:{code}" if kind in ("school", "region") and code else ""


@dataclass
class Unit:
    key: str
    name: str
    level: str  # district, region, school
    region: Unit | None = None

    @property
    def slug(self) -> str:
        return unit_slug(self.key)

    @property
    def level_label(self) -> str:
        return {
            "district": _("District"),
            "region": _("Region"),
            "school": _("School"),
        }[self.level]


def units_of(publication: Publication) -> list[tuple[Unit, list[Unit]]]:
    """The District, then each region with its schools, as the publication named them."""
    catalog = publication.data["units"]
    groups = [(Unit(DISTRICT, _("District"), "district"), [])]
    for key in catalog["district"]["regions"]:
        region = catalog["regions"][key]
        unit = Unit(key, region["name"], "region")
        schools = [
            Unit(s, catalog["schools"][s]["name"], "school", unit) for s in region["schools"]
        ]
        groups.append((unit, schools))
    return groups


def unit_get(publication: Publication, slug: str) -> Unit | None:
    key = unit_key(slug)
    for region, schools in units_of(publication):
        if region.key == key:
            return region
        for school in schools:
            if school.key == key:
                return school
    return None


# --- tables ------------------------------------------------------------------------------


@dataclass
class Row:
    key: str  # the measure or the category
    label: str
    values: dict[str, object] = field(default_factory=dict)  # column -> value or None


@dataclass
class Table:
    slug: str
    caption: str
    row_header: str
    columns: list[tuple[str, str]]  # (slug, label)
    rows: list[Row]
    chart_column: str
    note: str = ""


def _columns(with_enrolled: bool) -> list[tuple[str, str]]:
    columns = [
        (EVENTS, _("Events")),
        (STUDENTS, _("Students")),
        (RATE, _("Students per 100 enrolled")),
        (DAYS, _("Days lost")),
        (ADA, _("ADA lost (USD)")),
    ]
    if with_enrolled:
        columns.insert(0, (ENROLLMENT, _("Enrolled")))
    return columns


class View:
    """One publication, one unit, one window: the numbers as published."""

    def __init__(self, publication: Publication, unit: Unit, window: str):
        self.publication = publication
        self.cells = publication.cells
        self.unit = unit
        self.window = f"{window}:{publication.data['month']}"
        rate = publication.data.get("ada_daily_rate")
        self.ada_rate = Decimal(rate) if rate else None

    def get(self, measure, stat, dim=TOTAL, cat=TOTAL):
        """The published count (``None`` where hidden; 0 where not listed)."""
        return self.cells.get(cell_key(self.unit.key, self.window, measure, stat, dim, cat), 0)

    def enrolled(self, dim=TOTAL, cat=TOTAL):
        return self.get(ENROLLED, ENROLLMENT, dim, cat)

    def row_values(self, measure, dim=TOTAL, cat=TOTAL) -> dict[str, object]:
        students = self.get(measure, STUDENTS, dim, cat)
        denominator = self.enrolled() if dim == OFFENSE else self.enrolled(dim, cat)
        if suppress_rate(students is None, denominator):
            rate = None
        else:
            rate = metrics.rate_per_100(students, denominator)
        days = self.get(measure, DAYS, dim, cat)
        ada = None if days is None else metrics.ada_lost(days, self.ada_rate)
        return {
            EVENTS: self.get(measure, EVENTS, dim, cat),
            STUDENTS: students,
            RATE: rate,
            DAYS: days,
            ADA: ada,
        }

    def summary(self) -> Table:
        rows = [Row(m.slug, str(m.label), self.row_values(m.slug)) for m in MEASURES]
        return Table(
            "summary",
            _("Actions and days lost, %(unit)s") % {"unit": self.unit.name},
            _("Action"),
            _columns(False),
            rows,
            EVENTS,
        )

    def categories(self, dim) -> list[tuple[str, str]]:
        if dim.slug != OFFENSE:
            return [(value, str(label)) for value, label in dim.categories]
        offenses = self.publication.data.get("offenses", {})
        prefix = f"{self.unit.key}|{self.window}|"
        listed = {
            cell.cat
            for cell in map(Cell.parse, (k for k in self.cells if k.startswith(prefix)))
            if cell.dim == OFFENSE
        }
        ordered = sorted(listed, key=_code_order)
        # gettext("") would be the catalog's header: look up real titles only.
        return [
            (code, f"{code} {_(offenses[code])}" if offenses.get(code) else code)
            for code in ordered
        ]

    def breakdowns(self, measure: str) -> list[Table]:
        tables = []
        measure_label = str(metrics.MEASURE[measure].label)
        for dim in DIMENSIONS:
            if dim.slug == TOTAL:
                continue
            rows = []
            for value, label in self.categories(dim):
                values = self.row_values(measure, dim.slug, value)
                if dim.slug != OFFENSE:
                    values = {ENROLLMENT: self.enrolled(dim.slug, value), **values}
                rows.append(Row(value, label, values))
            offense = dim.slug == OFFENSE
            tables.append(
                Table(
                    dim.slug,
                    _("%(measure)s by %(breakdown)s, %(unit)s")
                    % {
                        "measure": measure_label,
                        "breakdown": str(dim.label).lower() if not offense else _("offense"),
                        "unit": self.unit.name,
                    },
                    str(dim.label),
                    _columns(not offense),
                    rows,
                    EVENTS if offense else RATE,
                    note=_("Offenses with no events are not listed.") if offense else "",
                )
            )
        return tables


def _code_order(code: str):
    head, _sep, tail = code.partition(".")
    digits = "".join(ch for ch in tail if ch.isdigit())
    return (not head.isdigit(), head, int(digits) if digits else 0, tail)


# --- presentation helpers shared by the page and the downloads ---------------------------


def display(column: str, value) -> str:
    """The text a reader sees in a cell (CSV too)."""
    from reporting.suppression import MARK

    if value is None:
        return MARK if column != RATE else NOT_SHOWN
    if column == ADA:
        return f"{value:,.2f}"
    if column == RATE:
        return f"{value:.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


#: What a reader sees for a rate that is not shown.
NOT_SHOWN = "–"


def json_value(column: str, value):
    if value is None:
        return None
    if column in (ADA, RATE):
        return str(value)
    return value
