"""The numbers of the monthly public publication (SPEC section 5): reads only.

For every school, region (service area) and the District, and for a month and the
trailing 3 and 12 months ending with it, the publication counts nine kinds of
event, each as events and as unduplicated students, the instructional days they
cost, and the cumulative enrollment that rates are computed on; each in total and
by race/ethnicity, English learner status, disability, gender, socioeconomic status
and offense.

Every number is a *cell* named by a string key (see :func:`cell_key`), which is
also how :mod:`reporting.suppression` and the stored publication know it. The
counting is done by the database: a handful of aggregate queries per window over
one derived table of events (suspensions, transfers, expulsions and
law-enforcement contacts put side by side), each grouped by unit, measure and
category (``COUNT(*)``, ``COUNT(DISTINCT student)``, ``SUM(days)``), never a query
per school.

Definitions (the README's "What is published" repeats them):

* an event counts in the month of its start (suspension), effective (transfer),
  start (expulsion) or occurrence (law-enforcement contact) date; voided records
  never count; a teacher's suspension from class (E.C. 48910) is not a suspension
  from school and is not published;
* an event's offense is the most serious reason code of its referral (lowest
  category, then catalog order), as CDE's DataQuest reports "most serious
  offense", so that offenses partition the events;
* days lost: a suspension's school days, a transfer's, an expulsion's and a
  law-enforcement contact's days lost; ADA lost: days lost times the ADA daily rate
  of the school year of the publication month (one rate per window, so that ADA
  says nothing days lost does not);
* enrollment: the students with an enrollment at one of the unit's schools that
  overlaps the window (cumulative enrollment); rate: unduplicated students per 100
  enrolled in the same unit, window and subgroup (for an offense: per 100 enrolled
  in the unit).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from discipline.models import (
    Expulsion,
    LawEnforcementContact,
    LawEnforcementKind,
    ReasonCode,
    Suspension,
    SuspensionKind,
    Transfer,
    TransferKind,
)
from people.models import (
    Disability,
    Enrollment,
    Gender,
    RaceEthnicity,
    Region,
    ReportingUnit,
    School,
    SchoolYear,
    Student,
    UnitMembership,
)

# --- what is counted ------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    slug: str
    label: str
    label_short: str


MEASURES = [
    Measure("iss", _("In-school suspensions"), _("In-school suspension")),
    Measure("oss", _("Out-of-school suspensions"), _("Out-of-school suspension")),
    Measure("invol", _("Involuntary transfers"), _("Involuntary transfer")),
    Measure("opp", _("Opportunity transfers"), _("Opportunity transfer")),
    Measure("exp", _("Expulsions"), _("Expulsion")),
    Measure("cit", _("Citations"), _("Citation")),
    Measure("pc", _("Police complaints"), _("Police complaint")),
    Measure("arr", _("Arrests"), _("Arrest")),
    Measure("sba", _("School-based arrests"), _("School-based arrest")),
    Measure("all", _("Any of these actions"), _("Any action")),
]
MEASURE = {m.slug: m for m in MEASURES}
#: The measures whose events make up "all": school-based arrests are among the arrests.
PARTS_OF_ALL = ("iss", "oss", "invol", "opp", "exp", "cit", "pc", "arr")

#: Cumulative enrollment is published as its own "measure", with the one stat "n".
ENROLLED = "enrolled"

EVENTS, STUDENTS, DAYS, ENROLLMENT = "ev", "st", "dy", "n"
RATE, ADA = "rate", "ada"
COUNT_STATS = (EVENTS, STUDENTS)
#: Stats that add up over schools and months (an event has one school and one date).
ADDITIVE_STATS = (EVENTS, DAYS)


@dataclass(frozen=True)
class Dimension:
    slug: str
    label: str
    categories: tuple[tuple[str, str], ...]  # (value, label); offense: filled per publication


TOTAL = "all"
YES_NO = (("yes", _("Yes")), ("no", _("No")))
DIMENSIONS = [
    Dimension(TOTAL, _("All students"), ((TOTAL, _("All students")),)),
    Dimension("race", _("Race/ethnicity"), tuple(RaceEthnicity.choices)),
    Dimension("el", _("English learner"), YES_NO),
    Dimension(
        "dis",
        _("Disability"),
        (
            (Disability.IEP, _("IEP")),
            (Disability.SECTION_504, _("504 plan")),
            (Disability.NONE, pgettext_lazy("disability", "None")),
        ),
    ),
    Dimension("gender", _("Gender"), tuple(Gender.choices)),
    Dimension("ses", _("Socioeconomically disadvantaged"), YES_NO),
    Dimension("off", _("Offense (most serious reason code)"), ()),
]
DIMENSION = {d.slug: d for d in DIMENSIONS}
OFFENSE = "off"
#: The breakdowns of students and of enrollment: each student is in exactly one
#: category of each (offense is not a student attribute).
STUDENT_DIMENSIONS = ("race", "el", "dis", "gender", "ses")
BREAKDOWNS = (*STUDENT_DIMENSIONS, OFFENSE)


# --- months and windows ---------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(month: datetime.date) -> datetime.date:
    return add_months(month, 1) - datetime.timedelta(days=1)


def parse_month(text: str) -> datetime.date:
    """``"2026-10"`` -> ``date(2026, 10, 1)``; ValueError otherwise."""
    year, _sep, month = text.partition("-")
    if not (
        len(year) == 4
        and len(month) == 2
        and year.isascii()
        and year.isdigit()
        and month.isascii()
        and month.isdigit()
    ):
        raise ValueError(f"not a month (YYYY-MM): {text!r}")
    return datetime.date(int(year), int(month), 1)


def month_label(month: datetime.date) -> str:
    return f"{month:%Y-%m}"


WINDOW_KINDS = {"m": 1, "3m": 3, "12m": 12}


@dataclass(frozen=True, order=True)
class Window:
    """The ``length`` months ending with ``end`` (a first of month)."""

    end: datetime.date
    kind: str = "m"

    @property
    def length(self) -> int:
        return WINDOW_KINDS[self.kind]

    @property
    def months(self) -> list[datetime.date]:
        return [add_months(self.end, -i) for i in reversed(range(self.length))]

    @property
    def first_day(self) -> datetime.date:
        return add_months(self.end, 1 - self.length)

    @property
    def last_day(self) -> datetime.date:
        return month_end(self.end)

    @property
    def key(self) -> str:
        return f"{self.kind}:{month_label(self.end)}"

    @classmethod
    def parse(cls, key: str) -> Window:
        kind, _sep, month = key.partition(":")
        if kind not in WINDOW_KINDS:
            raise ValueError(f"not a window: {key!r}")
        return cls(parse_month(month), kind)


def publication_windows(month: datetime.date) -> list[Window]:
    """What a publication for ``month`` shows: the month, 3 and 12 months to it."""
    return [Window(month, kind) for kind in WINDOW_KINDS]


# --- cells ----------------------------------------------------------------------


DISTRICT = "district"


def cell_key(unit: str, window: str, measure: str, stat: str, dim=TOTAL, cat=TOTAL) -> str:
    """``"school:1001|m:2026-10|oss|st|race|black"``: one published number."""
    return f"{unit}|{window}|{measure}|{stat}|{dim}|{cat}"


@dataclass(frozen=True)
class Cell:
    unit: str
    window: str
    measure: str
    stat: str
    dim: str
    cat: str

    @classmethod
    def parse(cls, key: str) -> Cell:
        """The one place a cell key is taken apart (:func:`cell_key` puts it together)."""
        return cls(*key.split("|"))

    def key(self, **changes) -> str:
        fields = {**self.__dict__, **changes}
        return cell_key(**fields)


@dataclass
class Units:
    """The district's schools and reporting units as publication units, read once.

    A month is read by the units of that month (issue 14): a school's region-level
    unit in a month is its ``UnitMembership`` in force on the month's first day (a
    region, or a Local District in older years), else its current region's unit. A
    window (3 or 12 months) is read by the units of its last month, so that each
    publication's tables add up: a unit is the sum of its schools in every window.

    Unit keys: ``"region:<region code>"`` for a unit that mirrors a region (the keys
    publications always had), ``"region:<unit code>"`` for a Local District.
    """

    school_key: dict[int, str]
    unit_key: dict[int, str]
    names: dict[str, str]
    #: school id -> the unit of its current region
    current_unit: dict[int, int]
    #: (school id, unit id, start, end) of every membership
    memberships: list[tuple[int, int, datetime.date | None, datetime.date | None]]
    #: unit ids of Local Districts (units that mirror no region)
    local_districts: frozenset[int] = frozenset()
    _by_day: dict = field(default_factory=dict, repr=False)
    _regions: dict = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls) -> Units:
        """Four queries: regions, units, schools, memberships."""
        unit_key, names, unit_of_region, local = {}, {DISTRICT: "District"}, {}, set()
        for region in Region.objects.all():
            # A region with no unit (one loaded raw, without its signal) stands for
            # itself, as ``-region id`` (the queries read it the same way).
            unit_of_region[region.pk] = -region.pk
            unit_key[-region.pk] = f"region:{region.code}"
            names[unit_key[-region.pk]] = region.name
        taken = set(unit_key.values())
        units = ReportingUnit.objects.select_related("region").order_by("region", "pk")
        for unit in units:
            if unit.region_id is not None:
                key, name = f"region:{unit.region.code}", unit.region.name
                del unit_key[-unit.region_id]
                unit_of_region[unit.region_id] = unit.pk
            else:
                key, name = f"region:{unit.code}", unit.name
                local.add(unit.pk)
                if key in taken:  # a Local District coded like a region
                    key = f"region:{unit.code}-{unit.pk}"
            taken.add(key)
            unit_key[unit.pk] = key
            names[key] = name
        school_key, current_unit = {}, {}
        for pk, code, name, region in School.objects.order_by("name", "code").values_list(
            "pk", "code", "name", "region"
        ):
            school_key[pk] = f"school:{code}"
            current_unit[pk] = unit_of_region[region]
            names[school_key[pk]] = name
        memberships = list(UnitMembership.objects.values_list("school", "unit", "start", "end"))
        return cls(school_key, unit_key, names, current_unit, memberships, frozenset(local))

    def school_units(self, day: datetime.date) -> dict[int, int]:
        """school id -> unit id on ``day``: the membership in force (the lowest unit
        id should two overlap, as the queries read it), else the current region's."""
        if day not in self._by_day:
            units = dict(self.current_unit)
            in_force: dict[int, int] = {}
            for school, unit, start, end in self.memberships:
                if (start is None or start <= day) and (end is None or end >= day):
                    in_force[school] = min(unit, in_force.get(school, unit))
            units.update(in_force)
            self._by_day[day] = units
        return self._by_day[day]

    def regions(self, month: datetime.date) -> dict[str, list[str]]:
        """Region-level unit key -> its schools' keys, in ``month``. The same object
        for two months whose units are the same (relations compare them by identity)."""
        month = month_start(month)
        if month not in self._regions:
            members: dict[str, list[str]] = defaultdict(list)
            for school, unit in self.school_units(month).items():
                if unit in self.unit_key:
                    members[self.unit_key[unit]].append(self.school_key[school])
            in_local = any(u in self.local_districts for u in self.school_units(month).values())
            # A month read by regions lists every region; one read by Local Districts,
            # the units in use.
            for unit, key in self.unit_key.items():
                if unit not in self.local_districts and not in_local:
                    members.setdefault(key, [])
            found = {
                key: sorted(schools, key=lambda k: (self.names[k], k))
                for key, schools in sorted(members.items())
            }
            for known in self._regions.values():
                if known == found:
                    found = known
                    break
            self._regions[month] = found
        return self._regions[month]

    def regions_of_window(self, window: str) -> dict[str, list[str]]:
        """The regions of the window (or span of months) keyed ``window``: those of
        its last month."""
        return self.regions(window_units_month(window))

    def catalog(self, month: datetime.date) -> dict:
        """The units of ``month`` as stored with its publication (names frozen with it)."""
        regions = self.regions(month)
        school_region = {s: r for r, schools in regions.items() for s in schools}
        return {
            "district": {"name": self.names[DISTRICT], "regions": sorted(regions)},
            "regions": {
                key: {"name": self.names[key], "schools": list(schools)}
                for key, schools in regions.items()
            },
            "schools": {
                key: {"name": self.names[key], "region": school_region[key]}
                for key in self.school_key.values()
                if key in school_region
            },
        }


