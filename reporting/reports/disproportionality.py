"""Disproportionality (34 CFR 300.647; SPEC section 6) for an outcome, a unit
and a school year.

For each subgroup g of the unit, with O students who had the outcome and N
students enrolled:

* risk = O_g / N_g
* risk ratio = risk_g / (sum of O over the other subgroups / sum of N over them),
  all other students of the same unit being the comparison group;
* alternate risk ratio = risk_g / the risk of all other students in the district,
  used when the unit's comparison group is under the cell size or the n-size;
* composition = O_g / sum O beside N_g / sum N;
* 95% confidence interval of the ratio, log method:
  exp(ln RR +/- 1.96 * sqrt(1/a - 1/(a+b) + 1/c - 1/(c+d))), a = O_g, a+b = N_g,
  c and c+d the comparison group's.

A risk needs N_g of at least the n-size (30); a ratio needs O of at least the
cell size (10) and N of at least the n-size on both sides. Below them the value
is "not computed", never 0. Students are counted once per subgroup however many
times they had the outcome; the population is every student enrolled at a
school of the unit at some time in the year up to the "as of" day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from discipline.models import (
    COUNTS_TOWARD_YEAR_LIMIT,
    Expulsion,
    LawEnforcementContact,
    Suspension,
    SuspensionKind,
)
from people.models import Enrollment
from reporting.metrics import DIMENSIONS, OFFENSE, TOTAL
from reporting.reports.common import restrict
from reporting.reports.tables import ReportTable, percent

Z95 = 1.959963984540054


def cell_size() -> int:
    return settings.REPORTS["MIN_CELL_SIZE"]


def n_size() -> int:
    return settings.REPORTS["MIN_N_SIZE"]


@dataclass(frozen=True)
class NotComputed:
    """A value below the cell size or n-size: shown as such, never as 0."""

    reason: str

    def __str__(self):
        return _("not computed (%(reason)s)") % {"reason": self.reason}


def _n_reason():
    return f"n < {n_size()}"


def _cell_reason():
    return _("count < %(cell)s") % {"cell": cell_size()}


def _meets(o: int, n: int) -> NotComputed | None:
    """Why (o, n) may not be a side of a ratio, or None if it may."""
    if n <= 0:
        return NotComputed(_("no comparison group"))
    if n < n_size():
        return NotComputed(_n_reason())
    if o < cell_size():
        return NotComputed(_cell_reason())
    return None


@dataclass
class Ratio:
    risk: Decimal | NotComputed
    risk_ratio: Decimal | NotComputed
    alternate: Decimal | NotComputed | None  # None: not needed
    low: Decimal | None
    high: Decimal | None

    @property
    def interval(self) -> str | NotComputed:
        if self.low is None:
            return NotComputed(_("no ratio"))
        return f"{self.low} – {self.high}"


def _round(x: float, places: int = 2) -> Decimal:
    return Decimal(str(round(x, places)))


def confidence_interval(a: int, n1: int, c: int, n2: int) -> tuple[Decimal, Decimal] | None:
    """95% interval of (a/n1)/(c/n2), log method; None where a or c is 0."""
    if a <= 0 or c <= 0:
        return None
    ratio = (a / n1) / (c / n2)
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    return (
        _round(math.exp(math.log(ratio) - Z95 * se)),
        _round(math.exp(math.log(ratio) + Z95 * se)),
    )


def ratio_of(a: int, n1: int, c: int, n2: int, district_c: int, district_n2: int) -> Ratio:
    """The risk, risk ratio, alternate risk ratio and interval of a subgroup with
    ``a`` of ``n1`` students, against ``c`` of ``n2`` other students of the unit
    and ``district_c`` of ``district_n2`` other students of the district."""
    if n1 < n_size() or n1 <= 0:
        risk = NotComputed(_n_reason())
    else:
        risk = _round(100 * a / n1, 1)
    own = _meets(a, n1)
    if own is not None:
        return Ratio(risk, own, None, None, None)
    comparison = _meets(c, n2)
    if comparison is None:
        interval = confidence_interval(a, n1, c, n2)
        rr = _round((a / n1) / (c / n2))
        return Ratio(risk, rr, None, *(interval or (None, None)))
    district = _meets(district_c, district_n2)
    if district is not None:
        return Ratio(risk, comparison, district, None, None)
    interval = confidence_interval(a, n1, district_c, district_n2)
    alt = _round((a / n1) / (district_c / district_n2))
    return Ratio(risk, comparison, alt, *(interval or (None, None)))


# --- outcomes ---------------------------------------------------------------------------

OUTCOMES = {
    "oss": (
        gettext_lazy("Out-of-school suspension"),
        Suspension,
        "start_date",
        Q(kind=SuspensionKind.OUT_OF_SCHOOL),
    ),
    "iss": (
        gettext_lazy("In-school suspension"),
        Suspension,
        "start_date",
        Q(kind=SuspensionKind.IN_SCHOOL),
    ),
    "susp": (
        gettext_lazy("Any suspension"),
        Suspension,
        "start_date",
        COUNTS_TOWARD_YEAR_LIMIT,  # suspensions from school, not a teacher's removal
    ),
    "exp": (gettext_lazy("Expulsion"), Expulsion, "starts_on", Q()),
    "le": (gettext_lazy("Law-enforcement contact"), LawEnforcementContact, "occurred_on", Q()),
}

#: The subgroup a student is in, per breakdown: the field and how its value reads.
FIELDS = {
    "race": "student__race_ethnicity",
    "el": "student__english_learner",
    "dis": "student__disability",
    "gender": "student__gender",
    "ses": "student__socioeconomically_disadvantaged",
}


def _category(dim: str, value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def subgroup_counts(queryset, *, by_school: bool = False) -> dict:
    """Distinct students per (breakdown, category), and in total, in one query.

    A student has one value of each of the five attributes, so grouping by all
    five at once and adding the groups up per breakdown counts each student once
    per category (and once in total) without a query per breakdown. With
    ``by_school`` the counts are per school: ``{school: {(dim, cat): n}}``.
    """
    fields = list(FIELDS.values())
    keys = ["school", *fields] if by_school else fields
    rows = queryset.values(*keys).annotate(n=Count("student", distinct=True)).order_by()
    counts: dict = {}
    for row in rows:
        target = counts.setdefault(row["school"], {}) if by_school else counts
        n = row["n"]
        target[(TOTAL, TOTAL)] = target.get((TOTAL, TOTAL), 0) + n
        for dim, path in FIELDS.items():
            key = (dim, _category(dim, row[path]))
            target[key] = target.get(key, 0) + n
    return counts


def _counts(queryset, first, last) -> dict[str, dict[str, int]]:
    counts = {TOTAL: {}, **{dim: {} for dim in FIELDS}}
    for (dim, cat), n in subgroup_counts(queryset).items():
        counts[dim][cat] = n
    return counts


def outcome_students(outcome: str, ids, first, last):
    _label, model, date_field, condition = OUTCOMES[outcome]
    queryset = model.objects.valid().filter(
        condition, **{f"{date_field}__gte": first, f"{date_field}__lte": last}
    )
    return _counts(restrict(queryset, ids), first, last)


def population(ids, first, last):
    queryset = Enrollment.objects.filter(start__lte=last).filter(
        Q(end__isnull=True) | Q(end__gte=first)
    )
    return _counts(restrict(queryset, ids), first, last)


def disproportionality_tables(*, outcome: str, ids, first, last) -> list[ReportTable]:
    """One table per breakdown (race/ethnicity, English learner, disability, gender, SES)."""
    o, n = outcome_students(outcome, ids, first, last), population(ids, first, last)
    if ids is None:
        do, dn = o, n
    else:
        do, dn = outcome_students(outcome, None, first, last), population(None, first, last)
    label = OUTCOMES[outcome][0]
    tables = []
    for dim in DIMENSIONS:
        if dim.slug in (TOTAL, OFFENSE):
            continue
        o_total, n_total = sum(o[dim.slug].values()), sum(n[dim.slug].values())
        do_total, dn_total = sum(do[dim.slug].values()), sum(dn[dim.slug].values())
        rows = []
        for value, category in dim.categories:
            a, n1 = o[dim.slug].get(value, 0), n[dim.slug].get(value, 0)
            if not n1 and not a:
                continue
            r = ratio_of(
                a,
                n1,
                o_total - a,
                n_total - n1,
                do_total - do[dim.slug].get(value, 0),
                dn_total - dn[dim.slug].get(value, 0),
            )
            rows.append(
                [
                    str(category),
                    a,
                    n1,
                    r.risk,
                    r.risk_ratio,
                    r.alternate if r.alternate is not None else "",
                    r.interval,
                    percent(a, o_total),
                    percent(n1, n_total),
                ]
            )
        tables.append(
            ReportTable(
                f"disproportionality-{dim.slug}",
                _("%(outcome)s by %(breakdown)s")
                % {"outcome": label, "breakdown": str(dim.label).lower()},
                [
                    str(dim.label),
                    _("Students with the outcome"),
                    _("Students"),
                    _("Risk (%)"),
                    _("Risk ratio"),
                    _("Alternate risk ratio"),
                    _("95% confidence interval"),
                    _("Share of the outcome (%)"),
                    _("Share of students (%)"),
                ],
                rows,
                chart_column=4,
            )
        )
    return tables
