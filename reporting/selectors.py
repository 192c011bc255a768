"""Reading a publication as tables: what the public pages, CSV and JSON show.

Everything here reads a stored (frozen) publication, never the live records, so
a page, its CSV and its JSON show the same numbers, and a version reads the same
forever. A hidden count is ``None`` (shown as :data:`~reporting.suppression.MARK`);
a rate is shown only next to a shown count and a shown enrollment of at least 11
(:func:`~reporting.suppression.suppress_rate`); ADA lost is shown only next to a
shown number of days.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

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
)
from reporting.models import Publication, PublishedCells, PublishedUnit
from reporting.storage import breakdown_cell
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


def unit_name(level: str, name: str) -> str:
    """A unit's name in the reader's language: the District's, and a region's where
    the catalog translates it (the compass names of the regions); schools keep theirs."""
    if level == "district":
        return _("District")
    if level == "region":
        return pgettext("region name", name)
    return name


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
    def is_local_district(self) -> bool:
        """A region-level unit of an older year (seed 003's "Local District
        Northwest"): its name says what it is."""
        return self.level == "region" and self.name.startswith("Local District")

    @property
    def level_label(self) -> str:
        if self.is_local_district:
            return _("Local District")
        return {
            "district": _("District"),
            "region": _("Region"),
            "school": _("School"),
        }[self.level]

    @property
    def label(self) -> str:
        """How a region-level unit is named beside a school: "Region East", or a Local
        District's own name."""
        if self.is_local_district or self.level != "region":
            return self.name
        return _("Region %(region)s") % {"region": self.name}


def _unit(row: PublishedUnit, region: Unit | None = None) -> Unit:
    return Unit(row.key, unit_name(row.level, row.name), row.level, region)


def units_of(publication: Publication) -> list[tuple[Unit, list[Unit]]]:
    """The District, then each region with its schools, as the publication named them
    (read from the publication's index of units, not its cells)."""
    groups: list[tuple[Unit, list[Unit]]] = []
    for row in PublishedUnit.objects.filter(publication=publication).only(
        "key", "name", "level", "region_key"
    ):
        if row.level == "school" and groups:
            groups[-1][1].append(_unit(row, groups[-1][0]))
        else:
            groups.append((_unit(row), []))
    return groups


def unit_get(publication: Publication, slug: str) -> Unit | None:
    """The unit of ``slug`` in the publication, with its region; ``None`` if not listed."""
    key = unit_key(slug)
    row = PublishedUnit.objects.filter(publication=publication, key=key).first() if key else None
    if row is None:
        return None
    region = None
    if row.region_key:
        region_row = PublishedUnit.objects.filter(
            publication=publication, key=row.region_key
        ).first()
        region = _unit(region_row) if region_row else None
    return _unit(row, region)


def _folded(text: str) -> str:
    """Lower case without accents: "Álamo" finds "alamo"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def units_find(publication: Publication, query: str, limit: int = 50) -> list[Unit]:
    """The publication's schools and regions whose name holds every word typed
    (case and accents ignored), schools first, then by name."""
    words = _folded(query).split()
    if not words:
        return []
    found = []
    regions = {}
    for row in PublishedUnit.objects.filter(publication=publication).only(
        "key", "name", "level", "region_key"
    ):
        if row.level == "region":
            regions[row.key] = _unit(row)
        names = {_folded(row.name), _folded(unit_name(row.level, row.name))}
        if any(all(word in name for word in words) for name in names):
            found.append(row)
    units = [_unit(row, regions.get(row.region_key)) for row in found]
    units.sort(key=lambda u: (u.level != "school", _folded(u.name)))
    return units[:limit]


def publication_meta(publication: Publication) -> dict:
    """What the pages need from a publication's document besides its cells: the ADA
    rate and the offense titles (read as two keys, not the whole document)."""
    row = (
        Publication.objects.filter(pk=publication.pk)
        .values("data__ada_daily_rate", "data__offenses")
        .first()
        or {}
    )
    rate = row.get("data__ada_daily_rate")
    if rate is not None:  # SQLite's JSON_EXTRACT gives "70.00" back as 70.0
        rate = str(Decimal(str(rate)).quantize(Decimal("0.01")))
    return {
        "ada_daily_rate": rate,
        "offenses": row.get("data__offenses") or {},
    }


def cells_of(publication: Publication, unit: str, window: str) -> tuple[dict, dict]:
    """(totals, breakdowns) of one unit in one window (empty where all are 0)."""
    row = (
        PublishedCells.objects.filter(publication=publication, unit=unit, window=window)
        .values_list("totals", "breakdowns")
        .first()
    )
    return row if row else ({}, {})


def totals_of(publication: Publication, units: list[str], window: str) -> dict[str, dict]:
    """The "all students" cells of several units in one window: unit -> totals."""
    rows = PublishedCells.objects.filter(
        publication=publication, unit__in=units, window=window
    ).values_list("unit", "totals")
    return dict(rows)


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
        (ADA, _("Funding lost (ADA, USD)")),
    ]
    if with_enrolled:
        columns.insert(0, (ENROLLMENT, _("Enrolled")))
    return columns


class View:
    """One publication, one unit, one window: the numbers as published."""

    def __init__(self, publication: Publication, unit: Unit, window: str, meta=None):
        self.publication = publication
        self.unit = unit
        self.window = window
        self.totals, self.breakdown_cells = cells_of(publication, unit.key, window)
        meta = meta if meta is not None else publication_meta(publication)
        rate = meta["ada_daily_rate"]
        self.ada_rate = Decimal(rate) if rate else None
        self.offenses = meta["offenses"]

    def get(self, measure, stat, dim=TOTAL, cat=TOTAL):
        """The published count (``None`` where hidden; 0 where not listed)."""
        if dim == TOTAL and cat == TOTAL:
            return self.totals.get(f"{measure}|{stat}", 0)
        return self.breakdown_cells.get(f"{measure}|{stat}|{dim}|{cat}", 0)

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
        offenses = self.offenses
        listed = {
            cell.cat
            for cell in (
                breakdown_cell(k, self.unit.key, self.window) for k in self.breakdown_cells
            )
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
    """The text a reader sees in a cell, in the reader's language ("3,220.00" in
    English, "3220,00" in Spanish)."""
    from reporting.suppression import MARK

    if value is None:
        return MARK if column != RATE else NOT_SHOWN
    if column == ADA:
        return number_format(value, 2, use_l10n=True, force_grouping=True)
    if column == RATE:
        return number_format(value, 1, use_l10n=True, force_grouping=True)
    if isinstance(value, int):
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def plain(column: str, value) -> str:
    """A cell as a download writes it: digits with a decimal point, no grouping, the
    same in every language (a spreadsheet or a program reads it as a number)."""
    from reporting.suppression import MARK

    if value is None:
        return MARK if column != RATE else NOT_SHOWN
    return str(value)


#: What a reader sees for a rate that is not shown.
NOT_SHOWN = "–"


def json_value(column: str, value):
    if value is None:
        return None
    if column in (ADA, RATE):
        return str(value)
    return value


# --- comparisons and trends ---------------------------------------------------------------


def month_name(month: datetime.date) -> str:
    """ "October 2026" / "octubre de 2026": the month in the reader's language."""
    return date_format(month, "YEAR_MONTH_FORMAT")