def window_units_month(window: str) -> datetime.date:
    """The month whose units a window key is read by: its last month
    (``"12m:2024-03"`` and ``"m:2024-03"`` -> March 2024; ``"s:2024-01:2024-02"`` ->
    February 2024)."""
    return parse_month(window.rsplit(":", 1)[1])


# --- the queries ------------------------------------------------------------------


def _most_serious_code():
    return Subquery(
        ReasonCode.objects.filter(referrals=OuterRef("referral_id"))
        .order_by("category", "position", "code")
        .values("code")[:1]
    )


def _events(model, measure, date_field, days_field, start, end, **filters):
    """One source of events, as rows (measure, school, student, date, days, offense)."""
    return (
        model.objects.filter(
            voided_at__isnull=True,
            **{f"{date_field}__gte": start, f"{date_field}__lte": end},
            **filters,
        )
        .annotate(
            ms=measure,
            sch=F("school_id"),
            stu=F("student_id"),
            day=F(date_field),
            n=F(days_field),
            off=_most_serious_code(),
        )
        .values("ms", "sch", "stu", "day", "n", "off")
        .order_by()
    )


def _code(value):
    return Value(value, output_field=CharField())


# (measure, model, date field, days field, filters)
Contact = LawEnforcementContact
_SOURCES = [
    ("iss", Suspension, "start_date", "school_days", {"kind": SuspensionKind.IN_SCHOOL}),
    ("oss", Suspension, "start_date", "school_days", {"kind": SuspensionKind.OUT_OF_SCHOOL}),
    ("invol", Transfer, "effective_date", "days_lost", {"kind": TransferKind.INVOLUNTARY}),
    ("opp", Transfer, "effective_date", "days_lost", {"kind": TransferKind.OPPORTUNITY}),
    ("exp", Expulsion, "starts_on", "days_lost", {}),
    ("cit", Contact, "occurred_on", "days_lost", {"kind": LawEnforcementKind.CITATION}),
    ("pc", Contact, "occurred_on", "days_lost", {"kind": LawEnforcementKind.POLICE_COMPLAINT}),
    ("arr", Contact, "occurred_on", "days_lost", {"kind": LawEnforcementKind.ARREST}),
    (
        "sba",
        Contact,
        "occurred_on",
        "days_lost",
        {"kind": LawEnforcementKind.ARREST, "school_based": True},
    ),
]


