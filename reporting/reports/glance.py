""" "Local District at a glance" (seed 003, May 23, 2019; SPEC section 6): for a
Local District, a region or the district, a school year, "as of" a date.

Tables in the order of the seed's slides: enrollment by ethnicity; out-of-school
suspension events and days lost by gender and by ethnicity; events by school year
over five years; expulsion recommendations by infraction (Category 1 mandatory,
the others non-mandatory); suspension events by infraction; ROI results by spring.
An event's infraction is the most serious reason code of its referral (as in the
monthly publication), so the infraction rows add up to the events.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from discipline.models import (
    Category,
    ExpulsionRecommendation,
    ReasonCode,
    Suspension,
    SuspensionKind,
)
from district.models import RoiRank, RoiScore
from people.models import Enrollment, Gender, RaceEthnicity, ReportingUnit, SchoolYear
from reporting.reports.common import (
    as_of_for,
    most_serious_code,
    restrict,
    school_filter,
    years_up_to,
)
from reporting.reports.tables import ReportTable, percent


@dataclass
class Glance:
    unit_name: str
    year: SchoolYear
    as_of: datetime.date
    tables: list[ReportTable]


def _oss(ids, first, last):
    return restrict(
        Suspension.objects.valid().filter(
            kind=SuspensionKind.OUT_OF_SCHOOL, start_date__gte=first, start_date__lte=last
        ),
        ids,
    )


def enrollment_by_ethnicity(ids, day) -> ReportTable:
    rows = (
        restrict(Enrollment.objects.all(), ids)
        .filter(start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .values("student__race_ethnicity")
        .annotate(n=Count("student", distinct=True))
        .order_by()
    )
    counts = {r["student__race_ethnicity"]: r["n"] for r in rows}
    total = sum(counts.values())
    table = ReportTable(
        "enrollment-ethnicity",
        _("Student enrollment by ethnicity as of %(day)s") % {"day": day.isoformat()},
        [_("Ethnicity"), _("Count"), _("Percentage")],
        [
            [str(label), counts.get(value, 0), percent(counts.get(value, 0), total)]
            for value, label in RaceEthnicity.choices
        ],
        footer=[_("Total"), total, percent(total, total)],
    )
    return table


def _events_and_days(queryset, field, choices, slug, caption, header):
    rows = queryset.values(field).annotate(n=Count("pk"), d=Sum("school_days")).order_by()
    found = {r[field]: (r["n"], r["d"] or 0) for r in rows}
    body = [[str(label), *found.get(value, (0, 0))] for value, label in choices if value in found]
    return ReportTable(
        slug,
        caption,
        [header, _("Suspension events"), _("Days lost to suspensions")],
        body,
        footer=[_("Total"), sum(r[1] for r in body), sum(r[2] for r in body)],
    )


def oss_by_gender(ids, year, last) -> ReportTable:
    return _events_and_days(
        _oss(ids, year.first_day, last),
        "student__gender",
        Gender.choices,
        "oss-gender",
        _("%(year)s out-of-school suspensions by gender") % {"year": year.name},
        _("Gender"),
    )


def oss_by_ethnicity(ids, year, last) -> ReportTable:
    return _events_and_days(
        _oss(ids, year.first_day, last),
        "student__race_ethnicity",
        RaceEthnicity.choices,
        "oss-ethnicity",
        _("%(year)s out-of-school suspensions by ethnicity") % {"year": year.name},
        _("Ethnicity"),
    )


def oss_by_year(user, unit, year, last) -> ReportTable:
    """Five school years, each read by the units of that year (one query each)."""
    rows = []
    for y in years_up_to(year, 5):
        ids = school_filter(user, unit, y)
        end = last if y == year else y.last_day
        rows.append([y.name, _oss(ids, y.first_day, end).count()])
    return ReportTable(
        "oss-years",
        _("Out-of-school suspension events by school year"),
        [_("School year"), _("Suspension events")],
        rows,
    )


def _by_offense(queryset):
    return dict(
        queryset.annotate(off=most_serious_code())
        .values("off")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("off", "n")
    )


def expulsions_by_infraction(ids, year, last) -> ReportTable:
    recommendations = restrict(
        ExpulsionRecommendation.objects.valid().filter(
            recommended_on__gte=year.first_day, recommended_on__lte=last
        ),
        ids,
    )
    counts = _by_offense(recommendations)
    category_one = ReasonCode.objects.filter(category=Category.ONE).order_by("position")
    rows = [[f"{r.code} {r.display_title}", counts.get(r.code, 0)] for r in category_one]
    mandatory = sum(counts.get(r.code, 0) for r in category_one)
    total = sum(counts.values())
    rows.append([_("Total non-mandatory recommendations to expel"), total - mandatory])
    return ReportTable(
        "expulsions-infraction",
        _("%(year)s expulsion recommendations by infraction type") % {"year": year.name},
        [_("Infraction"), _("Recommendations")],
        rows,
        footer=[_("Total expulsion recommendations"), total],
        note=_("Category 1 (E.C. 48915(c)) recommendations are mandatory; the others are not."),
    )


def oss_by_infraction(ids, year, last) -> ReportTable:
    counts = _by_offense(_oss(ids, year.first_day, last))
    codes = ReasonCode.objects.filter(code__in=[c for c in counts if c]).order_by("position")
    rows = [[f"{r.code} {r.display_title}", counts[r.code]] for r in codes]
    return ReportTable(
        "oss-infraction",
        _("%(year)s out-of-school suspensions by infraction type") % {"year": year.name},
        [_("Suspension reason"), _("Suspension events")],
        rows,
        footer=[_("Total"), sum(r[1] for r in rows)],
        note=_("Every reason code that occurred; an event counts under its most serious code."),
    )


def roi_by_year(user, unit, year) -> ReportTable:
    rows = []
    for y in years_up_to(year, 3):
        ids = school_filter(user, unit, y)
        ranks = {RoiRank.GREEN: 0, RoiRank.YELLOW: 0, RoiRank.RED: 0}
        for roi in restrict(RoiScore.objects.filter(school_year=y), ids):
            ranks[roi.rank] += 1
        rows.append([y.name, ranks[RoiRank.GREEN], ranks[RoiRank.YELLOW], ranks[RoiRank.RED]])
    return ReportTable(
        "roi",
        _("Rubric of Implementation results by spring"),
        [_("Spring of"), _("Green"), _("Yellow"), _("Red")],
        rows,
        note=_(
            "Eight key features scored 1 to 4: green = total 28 to 32 with no 1 or 2; "
            "red = any 1; yellow otherwise."
        ),
    )


def glance_get(*, user, unit: ReportingUnit | None, year: SchoolYear, as_of=None) -> Glance:
    last = as_of_for(year, as_of)
    ids = school_filter(user, unit, year)
    return Glance(
        unit_name=unit.name if unit else _("District"),
        year=year,
        as_of=last,
        tables=[
            enrollment_by_ethnicity(ids, last),
            oss_by_gender(ids, year, last),
            oss_by_ethnicity(ids, year, last),
            oss_by_year(user, unit, year, last),
            expulsions_by_infraction(ids, year, last),
            oss_by_infraction(ids, year, last),
            roi_by_year(user, unit, year),
        ],
    )
