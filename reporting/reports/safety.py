"""School police on-campus deployments and the safety staffing table (seed 000,
"District Safety Updates", April 9, 2024): district data per school year."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from district.models import DeploymentReason, PoliceDeployment, SafetyStaffingLine
from people.models import BoardDistrict, ReportingUnit, School, SchoolYear, UnitKind
from reporting.reports.common import restrict, school_filter
from reporting.reports.tables import ReportTable, shown
from reporting.reports.units import unit_of_school, year_day


@dataclass
class Deployments:
    year: SchoolYear
    count: int
    campuses: int
    sites: int
    tables: list[ReportTable]

    @property
    def headline(self) -> str:
        return _(
            "%(year)s: %(count)s short-term deployments across %(campuses)s campuses "
            "out of %(sites)s sites."
        ) % {
            "year": self.year.name,
            "count": self.count,
            "campuses": self.campuses,
            "sites": self.sites,
        }


def deployments_get(*, user, year: SchoolYear) -> Deployments:
    ids = school_filter(user, None, year)
    deployments = restrict(PoliceDeployment.objects.filter(school_year=year), ids)
    # One query: deployments per school; folded into Board Districts and the
    # units (regions) of the year in memory.
    per_school = dict(
        deployments.values("school").annotate(n=Count("pk")).order_by().values_list("school", "n")
    )
    board_of = dict(School.objects.filter(pk__in=per_school).values_list("pk", "board_district"))
    unit_of = unit_of_school(year_day(year))
    boards = {b.pk: b for b in BoardDistrict.objects.all()}
    by_board = {pk: 0 for pk in boards}
    by_unit: dict[int, int] = {}
    for school, n in per_school.items():
        by_board[board_of[school]] += n
        by_unit[unit_of.get(school)] = by_unit.get(unit_of.get(school), 0) + n
    units = ReportingUnit.objects.filter(kind=UnitKind.REGION).order_by("name")
    total = sum(per_school.values())
    board_table = ReportTable(
        "deployments-board",
        _("Deployments by Board District, %(year)s") % {"year": year.name},
        [_("Board District"), _("Number of instances")],
        [
            [f"BD {boards[pk].number}", n]
            for pk, n in sorted(by_board.items(), key=lambda i: boards[i[0]].number)
        ],
        footer=[_("Total"), total],
    )
    region_table = ReportTable(
        "deployments-region",
        _("Deployments by Region, %(year)s") % {"year": year.name},
        [_("Region"), _("Number of instances")],
        [[u.name, by_unit.get(u.pk, 0)] for u in units],
        footer=[_("Total"), total],
    )
    reasons = dict(
        deployments.values("reason").annotate(n=Count("pk")).order_by().values_list("reason", "n")
    )
    resources = deployments.aggregate(
        region_staff=Count("pk", filter=_true("region_staff")),
        mental_health=Count("pk", filter=_true("mental_health")),
        community=Count("pk", filter=_true("community_resources")),
    )
    reason_table = ReportTable(
        "deployments-reason",
        _("Deployments by reason, and the other resources provided"),
        [_("Reason or resource"), _("Deployments")],
        [[str(label), reasons.get(value, 0)] for value, label in DeploymentReason.choices]
        + [
            [_("With region staff"), resources["region_staff"]],
            [_("With mental health support"), resources["mental_health"]],
            [_("With community-based resources"), resources["community"]],
        ],
    )
    listing = ReportTable(
        "deployments-list",
        _("Every deployment, %(year)s") % {"year": year.name},
        [_("School"), _("Start"), _("End"), _("Reason"), _("Resources")],
        [
            [
                d.school.name,
                d.starts_on.isoformat(),
                d.ends_on.isoformat(),
                d.get_reason_display(),
                ", ".join(
                    str(label)
                    for flag, label in (
                        (d.region_staff, _("region staff")),
                        (d.mental_health, _("mental health")),
                        (d.community_resources, _("community")),
                    )
                    if flag
                ),
            ]
            for d in deployments.select_related("school").order_by("starts_on", "school__name")
        ],
        chart_column=None,
    )
    sites = restrict(School.objects.filter(active=True), ids, path="id").count()
    return Deployments(
        year, total, len(per_school), sites, [board_table, region_table, reason_table, listing]
    )


def _true(field):
    from django.db.models import Q

    return Q(**{field: True})


def staffing_get(*, year: SchoolYear) -> ReportTable:
    lines = list(SafetyStaffingLine.objects.filter(school_year=year))
    totals = SafetyStaffingLine.objects.filter(school_year=year).aggregate(
        f=Sum("ftes"), b=Sum("budget")
    )
    return ReportTable(
        "staffing",
        _("District safety budget, %(year)s school year") % {"year": year.name},
        [_("Position/item"), _("Location"), _("FTEs"), _("Budgeted (USD)")],
        [
            [line.position, line.get_location_display(), _fte(line.ftes), _usd(line.budget)]
            for line in lines
        ],
        chart_column=None,
        footer=[_("Total"), "", _fte(totals["f"] or 0), _usd(totals["b"] or 0)],
    )


def _fte(value):
    if value is None:
        return _("N/A")
    return shown(int(value)) if value == int(value) else shown(value)


def _usd(value):
    return f"${value:,.0f}" if value == int(value) else f"${value:,.2f}"
