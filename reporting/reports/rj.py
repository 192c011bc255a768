"""The restorative-justice training list (School Climate Bill of Rights, 2013;
SPEC section 6), computed each October for the prior school year: schools where
more than 15% of any subgroup or more than 10% of all students were suspended,
or more than 10% of any subgroup or of all students were arrested or cited. The
Board gives the district 60 days from the finding to train the school.

"Suspended" is an in-school or out-of-school suspension (a teacher's removal
from class is not one); "arrested or cited" is an arrest or a citation. Each
student counts once. Students are those enrolled at the school at some time in
the year. A subgroup (a category of race/ethnicity, English learner status,
disability, gender or SES) is judged only from the n-size (30) students up, so a
school is not listed for one student of a subgroup of two; all students are
always judged. "More than" is strict: exactly 10% or 15% does not list a school.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from discipline.models import LawEnforcementContact, LawEnforcementKind, Suspension
from district.models import RjTraining
from people.models import Enrollment, School, SchoolYear
from reporting.metrics import DIMENSIONS, OFFENSE, TOTAL
from reporting.reports.common import restrict
from reporting.reports.disproportionality import n_size, subgroup_counts
from reporting.reports.tables import ReportTable

SUSPENDED_SUBGROUP, SUSPENDED_ALL = 15, 10  # percent, "more than"
ARRESTED_SUBGROUP, ARRESTED_ALL = 10, 10


def _per_school(queryset) -> dict[int, dict[tuple[str, str], int]]:
    """school -> (breakdown, category) -> distinct students, in one query."""
    return subgroup_counts(queryset, by_school=True)


@dataclass
class Listed:
    school: School
    reasons: list[str] = field(default_factory=list)
    finding: RjTraining | None = None

    def status(self, today: datetime.date) -> str:
        f = self.finding
        if f is None:
            return _("Finding not recorded")
        if f.trained_on:
            if f.trained_on <= f.due_on:
                return _("Trained on %(day)s") % {"day": f.trained_on.isoformat()}
            return _("Trained late, on %(day)s") % {"day": f.trained_on.isoformat()}
        if today > f.due_on:
            return _("Overdue since %(day)s") % {"day": f.due_on.isoformat()}
        return _("Due by %(day)s") % {"day": f.due_on.isoformat()}


def _labels():
    labels = {(TOTAL, TOTAL): _("All students")}
    for dim in DIMENSIONS:
        if dim.slug not in (TOTAL, OFFENSE):
            for value, label in dim.categories:
                labels[(dim.slug, value)] = f"{dim.label}: {label}"
    return labels


def _over(count: int, enrolled: int, percent: int) -> bool:
    return enrolled > 0 and count * 100 > percent * enrolled


def rj_reasons(*, ids, year: SchoolYear) -> list[tuple[int, list[str]]]:
    """(school id, reasons) of every school listed, by school name: the counting
    over the year's enrollments, suspensions and police contacts (three queries
    and the schools), kept apart from the findings so it can be shared
    (``reporting.reports.cache``) while the findings are read on each request."""
    first, last = year.first_day, year.last_day
    enrolled = _per_school(
        restrict(Enrollment.objects.filter(start__lte=last), ids).filter(
            Q(end__isnull=True) | Q(end__gte=first)
        )
    )
    suspended = _per_school(
        restrict(
            Suspension.objects.valid()
            .toward_year_limit()
            .filter(
                start_date__gte=first,
                start_date__lte=last,
            ),
            ids,
        )
    )
    arrested = _per_school(
        restrict(
            LawEnforcementContact.objects.valid().filter(
                kind__in=[LawEnforcementKind.ARREST, LawEnforcementKind.CITATION],
                occurred_on__gte=first,
                occurred_on__lte=last,
            ),
            ids,
        )
    )
    labels = _labels()
    listed: list[tuple[int, list[str]]] = []
    schools = dict(
        School.objects.filter(pk__in=set(suspended) | set(arrested)).values_list("pk", "name")
    )
    for school_id in sorted(schools, key=lambda pk: schools[pk]):
        population = enrolled.get(school_id, {})
        reasons = []
        for what, counts, subgroup_limit, all_limit in (
            (_("suspended"), suspended.get(school_id, {}), SUSPENDED_SUBGROUP, SUSPENDED_ALL),
            (_("arrested or cited"), arrested.get(school_id, {}), ARRESTED_SUBGROUP, ARRESTED_ALL),
        ):
            for key, count in sorted(counts.items(), key=lambda item: labels.get(item[0], "")):
                n = population.get(key, 0)
                everyone = key == (TOTAL, TOTAL)
                limit = all_limit if everyone else subgroup_limit
                if not everyone and n < n_size():
                    continue
                if _over(count, n, limit):
                    reasons.append(
                        _(
                            "%(group)s: %(count)s of %(n)s %(what)s "
                            "(%(pct).1f%%, more than %(limit)s%%)"
                        )
                        % {
                            "group": labels.get(key, key[1]),
                            "count": count,
                            "n": n,
                            "what": what,
                            "pct": count * 100 / n,
                            "limit": limit,
                        }
                    )
        if reasons:
            listed.append((school_id, reasons))
    return listed


def rj_list(*, ids, year: SchoolYear, reasons=None) -> list[Listed]:
    """The listed schools with their findings; ``reasons``: ``rj_reasons``'
    result if already at hand."""
    if reasons is None:
        reasons = rj_reasons(ids=ids, year=year)
    schools = School.objects.in_bulk([school_id for school_id, _reasons in reasons])
    listed = {
        school_id: Listed(schools[school_id], list(why))
        for school_id, why in reasons
        if school_id in schools
    }
    for finding in RjTraining.objects.filter(school_year=year, school__in=listed):
        listed[finding.school_id].finding = finding
    return list(listed.values())


def rj_table(listed: list[Listed], year: SchoolYear, today=None) -> ReportTable:
    today = today or timezone.localdate()
    return ReportTable(
        "rj-training",
        _("Schools that must receive restorative-justice training, from %(year)s data")
        % {"year": year.name},
        [_("School"), _("Reasons"), _("Finding"), _("Due by"), _("Status")],
        [
            [
                item.school.name,
                "; ".join(item.reasons),
                item.finding.found_on.isoformat() if item.finding else "",
                item.finding.due_on.isoformat() if item.finding else "",
                item.status(today),
            ]
            for item in listed
        ],
        chart_column=None,
    )
