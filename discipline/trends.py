"""Trends on the school's home pages (issue 16, item 3): the SWIS "Big 5"
(referrals per school day by month, by reason, location, time of day and
student), open referrals and interventions by age.

Reads only, each from the user's scope; each result is a table (the chart's
data, shown beside it) and an SVG chart drawn on the server from that table.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils import formats
from django.utils.translation import gettext as _

from discipline.models import Referral, ReferralStatus
from interventions.models import Intervention, InterventionOutcome
from people.calendar import Calendar
from people.models import SchoolYear

# --- charts ------------------------------------------------------------------------------

ROW = 22
LABEL_WIDTH = 200
BAR_AREA = 240
COLORS = ("#1d4e89", "#b35900")  # 3:1 or better against white (WCAG 1.4.11)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    color: str


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass
class Chart:
    slug: str
    title: str
    summary: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Trend:
    """A table (caption, column headings, rows) and its chart."""

    slug: str
    caption: str
    columns: list[str]
    rows: list[list]
    chart: Chart | None = None


def _short(text: str, limit: int = 30) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def horizontal_bars(slug: str, title: str, rows: list[tuple[str, float]]) -> Chart | None:
    if not rows:
        return None
    top = max(value for _label, value in rows) or 1
    chart = Chart(
        slug=slug,
        title=title,
        summary=_("Highest: %(label)s (%(value)s).")
        % {"label": rows[0][0], "value": formats.number_format(rows[0][1])},
        width=LABEL_WIDTH + BAR_AREA + 60,
        height=len(rows) * ROW,
    )
    for i, (label, value) in enumerate(rows):
        y = i * ROW
        width = round(value / top * BAR_AREA, 1) if value else 0
        chart.labels.append(Label(LABEL_WIDTH - 4, y + 15, _short(label), "end"))
        if width:
            chart.bars.append(Bar(LABEL_WIDTH, y + 2, width, ROW - 6, COLORS[0]))
        chart.labels.append(
            Label(LABEL_WIDTH + width + 4, y + 15, formats.number_format(value, use_l10n=True))
        )
    return chart


def grouped_columns(
    slug: str, title: str, categories: list[str], series: list[tuple[str, list]]
) -> Chart | None:
    values = [v for _name, column in series for v in column if v is not None]
    if not values:
        return None
    top = max(values) or 1
    height_area, group = 160, 18 * len(series) + 14
    chart = Chart(
        slug=slug,
        title=title,
        summary="",
        width=40 + group * len(categories),
        height=height_area + 40,
        legend=[(name, COLORS[i]) for i, (name, _c) in enumerate(series)],
    )
    for c, category in enumerate(categories):
        x0 = 40 + c * group
        for s, (_name, column) in enumerate(series):
            value = column[c]
            if value:
                h = round(value / top * height_area, 1)
                chart.bars.append(Bar(x0 + s * 18, height_area - h + 10, 16, h, COLORS[s]))
        chart.labels.append(Label(x0 + group / 2 - 7, height_area + 28, category, "middle"))
    chart.labels.append(Label(36, 18, formats.number_format(round(top, 2)), "end"))
    chart.labels.append(Label(36, height_area + 10, "0", "end"))
    return chart


# --- the administrator's trends ---------------------------------------------------------


def _school_referrals(user):
    return Referral.objects.for_user(user).valid()


def _months(year: SchoolYear) -> list[datetime.date]:
    months, day = [], year.first_day.replace(day=1)
    while day <= year.last_day:
        months.append(day)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def _per_school_day(user, year: SchoolYear | None) -> dict[tuple[int, int], float]:
    """Referrals per school day, by (year, month) of the school year."""
    if year is None:
        return {}
    counts = Counter(
        (d.year, d.month)
        for d in _school_referrals(user)
        .filter(incident_date__range=(year.first_day, year.last_day))
        .values_list("incident_date", flat=True)
    )
    days = Counter((d.year, d.month) for d in Calendar(year.first_day, year.last_day).days())
    return {key: round(counts.get(key, 0) / days[key], 2) for key in days if days[key]}


def referrals_per_day_by_month(user, year: SchoolYear | None) -> Trend | None:
    """This school year against last, month by month (SWIS "average
    referrals per day per month")."""
    if year is None:
        return None
    last = SchoolYear.objects.filter(last_day__lt=year.first_day).order_by("-first_day").first()
    this_rates = _per_school_day(user, year)
    last_rates = _per_school_day(user, last)
    rows, this_column, last_column, names = [], [], [], []
    for month in _months(year):
        now = this_rates.get((month.year, month.month))
        before = last_rates.get((month.year - 1, month.month)) if last else None
        name = formats.date_format(month, "M")
        names.append(name)
        this_column.append(now)
        last_column.append(before)
        rows.append([formats.date_format(month, "F"), _fmt(now), _fmt(before)])
    this_name, last_name = str(year), str(last) if last else _("last year")
    trend = Trend(
        slug="per-day",
        caption=_("Referrals per school day, by month"),
        columns=[_("Month"), this_name, last_name],
        rows=rows,
    )
    trend.chart = grouped_columns(
        "per-day",
        trend.caption,
        names,
        [(this_name, this_column), (last_name, last_column)],
    )
    if trend.chart:
        trend.chart.summary = _("%(this)s against %(last)s, per school day.") % {
            "this": this_name,
            "last": last_name,
        }
    return trend


def _fmt(value):
    return "—" if value is None else formats.number_format(value, 2)


def _top(slug, caption, column, counted: list[tuple[str, int]], limit=8) -> Trend:
    counted = sorted(counted, key=lambda item: (-item[1], str(item[0])))[:limit]
    trend = Trend(
        slug=slug,
        caption=caption,
        columns=[column, _("Referrals")],
        rows=[[label, count] for label, count in counted],
    )
    trend.chart = horizontal_bars(slug, caption, [(str(k), v) for k, v in counted])
    return trend


def _hour_label(hour):
    if hour is None:
        return _("Time not recorded")
    return formats.time_format(datetime.time(hour), "TIME_FORMAT")


def big_five(user, year: SchoolYear | None) -> list[Trend]:
    """This school year's referrals by reason, location, time of day, student."""
    if year is None:
        return []
    referrals = _school_referrals(user).filter(incident_date__range=(year.first_day, year.last_day))
    through = Referral.reasons.through.objects.filter(referral__in=referrals.values("pk"))
    by_reason = [
        (f"{row['reasoncode__code']} {_(row['reasoncode__title'])}", row["n"])
        for row in through.values("reasoncode__code", "reasoncode__title").annotate(n=Count("pk"))
    ]
    by_location = [
        (row["location__label"], row["n"])
        for row in referrals.values("location__label").annotate(n=Count("pk"))
    ]
    hours = Counter(
        t.hour if t else None for t in referrals.values_list("incident_time", flat=True)
    )
    by_hour = sorted(hours.items(), key=lambda item: (item[0] is None, item[0] or 0))
    by_student = [
        (f"{row['student__first_name']} {row['student__last_name']}", row["n"])
        for row in referrals.values("student__first_name", "student__last_name", "student")
        .annotate(n=Count("pk"))
        .order_by("-n")[:8]
    ]
    time_trend = Trend(
        slug="time",
        caption=_("By time of day"),
        columns=[_("Hour"), _("Referrals")],
        rows=[[_hour_label(h), n] for h, n in by_hour],
    )
    time_trend.chart = horizontal_bars(
        "time", time_trend.caption, [(_hour_label(h), n) for h, n in by_hour]
    )
    return [
        _top("reason", _("By reason"), _("Reason"), by_reason),
        _top("location", _("By location"), _("Location"), by_location),
        time_trend,
        _top("student", _("By student"), _("Student"), by_student),
    ]


AGE_BUCKETS = [(0, 2), (3, 5), (6, 10), (11, 20), (21, None)]


def _age_label(low, high):
    if high is None:
        return _("%(low)s days or more") % {"low": low}
    return _("%(low)s to %(high)s days") % {"low": low, "high": high}


def _by_age(slug, caption, days: list[int]) -> Trend:
    counted = []
    for low, high in AGE_BUCKETS:
        n = sum(1 for d in days if d >= low and (high is None or d <= high))
        counted.append((_age_label(low, high), n))
    trend = Trend(
        slug=slug, caption=caption, columns=[_("Age"), _("Count")], rows=[list(c) for c in counted]
    )
    trend.chart = horizontal_bars(slug, caption, counted) if any(n for _l, n in counted) else None
    return trend


def open_referrals_by_age(user, today: datetime.date) -> Trend:
    dates = (
        _school_referrals(user)
        .filter(status=ReferralStatus.OPEN)
        .values_list("referred_on", flat=True)
    )
    return _by_age(
        "open-age",
        _("Open referrals by age (calendar days since the referral)"),
        [(today - d).days for d in dates],
    )


# --- support staff --------------------------------------------------------------------------

FOLLOW_UP_EVERY_DAYS = 14


def open_interventions(user):
    return (
        Intervention.objects.for_user(user)
        .valid()
        .filter(ended_on__isnull=True, outcome=InterventionOutcome.IN_PROGRESS)
    )


def open_interventions_by_age(user, today: datetime.date) -> Trend:
    return _by_age(
        "intervention-age",
        _("Open interventions by age (calendar days since they started)"),
        [(today - d).days for d in open_interventions(user).values_list("started_on", flat=True)],
    )


def interventions_due_for_follow_up(user, today: datetime.date):
    """Open interventions with no follow-up entry in the last 14 days (and
    started more than 14 days ago), oldest first."""
    cutoff = today - datetime.timedelta(days=FOLLOW_UP_EVERY_DAYS)
    queryset = (
        open_interventions(user)
        .annotate(last_follow_up=Max("follow_ups__written_on"))
        .filter(started_on__lte=cutoff)
        .select_related("student", "intervention_type", "provider")
    )
    return [
        i
        for i in queryset.order_by("started_on", "pk")
        if i.last_follow_up is None or i.last_follow_up <= cutoff
    ]
