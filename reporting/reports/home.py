"""The district staff home: "how are we doing" at a glance (issue 14, item 1).

Referrals, in-school and out-of-school suspensions, days lost to suspension,
expulsions and police contacts by month for this school year against the last,
for the district or one unit, and each year to date by region. Each year is
read by its own units; a query per measure and year, grouped by month or by
school, never one per school.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from discipline.models import Expulsion, LawEnforcementContact, Referral, Suspension, SuspensionKind
from people.models import SchoolYear
from reporting.reports.common import previous_year, restrict, school_filter
from reporting.reports.tables import ReportTable
from reporting.reports.units import region_units, unit_of_school, year_day


@dataclass(frozen=True)
class HomeMeasure:
    slug: str
    label: str
    model: type
    date_field: str
    filters: dict
    value: str = "count"  # or the field summed


HOME_MEASURES = [
    HomeMeasure("referrals", gettext_lazy("Referrals"), Referral, "incident_date", {}),
    HomeMeasure(
        "iss",
        gettext_lazy("In-school suspensions"),
        Suspension,
        "start_date",
        {"kind": SuspensionKind.IN_SCHOOL},
    ),
    HomeMeasure(
        "oss",
        gettext_lazy("Out-of-school suspensions"),
        Suspension,
        "start_date",
        {"kind": SuspensionKind.OUT_OF_SCHOOL},
    ),
    HomeMeasure(
        "days",
        gettext_lazy("Days lost to suspensions"),
        Suspension,
        "start_date",
        {"kind__in": [SuspensionKind.IN_SCHOOL, SuspensionKind.OUT_OF_SCHOOL]},
        "school_days",
    ),
    HomeMeasure("expulsions", gettext_lazy("Expulsions"), Expulsion, "starts_on", {}),
    HomeMeasure(
        "police", gettext_lazy("Police contacts"), LawEnforcementContact, "occurred_on", {}
    ),
]


def _aggregate(m: HomeMeasure):
    return Count("pk") if m.value == "count" else Sum(m.value)


def _events(m: HomeMeasure, ids, first, last):
    queryset = m.model.objects.valid().filter(
        **{f"{m.date_field}__gte": first, f"{m.date_field}__lte": last}, **m.filters
    )
    return restrict(queryset, ids)


def _by_month(m, ids, year) -> dict[tuple[int, int], int]:
    rows = (
        _events(m, ids, year.first_day, year.last_day)
        .annotate(month=TruncMonth(m.date_field))
        .values("month")
        .annotate(n=_aggregate(m))
        .order_by()
    )
    return {(r["month"].year, r["month"].month): r["n"] or 0 for r in rows}


def _months(year: SchoolYear) -> list[datetime.date]:
    months, month = [], year.first_day.replace(day=1)
    while month <= year.last_day:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def monthly_tables(*, user, unit, year: SchoolYear) -> list[ReportTable]:
    last_year = previous_year(year)
    ids = school_filter(user, unit, year)
    last_ids = school_filter(user, unit, last_year) if last_year else None
    tables = []
    for m in HOME_MEASURES:
        this = _by_month(m, ids, year)
        before = _by_month(m, last_ids, last_year) if last_year else {}
        rows = []
        for month in _months(year):
            a = this.get((month.year, month.month), 0)
            b = before.get((month.year - 1, month.month), 0) if last_year else None
            rows.append([f"{month:%b}", a, b, (a - b) if b is not None else None])
        tables.append(
            ReportTable(
                f"month-{m.slug}",
                _("%(measure)s by month, %(year)s against %(last)s")
                % {
                    "measure": m.label,
                    "year": year.name,
                    "last": last_year.name if last_year else "—",
                },
                [
                    _("Month"),
                    year.name,
                    last_year.name if last_year else _("Last year"),
                    _("Change"),
                ],
                rows,
                footer=[
                    _("Total"),
                    sum(r[1] for r in rows),
                    sum(r[2] or 0 for r in rows) if last_year else None,
                    (sum(r[1] for r in rows) - sum(r[2] or 0 for r in rows)) if last_year else None,
                ],
            )
        )
    return tables


def region_table(*, user, year: SchoolYear, today: datetime.date) -> ReportTable:
    """Each measure this year to date against last year to the same day, by region."""
    last_year = previous_year(year)
    cutoff = min(today, year.last_day)
    units = list(region_units().order_by("name"))
    columns = [_("Region")]
    values: dict[int, list] = {u.pk: [] for u in units}
    unit_maps = {y.pk: unit_of_school(year_day(y)) for y in (year, last_year) if y is not None}
    for m in HOME_MEASURES:
        for y, end in ((year, cutoff), (last_year, _year_earlier(cutoff))):
            columns.append(f"{m.label} {y.name if y else ''}".strip())
            per_unit: dict[int, int] = {}
            if y is not None:
                unit_of = unit_maps[y.pk]
                rows = (
                    _events(m, school_filter(user, None, y), y.first_day, end)
                    .values("school")
                    .annotate(n=_aggregate(m))
                    .order_by()
                )
                for r in rows:
                    unit = unit_of.get(r["school"])
                    per_unit[unit] = per_unit.get(unit, 0) + (r["n"] or 0)
            for u in units:
                values[u.pk].append(per_unit.get(u.pk, 0))
    return ReportTable(
        "regions",
        _("Year to date by region (to %(day)s, and to the same day a year earlier)")
        % {"day": cutoff.isoformat()},
        columns,
        [[u.name, *values[u.pk]] for u in units],
    )


def _year_earlier(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # February 29
        return day.replace(year=day.year - 1, day=28)
