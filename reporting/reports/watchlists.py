"""Watch lists (issue 14, item 7), each one selector used everywhere.

* students approaching the 20-day limit (30 after an opportunity transfer):
  ``discipline.selectors``' one near-limit selector, named here once
  (``near_limit``), so every page lists the same students;
* overdue willful-defiance follow-ups: ``discipline.selectors.wd_followups_overdue``;
* safety-finding overrides by school;
* students with an IEP or 504 plan near 10 days of removal without a placement
  decision (34 CFR 300.536);
* schools with frequent citations and arrests (Bill of Rights: "identify and
  remedy frequent use at individual school sites").
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Sum
from django.utils.translation import gettext as _

from discipline import selectors as discipline_selectors
from discipline.models import (
    LawEnforcementContact,
    LawEnforcementKind,
    PlacementDecision,
    SafetyFinding,
    Suspension,
)
from people.models import Disability, ReportingUnit, SchoolYear, Student
from reporting.reports.tables import ReportTable
from reporting.reports.units import unit_of_school, year_day

#: The one near-limit selector (students approaching the 20-day limit).
near_limit = discipline_selectors.students_near_day_limit
NEAR_LIMIT_WITHIN = discipline_selectors.NEAR_LIMIT_WITHIN_DAYS


def near_limit_table(user, year: SchoolYear | None) -> ReportTable:
    rows = near_limit(user, year, within=NEAR_LIMIT_WITHIN) if year else []
    return ReportTable(
        "near-limit",
        _("Students approaching the day limit"),
        [_("Student"), _("Student ID"), _("Days used"), _("Limit"), _("Left")],
        [[r.student.name, r.student.student_id, r.days, r.limit, r.left] for r in rows],
        chart_column=2,
        note=_(
            "Suspension days this school year within %(n)s days of the student's limit "
            "(20, or 30 after an opportunity transfer; E.C. 48903)."
        )
        % {"n": NEAR_LIMIT_WITHIN},
    )


def wd_overdue_table(user, today: datetime.date) -> ReportTable:
    # One query with the students and schools (the reason codes are not shown).
    rows = discipline_selectors.wd_followups_overdue(user, today).prefetch_related(None)[:500]
    return ReportTable(
        "wd-overdue",
        _("Overdue willful-defiance follow-ups"),
        [_("Student"), _("School"), _("Date of referral"), _("Referral")],
        [[r.student.name, r.school.name, r.referred_on.isoformat(), r.pk] for r in rows],
        chart_column=None,
        note=_("No intervention documented within 5 school days of the referral."),
    )


def _with_units(rows: list[dict], year: SchoolYear | None) -> list[dict]:
    """Each row's ``unit``: the name of its school's Local District or region in
    ``year`` (the units of that year, ``reporting.reports.units``), else today's
    region. Two queries whatever the number of rows."""
    if not rows:
        return rows
    if year is None:
        for row in rows:
            row["unit"] = row["school__region__name"]
        return rows
    unit_of = unit_of_school(year_day(year))
    names = dict(ReportingUnit.objects.values_list("pk", "name"))
    for row in rows:
        row["unit"] = names.get(unit_of.get(row["school"]), row["school__region__name"])
    return rows


def safety_findings_by_school(user, year: SchoolYear | None) -> list[dict]:
    """ALT overrides (48900.5 safety findings) counted by school, most first."""
    findings = SafetyFinding.objects.for_user(user).valid()
    if year is not None:
        findings = findings.filter(found_on__gte=year.first_day, found_on__lte=year.last_day)
    rows = list(
        findings.values("school", "school__code", "school__name", "school__region__name")
        .annotate(findings=Count("pk"))
        .order_by("-findings", "school__name")
    )
    return _with_units(rows, year)


def safety_findings_table(user, year) -> ReportTable:
    return ReportTable(
        "safety-findings",
        _("Safety-finding overrides by school"),
        [_("School"), _("Local District or region"), _("Safety findings")],
        [
            [r["school__name"], r["unit"], r["findings"]]
            for r in safety_findings_by_school(user, year)
        ],
        chart_column=2,
    )


def mdr_watch(user, year: SchoolYear | None) -> list[dict]:
    """Students with an IEP or 504 plan whose removals this year come within a
    few days of 10, or pass it, with no placement decision this year."""
    if year is None:
        return []
    threshold = settings.DISCIPLINE["MDR_THRESHOLD_DAYS"]
    within = settings.REPORTS["MDR_WATCH_WITHIN_DAYS"]
    decided = PlacementDecision.objects.valid().filter(
        student=OuterRef("student"),
        decided_on__gte=year.first_day,
        decided_on__lte=year.last_day,
    )
    rows = (
        Suspension.objects.for_user(user)
        .valid()
        .filter(
            school_year=year,
            student__disability__in=[Disability.IEP, Disability.SECTION_504],
        )
        .values("student")
        .annotate(days=Sum("school_days"))
        .filter(days__gte=threshold - within)
        .annotate(decided=Exists(decided))
        .filter(decided=False)
        .order_by("-days")
    )
    rows = list(rows)
    students = Student.objects.in_bulk([r["student"] for r in rows])
    return [{"student": students[r["student"]], "days": r["days"]} for r in rows]


def mdr_table(user, year) -> ReportTable:
    return ReportTable(
        "mdr-watch",
        _("Students with an IEP or 504 plan near 10 days without a placement decision"),
        [_("Student"), _("Student ID"), _("Disability"), _("Days of removal")],
        [
            [
                r["student"].name,
                r["student"].student_id,
                r["student"].get_disability_display(),
                r["days"],
            ]
            for r in mdr_watch(user, year)
        ],
        chart_column=3,
    )


def frequent_police_contacts(user, year: SchoolYear | None) -> list[dict]:
    if year is None:
        return []
    least = settings.REPORTS["FREQUENT_POLICE_CONTACTS"]
    rows = list(
        LawEnforcementContact.objects.for_user(user)
        .valid()
        .filter(
            kind__in=[LawEnforcementKind.ARREST, LawEnforcementKind.CITATION],
            occurred_on__gte=year.first_day,
            occurred_on__lte=year.last_day,
        )
        .values("school", "school__name", "school__region__name")
        .annotate(
            arrests=Count("pk", filter=_kind(LawEnforcementKind.ARREST)),
            citations=Count("pk", filter=_kind(LawEnforcementKind.CITATION)),
            total=Count("pk"),
        )
        .filter(total__gte=least)
        .order_by("-total", "school__name")
    )
    return _with_units(rows, year)


def _kind(kind):
    from django.db.models import Q

    return Q(kind=kind)


def police_table(user, year) -> ReportTable:
    return ReportTable(
        "frequent-police",
        _("Schools with frequent citations and arrests"),
        [_("School"), _("Local District or region"), _("Arrests"), _("Citations"), _("Total")],
        [
            [r["school__name"], r["unit"], r["arrests"], r["citations"], r["total"]]
            for r in frequent_police_contacts(user, year)
        ],
        chart_column=4,
        note=_("Schools with at least %(n)s citations and arrests in the school year.")
        % {"n": settings.REPORTS["FREQUENT_POLICE_CONTACTS"]},
    )


def watchlists_get(*, user, year, today) -> list[ReportTable]:
    return [
        near_limit_table(user, year),
        wd_overdue_table(user, today),
        safety_findings_table(user, year),
        mdr_table(user, year),
        police_table(user, year),
    ]