def events_sql(start: datetime.date, end: datetime.date) -> tuple[str, tuple]:
    """Every counted event with a date from ``start`` to ``end``, as one SQL table.

    Columns: ms (measure slug), sch (school id), stu (student id), day (its date),
    n (days lost), off (most serious reason code). A school-based arrest appears
    twice: as an arrest ("arr") and as a school-based arrest ("sba").
    """
    sources = [
        _events(model, _code(slug), date_field, days_field, start, end, **filters)
        for slug, model, date_field, days_field, filters in _SOURCES
    ]
    union = sources[0].union(*sources[1:], all=True)
    return union.query.sql_with_params()


def _q(name):
    return connection.ops.quote_name(name)


_LEVELS = ("school", "region", "district")


def _school_units_sql(windows: str) -> str:
    """(wk, sch, unit): each school's region-level unit in each window, read by the
    window's last month (``u0``, its first day): the membership in force that day,
    else the unit of the school's current region (``-region id`` if it has none).
    One row per window and school (the lowest unit id should two memberships
    overlap)."""
    school, unit = _q(School._meta.db_table), _q(ReportingUnit._meta.db_table)
    membership = _q(UnitMembership._meta.db_table)
    start, end = f"m.{_q('start')}", f"m.{_q('end')}"
    return (
        f"SELECT w2.wk AS wk, sc2.{_q('id')} AS sch, "
        f"COALESCE(MIN(m.{_q('unit_id')}), MIN(ru.{_q('id')}), -MIN(sc2.{_q('region_id')})) "
        "AS unit "
        f"FROM ({windows}) w2 CROSS JOIN {school} sc2 "
        f"LEFT JOIN {unit} ru ON ru.{_q('region_id')} = sc2.{_q('region_id')} "
        f"LEFT JOIN {membership} m ON m.{_q('school_id')} = sc2.{_q('id')} "
        f"AND ({start} IS NULL OR {start} <= w2.u0) AND ({end} IS NULL OR {end} >= w2.u0) "
        f"GROUP BY w2.wk, sc2.{_q('id')}"
    )


