"""Which unit (Local District or region) each school belonged to on a day.

Every report reads a school year by the units of that year (issue 14): the
unit of a school on a day is its ``UnitMembership`` in force that day, else
its current region's unit. A year is read by the units on its first day (the
district reorganizes between school years); "as of" dates do not move it.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from people.models import ReportingUnit, School, SchoolYear, UnitKind, UnitMembership


def unit_of_school(day: datetime.date) -> dict[int, int]:
    """school id -> reporting unit id on ``day`` (two queries)."""
    by_region = dict(ReportingUnit.objects.filter(region__isnull=False).values_list("region", "pk"))
    units = {
        school: by_region.get(region)
        for school, region in School.objects.values_list("pk", "region")
    }
    in_force = UnitMembership.objects.filter(
        Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day)
    ).values_list("school", "unit")
    units.update(dict(in_force))
    return units


def year_day(year: SchoolYear) -> datetime.date:
    return year.first_day


def school_ids_in(unit: ReportingUnit | None, year: SchoolYear) -> list[int] | None:
    """The schools of ``unit`` in ``year``; ``None`` for the whole district."""
    if unit is None:
        return None
    return [s for s, u in unit_of_school(year_day(year)).items() if u == unit.pk]


def units_in_use(year: SchoolYear | None = None):
    """The units a filter offers: those with a school in ``year`` (all if none)."""
    units = ReportingUnit.objects.all()
    if year is None:
        return units
    used = set(unit_of_school(year_day(year)).values())
    return units.filter(pk__in=used)


def region_units():
    return ReportingUnit.objects.filter(kind=UnitKind.REGION)
