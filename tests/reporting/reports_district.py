"""Districts of any school year for the report tests, written through the
services (``TinyDistrict`` with the year a test asks for)."""

from __future__ import annotations

import datetime

from interventions import services as intervention_services
from interventions.models import InterventionType
from people.models import ReportingUnit, UnitKind, UnitMembership
from tests.factories import SchoolYearFactory
from tests.reporting.district import TinyDistrict


def school_year(name: str) -> object:
    """A school year "2017-18": Aug 14 to Jun 8, no holidays."""
    first = int(name[:4])
    return SchoolYearFactory(
        name=name,
        first_day=datetime.date(first, 8, 14),
        last_day=datetime.date(first + 1, 6, 8),
        holidays={},
    )


def school_days(year, count: int, step: int = 1) -> list[datetime.date]:
    """``count`` weekdays of ``year`` from its first day, ``step`` weekdays apart."""
    days, day = [], year.first_day
    while len(days) < count * step:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
        assert day <= year.last_day, "the year has too few school days"
    return days[::step]


def local_district(name: str) -> ReportingUnit:
    return ReportingUnit.objects.get_or_create(
        name=name,
        defaults={"code": name.lower().replace(" ", "-"), "kind": UnitKind.LOCAL_DISTRICT},
    )[0]


def member(school, unit, start=None, end=None):
    return UnitMembership.objects.create(school=school, unit=unit, start=start, end=end)


class YearDistrict(TinyDistrict):
    """A TinyDistrict whose events fall in ``year``."""

    def __init__(self, year):
        super().__init__()
        self.year = year

    def student(self, school, *, start=None, end=None, **attrs):
        return super().student(school, start=start or self.year.first_day, end=end, **attrs)

    def _alternatives(self, student, school):
        if student.pk in self.with_alternatives:
            return
        kind = InterventionType.objects.first()
        for tier in (2, 3):
            intervention_services.intervention_record(
                actor=self.staff[school.pk].support,
                student=student,
                school=school,
                intervention_type=kind,
                tier=tier,
                started_on=self.year.first_day,
            )
        self.with_alternatives.add(student.pk)