def _unit_join(level: str, windows: str, window_params: list, school_id: str, wk: str):
    """(unit column, extra join, its params) of a level: a school is itself, a
    region-level unit is read from the window's units, the District is one."""
    if level == "school":
        return school_id, "", []
    if level == "district":
        return "0", "", []
    join = f"JOIN ({_school_units_sql(windows)}) su ON su.wk = {wk} AND su.sch = {school_id} "
    return "su.unit", join, list(window_params)


def _unit_key(units: Units, level: str, value) -> str | None:
    if level == "school":
        return units.school_key.get(value)
    if level == "region":
        return units.unit_key.get(value)
    return DISTRICT


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


SpanLike = tuple[str, datetime.date, datetime.date]  # (window key, first day, last day)


def as_span(window: Window) -> SpanLike:
    return (window.key, window.first_day, window.last_day)


def month_spans(first: datetime.date, last: datetime.date) -> list[SpanLike]:
    """Each month from ``first`` to ``last`` as a window of its own."""
    spans, month = [], month_start(first)
    while month <= last:
        spans.append(as_span(Window(month)))
        month = add_months(month, 1)
    return spans


def _windows_table(spans: Sequence[SpanLike]) -> tuple[str, list]:
    """The windows as a table: key, first and last day, and ``u0``, the first day of
    the last month, whose units the window is read by."""
    sql = " UNION ALL ".join("SELECT %s AS wk, %s AS d0, %s AS d1, %s AS u0" for _ in spans)
    return sql, [value for span in spans for value in (*span, month_start(span[2]))]


