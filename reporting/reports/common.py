"""What every report shares: the school year and "as of" date, the schools a
report may read (scope and unit together) and the most serious offense of an
event's referral."""

from __future__ import annotations

import datetime

from django.utils import timezone

from discipline.selectors import current_school_year
from people.models import SchoolYear
from reporting.metrics import _most_serious_code as most_serious_code  # noqa: F401
from reporting.reports.access import sees_whole_district
from reporting.reports.units import school_ids_in


def school_year_get(name: str | None) -> SchoolYear | None:
    if name:
        return SchoolYear.objects.filter(name=name).first()
    return current_school_year(timezone.localdate()) or SchoolYear.objects.first()


def previous_year(year: SchoolYear) -> SchoolYear | None:
    return SchoolYear.objects.filter(first_day__lt=year.first_day).order_by("-first_day").first()


def years_up_to(year: SchoolYear, count: int) -> list[SchoolYear]:
    return list(
        reversed(
            SchoolYear.objects.filter(first_day__lte=year.first_day).order_by("-first_day")[:count]
        )
    )


def as_of_for(year: SchoolYear, as_of: datetime.date | None) -> datetime.date:
    """The last day a report of ``year`` counts: its last day, or today for a
    year in progress, or the "as of" date asked for (within the year)."""
    last = min(year.last_day, timezone.localdate())
    if as_of is not None:
        last = min(max(as_of, year.first_day), year.last_day)
    return last


def school_filter(user, unit, year: SchoolYear) -> list[int] | None:
    """The ids of the schools a report of ``unit`` in ``year`` reads for ``user``;
    ``None`` means every school (district staff, the whole district)."""
    ids = school_ids_in(unit, year)
    if sees_whole_district(user):
        return ids
    mine = set(user.school_ids)
    return sorted(mine if ids is None else mine & set(ids))


def restrict(queryset, ids, path="school_id"):
    return queryset if ids is None else queryset.filter(**{f"{path}__in": ids})
