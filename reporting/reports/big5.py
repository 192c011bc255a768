"""Referral analytics in the style of SWIS's "Big 5" (SPEC section 6): average
referrals per school day per month; by reason code; by location; by time of
day; by day of week; by student (1, 2-5, 6 or more referrals, and the list for
those who may see students); by referring staff member for a school's
administrators. Filters: region or Local District, school, grade, subgroup and
dates. Voided referrals never count.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncMonth
from django.utils.translation import gettext as _

from discipline.models import Referral
from people.calendar import Calendar
from people.models import Role, SchoolYear
from reporting.reports.common import restrict, school_filter
from reporting.reports.tables import ReportTable

SUBGROUP_FIELDS = {
    "race": "student__race_ethnicity",
    "el": "student__english_learner",
    "dis": "student__disability",
    "gender": "student__gender",
    "ses": "student__socioeconomically_disadvantaged",
}


@dataclass
class Big5Filters:
    first: datetime.date
    last: datetime.date
    unit: object = None
    school: object = None
    grade: int | None = None
    subgroup: str = ""  # "race:black", "el:yes", ...


def referrals_for(user, f: Big5Filters, year: SchoolYear | None):
    queryset = (
        Referral.objects.for_user(user)
        .valid()
        .filter(incident_date__gte=f.first, incident_date__lte=f.last)
    )
    if year is not None:
        queryset = restrict(queryset, school_filter(user, f.unit, year))
    if f.school is not None:
        queryset = queryset.filter(school=f.school)
    if f.grade is not None:
        queryset = queryset.filter(grade=f.grade)
    if f.subgroup:
        dim, _sep, value = f.subgroup.partition(":")
        if dim in SUBGROUP_FIELDS:
            if dim in ("el", "ses"):
                value = value == "yes"
            queryset = queryset.filter(**{SUBGROUP_FIELDS[dim]: value})
    return queryset


def _count_by(queryset, expression_or_field, label=None):
    if isinstance(expression_or_field, str):
        rows = (
            queryset.values(expression_or_field).annotate(n=Count("pk", distinct=True)).order_by()
        )
        return {r[expression_or_field]: r["n"] for r in rows}
    rows = queryset.annotate(k=expression_or_field).values("k").annotate(n=Count("pk")).order_by()
    return {r["k"]: r["n"] for r in rows}


def per_school_day(queryset, first, last) -> ReportTable:
    months = _count_by(queryset, TruncMonth("incident_date"))
    months = {(m.date() if isinstance(m, datetime.datetime) else m): n for m, n in months.items()}
    days = Counter(d.replace(day=1) for d in Calendar(first, last).days())
    rows = []
    for month in sorted(days):
        n = months.get(month, 0)
        rows.append([f"{month:%Y-%m}", n, days[month], round(n / days[month], 2)])
    return ReportTable(
        "per-day",
        _("Average referrals per school day per month"),
        [_("Month"), _("Referrals"), _("School days"), _("Referrals per school day")],
        rows,
        chart_column=3,
    )


def by_reason(queryset) -> ReportTable:
    rows = (
        # One row per (referral, reason): an inner join, no DISTINCT needed.
        queryset.filter(reasons__isnull=False)
        .values("reasons__code", "reasons__title", "reasons__position")
        .annotate(n=Count("pk"))
        .order_by("reasons__position")
    )
    return ReportTable(
        "reason",
        _("Referrals by reason code"),
        [_("Reason code"), _("Referrals")],
        [
            [f"{r['reasons__code']} {_(r['reasons__title'])}", r["n"]]
            for r in rows
            if r["reasons__code"]
        ],
        note=_("A referral with several reasons counts under each."),
    )


def by_location(queryset) -> ReportTable:
    rows = (
        queryset.values("location__label").annotate(n=Count("pk")).order_by("-n", "location__label")
    )
    return ReportTable(
        "location",
        _("Referrals by location"),
        [_("Location"), _("Referrals")],
        [[r["location__label"], r["n"]] for r in rows],
    )


def by_time(queryset) -> ReportTable:
    hours = _count_by(queryset.exclude(incident_time=None), ExtractHour("incident_time"))
    missing = queryset.filter(incident_time=None).count()
    rows = [[f"{h:02d}:00–{h:02d}:59", hours[h]] for h in sorted(hours)]
    if missing:
        rows.append([_("Time not recorded"), missing])
    return ReportTable("time", _("Referrals by time of day"), [_("Time"), _("Referrals")], rows)


def by_weekday(queryset) -> ReportTable:
    names = [
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    ]
    days = _count_by(queryset, ExtractIsoWeekDay("incident_date"))
    return ReportTable(
        "weekday",
        _("Referrals by day of week"),
        [_("Day"), _("Referrals")],
        [[names[d - 1], days.get(d, 0)] for d in range(1, 6)]
        + [[names[d - 1], days[d]] for d in (6, 7) if days.get(d)],
    )


#: The student list shows the students with the most referrals, not all of them.
STUDENT_LIST_LENGTH = 100


def _bands(queryset) -> dict[str, int]:
    """Students with 1, 2-5 and 6 or more referrals, counted by the database."""
    per_student = queryset.values("student").annotate(n=Count("pk")).order_by()
    sql, params = per_student.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT SUM(CASE WHEN t.n = 1 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN t.n BETWEEN 2 AND 5 THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN t.n >= 6 THEN 1 ELSE 0 END) FROM ({sql}) t",
            params,
        )
        one, few, many = cursor.fetchone()
    return {"1": one or 0, "2–5": few or 0, "6+": many or 0}


def by_student(queryset, *, with_list: bool) -> list[ReportTable]:
    tables = [
        ReportTable(
            "students",
            _("Students by number of referrals"),
            [_("Referrals"), _("Students")],
            [[band, n] for band, n in _bands(queryset).items()],
        )
    ]
    if with_list:
        top = (
            queryset.values(
                "student", "student__student_id", "student__first_name", "student__last_name"
            )
            .annotate(n=Count("pk"))
            .order_by("-n", "student__last_name", "student")[:STUDENT_LIST_LENGTH]
        )
        tables.append(
            ReportTable(
                "student-list",
                _("The %(n)s students with the most referrals") % {"n": STUDENT_LIST_LENGTH},
                [_("Student"), _("Student ID"), _("Referrals")],
                [
                    [
                        f"{r['student__last_name']}, {r['student__first_name']}",
                        r["student__student_id"],
                        r["n"],
                    ]
                    for r in top
                ],
                chart_column=None,
            )
        )
    return tables


def by_staff(queryset) -> ReportTable:
    rows = (
        queryset.values(
            "referred_by__first_name", "referred_by__last_name", "referred_by__username"
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "referred_by__last_name")
    )
    return ReportTable(
        "staff",
        _("Referrals by referring staff member"),
        [_("Staff member"), _("Referrals")],
        [
            [
                f"{r['referred_by__first_name']} {r['referred_by__last_name']}".strip()
                or r["referred_by__username"],
                r["n"],
            ]
            for r in rows
        ],
    )


def may_see_students(user) -> bool:
    return user.is_district_staff or user.role in (Role.ADMINISTRATOR, Role.SUPPORT)


def big5_get(*, user, filters: Big5Filters, year: SchoolYear | None) -> list[ReportTable]:
    queryset = referrals_for(user, filters, year)
    tables = [
        per_school_day(queryset, filters.first, filters.last),
        by_reason(queryset),
        by_location(queryset),
        by_time(queryset),
        by_weekday(queryset),
        *by_student(queryset, with_list=may_see_students(user)),
    ]
    if user.role == Role.ADMINISTRATOR:
        tables.append(by_staff(queryset))
    return tables