def _student_categories(race, el, dis, gender, ses):
    """The (dimension, category) cells a student with these attributes counts in."""
    return (
        (TOTAL, TOTAL),
        ("race", race),
        ("el", "yes" if el else "no"),
        ("dis", dis),
        ("gender", gender),
        ("ses", "yes" if ses else "no"),
    )


#: The student's attributes, as columns of the student table (the order of
#: :func:`_student_categories`).
_STUDENT_COLUMNS = (
    "race_ethnicity",
    "english_learner",
    "disability",
    "gender",
    "socioeconomically_disadvantaged",
)

#: The events of a count, read once into a temporary table of the connection.
_EVENTS_TABLE = "reporting_counted_events"


def event_counts(units: Units, spans: Sequence[SpanLike]) -> dict[str, int]:
    """Events, unduplicated students and days lost of every unit, measure and category,
    in each of the windows ``spans`` (key, first day, last day); zero cells left out.

    The events (with their student's attributes and most serious offense) are read
    once into a temporary table; then per level (school, region, District) and for
    the measures and for "all" (students are unduplicated across measures) two
    grouped queries: by the student's attributes together, and by offense. Each
    student has one value of each attribute, so a category's unduplicated students
    are the sum over the attribute combinations that have it: no query is repeated
    per breakdown. An event counts in every window its date falls in, in its
    school's unit of the window's last month (:class:`Units`).
    """
    if not spans:
        return {}
    first = min(span[1] for span in spans)
    last = max(span[2] for span in spans)
    events, event_params = events_sql(first, last)
    windows, window_params = _windows_table(spans)
    student = _q(Student._meta.db_table)
    attributes = ", ".join(f"st.{_q(column)} AS a{i}" for i, column in enumerate(_STUDENT_COLUMNS))
    table = _q(_EVENTS_TABLE)
    cells: dict[str, int] = defaultdict(int)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {table} AS SELECT ev.ms, ev.sch, ev.stu, ev.day, "
            f"ev.n, COALESCE(ev.off, '?') AS off, {attributes} "
            f"FROM ({events}) ev JOIN {student} st ON st.{_q('id')} = ev.stu",
            event_params,
        )
    try:
        for level in _LEVELS:
            unit, unit_join, unit_params = _unit_join(
                level, windows, window_params, "ev.sch", "w.wk"
            )
            for measure_sql, where in (("ev.ms", ""), (f"'{TOTAL}'", "AND ev.ms <> 'sba'")):
                frm = (
                    f"FROM {table} ev "
                    f"JOIN ({windows}) w ON ev.day >= w.d0 AND ev.day <= w.d1 {where} "
                    f"{unit_join}"
                )
                params = (*window_params, *unit_params)
                counts = "COUNT(*), COUNT(DISTINCT ev.stu), SUM(ev.n)"
                by_attributes = _fetch(
                    f"SELECT {unit}, w.wk, {measure_sql}, ev.a0, ev.a1, ev.a2, ev.a3, ev.a4, "
                    f"{counts} {frm}GROUP BY 1, 2, 3, 4, 5, 6, 7, 8",
                    params,
                )
                for unit_id, window, measure, *student_values, n, k, days in by_attributes:
                    unit_key = _unit_key(units, level, unit_id)
                    if unit_key is None:
                        continue
                    for dim, cat in _student_categories(*student_values):
                        for stat, value in ((EVENTS, n), (STUDENTS, k), (DAYS, days)):
                            cells[cell_key(unit_key, window, measure, stat, dim, cat)] += int(
                                value or 0
                            )
                by_offense = _fetch(
                    f"SELECT {unit}, w.wk, {measure_sql}, ev.off, {counts} {frm}"
                    "GROUP BY 1, 2, 3, 4",
                    params,
                )
                for unit_id, window, measure, offense, n, k, days in by_offense:
                    unit_key = _unit_key(units, level, unit_id)
                    if unit_key is None:
                        continue
                    for stat, value in ((EVENTS, n), (STUDENTS, k), (DAYS, days)):
                        cells[cell_key(unit_key, window, measure, stat, OFFENSE, offense)] += int(
                            value or 0
                        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
    return {key: value for key, value in cells.items() if value}


def enrollment_counts(units: Units, windows: Sequence[Window]) -> dict[str, int]:
    """Cumulative enrollment: students enrolled at a unit's school at some time in
    each window, by unit (of the window's last month) and category.

    One query for the windows that end in the same month (a publication's month and
    its trailing 3 and 12 months): the enrollments are read once into distinct
    (school, student) pairs, with a flag per window (enrolled at some time in it) and
    the student's attributes; then counted per school, per region-level unit (a
    student at two of its schools once) and for the District, grouped by the
    attributes together: each student has one value of each, so a category's count
    is the sum over the combinations that have it.
    """
    by_units: dict[datetime.date, list[Window]] = defaultdict(list)
    for window in windows:
        by_units[window.end].append(window)
    cells: dict[str, int] = defaultdict(int)
    for group in by_units.values():
        for level, unit_id, student_values, counts in _enrollment_rows(group):
            unit_key = _unit_key(units, level, unit_id)
            if unit_key is None:
                continue
            for window, n in zip(group, counts, strict=True):
                for dim, cat in _student_categories(*student_values):
                    cells[cell_key(unit_key, window.key, ENROLLED, ENROLLMENT, dim, cat)] += n
    return {key: value for key, value in cells.items() if value}


def _enrollment_rows(windows: Sequence[Window]):
    """(level, unit id, attributes, count per window) of windows ending in one month."""
    enrollment = _q(Enrollment._meta.db_table)
    student = _q(Student._meta.db_table)
    start, end = f"e.{_q('start')}", f"e.{_q('end')}"
    overlaps = f"{start} <= %s AND ({end} IS NULL OR {end} >= %s)"
    flags = ", ".join(
        f"MAX(CASE WHEN {overlaps} THEN 1 ELSE 0 END) AS w{i}" for i in range(len(windows))
    )
    flag_params = [day for w in windows for day in (w.last_day, w.first_day)]
    attributes = ", ".join(f"st.{_q(column)} AS a{i}" for i, column in enumerate(_STUDENT_COLUMNS))
    combination = "a0, a1, a2, a3, a4"
    sums = ", ".join(f"SUM(w{i})" for i in range(len(windows)))
    maxima = ", ".join(f"MAX(q.w{i}) AS w{i}" for i in range(len(windows)))
    unit_windows, unit_params = _windows_table([as_span(windows[0])])
    sql = (
        f"WITH p AS (SELECT e.{_q('school_id')} AS sch, e.{_q('student_id')} AS stu, {flags} "
        f"FROM {enrollment} e WHERE {overlaps} GROUP BY 1, 2), "
        f"q AS (SELECT p.*, {attributes} FROM p JOIN {student} st ON st.{_q('id')} = p.stu) "
        f"SELECT 'school', sch, {combination}, {sums} FROM q GROUP BY sch, {combination} "
        f"UNION ALL SELECT 'region', unit, {combination}, {sums} FROM ("
        f"SELECT su.unit, q.stu, q.a0, q.a1, q.a2, q.a3, q.a4, {maxima} FROM q "
        f"JOIN ({_school_units_sql(unit_windows)}) su ON su.wk = %s AND su.sch = q.sch "
        f"GROUP BY su.unit, q.stu, q.a0, q.a1, q.a2, q.a3, q.a4) r GROUP BY unit, {combination} "
        f"UNION ALL SELECT 'district', 0, {combination}, {sums} FROM ("
        f"SELECT q.stu, q.a0, q.a1, q.a2, q.a3, q.a4, {maxima} FROM q "
        f"GROUP BY q.stu, q.a0, q.a1, q.a2, q.a3, q.a4) d GROUP BY {combination}"
    )
    last = max(w.last_day for w in windows)
    first = min(w.first_day for w in windows)
    params = (*flag_params, last, first, *unit_params, windows[0].key)
    for level, unit_id, *rest in _fetch(sql, params):
        yield level, unit_id, rest[:5], [int(n or 0) for n in rest[5:]]


def window_sums(month_cells: dict[str, int], months, window_key: str) -> dict[str, int]:
    """Events and days of a window (or any run of months) as the sum of its months
    (they add up; students do not: a student suspended in two months is one student)."""
    wanted = {f"m:{month_label(m)}" for m in months}
    sums: dict[str, int] = defaultdict(int)
    for key, value in month_cells.items():
        cell = Cell.parse(key)
        if cell.window in wanted and cell.stat in ADDITIVE_STATS:
            sums[cell.key(window=window_key)] += value
    return dict(sums)


# --- the publication's own numbers ------------------------------------------------------


def ada_daily_rate(month: datetime.date) -> Decimal | None:
    """The ADA rate ADA lost is valued at: the school year of the month, or the
    latest one that began before the month ended (a summer month)."""
    year = SchoolYear.containing(month_end(month)) or SchoolYear.containing(month)
    if year is None:
        year = SchoolYear.objects.filter(first_day__lte=month_end(month)).order_by("-first_day")
        year = year.first()
    return year.ada_daily_rate if year else None


def rate_per_100(count: int, enrolled: int) -> Decimal:
    return (Decimal(count) * 100 / Decimal(enrolled)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def ada_lost(days: int, rate: Decimal | None) -> Decimal | None:
    if rate is None:
        return None
    return (Decimal(days) * rate).quantize(Decimal("0.01"))


def offense_labels(codes) -> dict[str, str]:
    found = dict(ReasonCode.objects.filter(code__in=codes).values_list("code", "title"))
    return {code: found.get(code, code) for code in codes}


def month_values(month: datetime.date, units: Units | None = None) -> dict[str, int]:
    """Every count of the publication for ``month`` before suppression: events,
    students and days of the month and the trailing 3 and 12 months, and the
    enrollment of each (zero cells left out). Rates and ADA follow from these
    (:func:`rate_per_100`, :func:`ada_lost`), after suppression."""
    units = units or Units.load()
    cells: dict[str, int] = {}
    windows = publication_windows(month)
    cells.update(event_counts(units, [as_span(w) for w in windows]))
    cells.update(enrollment_counts(units, windows))
    return cells