def period_text(month: datetime.date, kind: str) -> str:
    """The months of a window in words: "October 2026", "August to October 2026"."""
    window = metrics.Window(month, kind)
    if kind == "m":
        return month_name(month)
    return _("%(first)s to %(last)s") % {
        "first": month_name(window.first_day),
        "last": month_name(window.end),
    }


def _rate(students, enrolled):
    if suppress_rate(students is None, enrolled):
        return None
    return metrics.rate_per_100(students, enrolled)


def comparison(publication: Publication, unit: Unit, window: str, measure: str) -> Table:
    """The unit beside its region and the District: students with the action, enrolled,
    and students per 100 enrolled (one query for the three units' totals)."""
    units = [unit]
    if unit.region is not None:
        units.append(unit.region)
    if unit.key != DISTRICT:
        units.append(Unit(DISTRICT, _("District"), "district"))
    totals = totals_of(publication, [u.key for u in units], window)
    rows = []
    for u in units:
        cells = totals.get(u.key, {})
        students = cells.get(f"{measure}|{STUDENTS}", 0)
        enrolled = cells.get(f"{ENROLLED}|{ENROLLMENT}", 0)
        rows.append(
            Row(
                u.key,
                u.name if u.level != "region" else _("Region %(name)s") % {"name": u.name},
                {STUDENTS: students, ENROLLMENT: enrolled, RATE: _rate(students, enrolled)},
            )
        )
    if unit.key == DISTRICT:
        caption = _("%(measure)s: the District") % {"measure": metrics.MEASURE[measure].label}
    else:
        caption = _("%(measure)s: %(unit)s beside its region and the District") % {
            "measure": metrics.MEASURE[measure].label,
            "unit": unit.name,
        }
    return Table(
        "comparison",
        caption,
        _("School, region or District") if unit.level == "school" else _("Unit"),
        [
            (STUDENTS, _("Students")),
            (ENROLLMENT, _("Enrolled")),
            (RATE, _("Students per 100 enrolled")),
        ],
        rows,
        RATE,
    )


def comparison_text(table: Table, measure: str, period: str) -> str:
    """The comparison in one paragraph: the parent's question answered in words."""
    label = str(metrics.MEASURE[measure].label).lower()
    parts = []
    for row in table.rows:
        students, rate = row.values[STUDENTS], row.values[RATE]
        if students is None:
            parts.append(
                _(
                    "%(unit)s: the number of students is not shown, because it is from 1 "
                    "to 10 or because it would let a small number be worked out."
                )
                % {"unit": row.label}
            )
        elif rate is None:
            parts.append(
                _("%(unit)s: %(students)s students (no rate: fewer than 11 enrolled).")
                % {"unit": row.label, "students": display(STUDENTS, students)}
            )
        else:
            parts.append(
                _("%(unit)s: %(students)s students, %(rate)s per 100 enrolled.")
                % {
                    "unit": row.label,
                    "students": display(STUDENTS, students),
                    "rate": display(RATE, rate),
                }
            )
    head = _("Students with %(measure)s, %(period)s.") % {"measure": label, "period": period}
    return " ".join([head, *parts])


#: How many months a trend goes back.
TREND_MONTHS = 12


def trend(publication: Publication, unit: Unit, measure: str) -> Table:
    """The unit's month-by-month numbers for the published months of the 12 to this one
    (the newest version of each earlier month, this version for its own)."""
    first = metrics.add_months(publication.month, 1 - TREND_MONTHS)
    earlier = (
        Publication.objects.latest_versions()
        .filter(month__gte=first, month__lt=publication.month)
        .values("pk")
    )
    rows = (
        PublishedCells.objects.filter(unit=unit.key, window="m")
        .filter(models.Q(publication__in=earlier) | models.Q(publication=publication))
        .values_list("publication__month", "totals")
        .order_by("publication__month")
    )
    table_rows = []
    for month, cells in rows:
        students = cells.get(f"{measure}|{STUDENTS}", 0)
        enrolled = cells.get(f"{ENROLLED}|{ENROLLMENT}", 0)
        table_rows.append(
            Row(
                metrics.month_label(month),
                month_name(month),
                {
                    EVENTS: cells.get(f"{measure}|{EVENTS}", 0),
                    STUDENTS: students,
                    RATE: _rate(students, enrolled),
                },
            )
        )
    return Table(
        "trend",
        _("%(measure)s month by month, %(unit)s")
        % {"measure": metrics.MEASURE[measure].label, "unit": unit.name},
        _("Month"),
        [
            (EVENTS, _("Events")),
            (STUDENTS, _("Students")),
            (RATE, _("Students per 100 enrolled")),
        ],
        table_rows,
        STUDENTS,
        note=_("%(count)s of the last %(months)s months have been published.")
        % {"count": len(table_rows), "months": TREND_MONTHS},
    )
