"""The facts the rules judge, loaded from the database in one place.

``student_facts(student_id, school_year)`` loads one student's facts under
the student's row lock, for a single write (the services call it inside their
transaction, so limits summed over the year — DAYS20, MDR — hold when two
administrators save at the same moment). ``student_facts_bulk(student_ids,
school_year)`` loads many students' facts at once in a fixed number of
queries per batch of ``BATCH`` students (14 today), for the import, the
synthetic district generator and ``check_invariants``::

    facts = student_facts_bulk(student_ids, school_year)   # {student pk: StudentFacts}
    rules.judge_suspension(facts[pk], rules.SuspensionProposal(...))

A single write pays for every query it makes: ``facts_for_write`` (the
services' path) and ``student_facts`` read one student's facts in one
``UNION ALL`` beside the student's row and the school years (three queries
in all, whatever the student's history); a test holds them equal to the bulk
path's facts.

Every record read here is a valid one (voided records count for nothing),
except the referrals themselves, whose ``voided`` flag is kept so a write on
a voided referral can be refused.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from types import MappingProxyType

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from discipline.models import (
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    PlacementDecision,
    ReasonCode,
    Referral,
    SafetyFinding,
    Suspension,
    Transfer,
    TransferKind,
)
from discipline.rules import (
    EnrollmentFact,
    ExpulsionFact,
    InterventionFact,
    Limits,
    Reason,
    ReferralFacts,
    SchoolYearFact,
    StudentFacts,
    SuspensionFact,
)
from interventions.models import Intervention
from people.calendar import SchoolCalendar, school_calendar
from people.ids import IdArray
from people.models import (
    Disability,
    Enrollment,
    NonInstructionalDay,
    Role,
    School,
    SchoolYear,
    Student,
    User,
)

BATCH = 2000


def lock_student(student_id) -> Student:
    """Take the student's row lock for the rest of the transaction; the
    student's row, read under the lock, is returned.

    Every write judged by the rules takes it before loading the facts, so
    writes for one student are serialized on PostgreSQL (SELECT ... FOR
    UPDATE). SQLite serializes writers itself (IMMEDIATE transactions).
    """
    return Student.objects.select_for_update().get(pk=student_id)


def school_year_fact(year: SchoolYear | None) -> SchoolYearFact | None:
    if year is None:
        return None
    return SchoolYearFact(year.pk, year.name, year.first_day, year.last_day)


def reason_catalog() -> dict[int, Reason]:
    """Every reason code, as the rules see it (one query)."""
    return {code.pk: Reason.of(code) for code in ReasonCode.objects.all()}


def student_facts(
    student_id, school_year: SchoolYear | None, *, referral_ids=(), lock=True
) -> StudentFacts:
    """One student's facts for ``school_year``, under the student's row lock.

    ``referral_ids`` adds referrals of another year (an outcome dated in a
    later year than its incident). Call inside ``transaction.atomic()``.
    """
    student = lock_student(student_id) if lock else Student.objects.get(pk=student_id)
    return _load_one(student, school_year, _school_years(), referral_ids)


def student_facts_of(student: Student, school_year: SchoolYear | None) -> StudentFacts:
    """The facts of a student whose row is in hand, for a page (no lock): the
    school years and one query."""
    return _load_one(student, school_year, _school_years(), ())


def facts_for_write(student_id, day, *, referral_ids=(), school_year=None, student=None):
    """What one write needs, under the student's row lock, in three queries:
    the student's row (``SELECT ... FOR UPDATE``), the school years, and one
    ``UNION ALL`` of everything else (the calendar's closed days, the
    referrals with their reasons and outcomes, suspensions, enrollments,
    expulsions, opportunity transfers, interventions).

    Returns ``(student, school_year, facts)``: the school year is the one
    containing ``day`` unless ``school_year`` is given. ``student`` is a row
    the caller already locked in this transaction (the lock is not taken
    again). Call inside ``transaction.atomic()``.
    """
    if student is None:
        student = lock_student(student_id)
    years = _school_years()
    if school_year is None and day is not None:
        school_year = _containing(years, day)
    return student, school_year, _load_one(student, school_year, years, referral_ids)


def _school_years():
    return list(SchoolYear.objects.order_by("first_day"))


def _containing(years, day):
    """``SchoolYear.containing(day)`` over rows already loaded."""
    found = [y for y in years if y.first_day <= day <= y.last_day]
    return max(found, key=lambda y: y.first_day, default=None)


def _day(value):
    """A date from a raw row (SQLite answers ISO text, PostgreSQL a date)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


_NULL_INT = "CAST(NULL AS bigint)"
_NULL_TEXT = "CAST(NULL AS text)"
_NULL_DATE = "CAST(NULL AS date)"


def _one_student_sql(year, referral_ids):
    """One UNION ALL for one student's facts (the single-write path).

    Every branch has the same columns: (tag, i1, i2, i3, i4, s1, s2, d1, d2).
    """
    q = connection.ops.quote_name

    def t(model):
        return q(model._meta.db_table)

    ni, nt, nd = _NULL_INT, _NULL_TEXT, _NULL_DATE
    params = []
    referral_where = "r.student_id = %s"
    params_referral = []
    if year is not None and not referral_ids:
        referral_where += " AND r.incident_date >= %s AND r.incident_date <= %s"
        params_referral = [year.first_day, year.last_day]
    flags = " + ".join(f"(CASE WHEN c.{name} THEN {bit} ELSE 0 END)" for name, bit in _REASON_FLAGS)
    branches = [
        (
            f"SELECT 'closed', {ni}, {ni}, {ni}, {ni}, {nt}, {nt}, d.date, {nd} "
            f"FROM {t(NonInstructionalDay)} d",
            [],
        ),
        (
            "SELECT 'referral', r.id, r.school_id, r.grade, "
            "CASE WHEN r.voided_at IS NULL THEN 0 ELSE 1 END, r.status, "
            f"{nt}, r.incident_date, r.referred_on FROM {t(Referral)} r WHERE {referral_where}",
            ["STUDENT", *params_referral],
        ),
        (
            f"SELECT 'reason', rr.referral_id, c.id, c.category, {flags}, c.code, {nt}, "
            f"{nd}, {nd} FROM {t(Referral.reasons.through)} rr "
            f"JOIN {t(Referral)} r ON r.id = rr.referral_id "
            f"JOIN {t(ReasonCode)} c ON c.id = rr.reasoncode_id WHERE {referral_where}",
            ["STUDENT", *params_referral],
        ),
        *(
            (
                f"SELECT '{name}', referral_id, {ni}, {ni}, {ni}, {status}, {nt}, {nd}, {nd} "
                f"FROM {t(model)} WHERE student_id = %s AND voided_at IS NULL",
                ["STUDENT"],
            )
            for model, name, status in (
                (ExpulsionFinding, "expulsion_findings", nt),
                (SafetyFinding, "safety_findings", nt),
                (PlacementDecision, "placement_decisions", nt),
                (ExpulsionRecommendation, "recommendations", "status"),
            )
        ),
        (
            "SELECT 'suspension', s.id, s.referral_id, s.school_year_id, s.school_days, s.kind, "
            f"u.role, s.start_date, {nd} FROM {t(Suspension)} s "
            f"LEFT JOIN {t(User)} u ON u.id = s.decided_by_id "
            "WHERE s.student_id = %s AND s.voided_at IS NULL",
            ["STUDENT"],
        ),
        (
            f"SELECT 'enrollment', id, school_id, grade, {ni}, {nt}, {nt}, start, {q('end')} "
            f"FROM {t(Enrollment)} WHERE student_id = %s",
            ["STUDENT"],
        ),
        (
            f"SELECT 'expulsion', e.id, e.school_id, {ni}, {ni}, sc.name, {nt}, e.starts_on, "
            f"e.ends_on FROM {t(Expulsion)} e JOIN {t(School)} sc ON sc.id = e.school_id "
            "WHERE e.student_id = %s AND e.voided_at IS NULL",
            ["STUDENT"],
        ),
    ]
    if year is not None:
        branches += [
            (
                f"SELECT 'opportunity', {ni}, {ni}, {ni}, {ni}, {nt}, {nt}, effective_date, {nd} "
                f"FROM {t(Transfer)} WHERE student_id = %s AND voided_at IS NULL "
                "AND kind = %s AND effective_date >= %s AND effective_date <= %s",
                ["STUDENT", TransferKind.OPPORTUNITY, year.first_day, year.last_day],
            ),
            (
                f"SELECT 'intervention', tier, {ni}, {ni}, {ni}, {nt}, {nt}, started_on, {nd} "
                f"FROM {t(Intervention)} WHERE student_id = %s AND voided_at IS NULL "
                "AND school_year_id = %s AND tier IN (2, 3)",
                ["STUDENT", year.pk],
            ),
        ]
    sql = " UNION ALL ".join(branch for branch, _ in branches)
    for _, branch_params in branches:
        params.extend(branch_params)
    return sql, params


_REASON_FLAGS = (
    ("grades_4_12_only", 1),
    ("suspension_not_expulsion", 2),
    ("admin_only", 4),
    ("requires_expulsion_recommendation", 8),
)


def _load_one(student, year, years, referral_ids):
    """One student's facts in one query (plus the school years, passed in).

    The same facts as ``student_facts_bulk([pk], year)[pk]`` (a test holds
    the two equal); this path exists because a single write pays for every
    query it makes, and the bulk path's fixed number per batch is 14.
    """
    sql, params = _one_student_sql(year, referral_ids)
    params = [student.pk if p == "STUDENT" else p for p in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    closed, referrals, codes, enrollments, expulsions = set(), [], defaultdict(list), [], []
    suspensions, of_referral, transfers, interventions = [], defaultdict(list), [], []
    counts = defaultdict(lambda: defaultdict(int))
    year_id = year.pk if year is not None else None
    for tag, i1, i2, i3, i4, s1, s2, d1, d2 in rows:
        if tag == "closed":
            closed.add(_day(d1))
        elif tag == "referral":
            referrals.append((i1, i2, i3, bool(i4), s1, _day(d1), _day(d2)))
        elif tag == "reason":
            codes[i1].append(
                Reason(
                    pk=i2,
                    code=s1,
                    category=i3,
                    **{name: bool(i4 & bit) for name, bit in _REASON_FLAGS},
                )
            )
        elif tag == "suspension":
            fact = SuspensionFact(
                pk=i1,
                referral_id=i2,
                kind=s1,
                school_year_id=i3,
                start_date=_day(d1),
                school_days=i4,
                decided_by_admin=s2 == Role.ADMINISTRATOR,
            )
            of_referral[fact.referral_id].append(fact)
            if fact.school_year_id == year_id:
                suspensions.append(fact)
        elif tag == "enrollment":
            enrollments.append(
                EnrollmentFact(pk=i1, school_id=i2, grade=i3, start=_day(d1), end=_day(d2))
            )
        elif tag == "expulsion":
            expulsions.append(ExpulsionFact(i1, i2, s1, _day(d1), _day(d2)))
        elif tag == "opportunity":
            transfers.append(_day(d1))
        elif tag == "intervention":
            interventions.append(InterventionFact(i1, _day(d1)))
        else:  # what a referral already has
            counts[i1][tag] += 1
            if tag == "recommendations" and s1 == "pending":
                counts[i1]["pending_recommendations"] += 1

    # The orders of the models' Meta.ordering, as the bulk path reads them.
    for facts in of_referral.values():
        facts.sort(key=lambda s: (s.start_date, s.pk), reverse=True)
    suspensions.sort(key=lambda s: (s.start_date, s.pk), reverse=True)
    enrollments.sort(key=lambda e: (e.start, e.pk), reverse=True)
    interventions.sort(key=lambda i: i.started_on, reverse=True)
    expulsions.sort(key=lambda e: e.pk)
    transfers.sort()
    return StudentFacts(
        student_id=student.pk,
        name=f"{student.first_name} {student.last_name}",
        has_iep_or_504=student.disability in (Disability.IEP, Disability.SECTION_504),
        enrollments=tuple(enrollments),
        suspensions=tuple(suspensions),
        opportunity_transfers=tuple(transfers),
        interventions=tuple(interventions),
        expulsions=tuple(expulsions),
        referrals=MappingProxyType(
            {
                pk: ReferralFacts(
                    pk=pk,
                    school_id=school_id,
                    incident_date=incident_date,
                    referred_on=referred_on,
                    status=status,
                    grade=grade,
                    voided=voided,
                    reasons=tuple(sorted(codes[pk], key=lambda r: r.code)),
                    suspensions=tuple(of_referral[pk]),
                    **counts[pk],
                )
                for pk, school_id, grade, voided, status, incident_date, referred_on in referrals
            }
        ),
        today=timezone.localdate(),
        calendar=SchoolCalendar(
            years=tuple((y.first_day, y.last_day) for y in years), closed=frozenset(closed)
        ),
        limits=Limits.from_settings(settings.DISCIPLINE),
        school_year=school_year_fact(year),
    )


def student_facts_bulk(
    student_ids,
    school_year: SchoolYear | None,
    *,
    referral_ids=(),
    calendar: SchoolCalendar | None = None,
    reasons: dict[int, Reason] | None = None,
) -> dict[int, StudentFacts]:
    """Facts for many students of one school year: {student pk: StudentFacts}.

    A fixed number of queries per ``BATCH`` students (the calendar and the
    reason catalog are read once per call, or passed in to share them
    between calls). Takes no lock: for judging proposals in bulk, e.g. the
    SIS import or the synthetic district generator, and for checking what is
    stored.
    """
    ids = list(dict.fromkeys(student_ids))
    calendar = calendar if calendar is not None else school_calendar()
    reasons = reasons if reasons is not None else reason_catalog()
    common = {
        "today": timezone.localdate(),
        "calendar": calendar,
        "limits": Limits.from_settings(settings.DISCIPLINE),
        "school_year": school_year_fact(school_year),
    }
    found = {}
    for start in range(0, len(ids), BATCH):
        found.update(_load(ids[start : start + BATCH], school_year, referral_ids, reasons, common))
    return found


def _load(ids, year, referral_ids, reasons, common):
    ids = IdArray(ids)
    by_student = defaultdict(lambda: defaultdict(list))

    # Referrals of the year, with their reasons, and the referrals asked for
    # (an outcome dated in a later year than its incident). Ids go in as one
    # array (``in_ids``, people.ids): Django builds a 2,000-id IN list slower
    # than the database runs the query.
    referral_filter = Q(student_id__in_ids=ids)
    if year is not None:
        in_year = Q(incident_date__gte=year.first_day, incident_date__lte=year.last_day)
        asked = [pk for pk in referral_ids if pk]
        referral_filter &= (in_year | Q(pk__in_ids=IdArray(asked))) if asked else in_year
    referral_rows = list(
        Referral.objects.filter(referral_filter).values_list(
            "pk", "student_id", "school_id", "incident_date", "referred_on", "status", "grade",
            "voided_at",
        )
    )  # fmt: skip
    codes = defaultdict(list)
    if referral_rows:
        through = Referral.reasons.through.objects.filter(
            referral_id__in_ids=IdArray([row[0] for row in referral_rows])
        )
        for referral_id, code_id in through.values_list("referral_id", "reasoncode_id"):
            codes[referral_id].append(reasons[code_id])

    # What each referral already has (valid records only).
    counts = defaultdict(lambda: defaultdict(int))
    for model, name in (
        (ExpulsionFinding, "expulsion_findings"),
        (SafetyFinding, "safety_findings"),
        (PlacementDecision, "placement_decisions"),
    ):
        for referral_id in (
            model.objects.valid()
            .filter(student_id__in_ids=ids)
            .values_list("referral_id", flat=True)
            .order_by()
        ):
            counts[referral_id][name] += 1
    for referral_id, status in (
        ExpulsionRecommendation.objects.valid()
        .filter(student_id__in_ids=ids)
        .values_list("referral_id", "status")
    ):
        counts[referral_id]["recommendations"] += 1
        if status == "pending":
            counts[referral_id]["pending_recommendations"] += 1

    # Suspensions: the year's count toward the limits; a referral's own are
    # judged again when its reasons change.
    of_referral = defaultdict(list)
    year_id = year.pk if year is not None else None
    for row in (
        Suspension.objects.valid()
        .filter(student_id__in_ids=ids)
        .values_list(
            "pk", "student_id", "referral_id", "kind", "school_year_id", "start_date",
            "school_days", "decided_by__role",
        )
    ):  # fmt: skip
        fact = SuspensionFact(
            pk=row[0],
            referral_id=row[2],
            kind=row[3],
            school_year_id=row[4],
            start_date=row[5],
            school_days=row[6],
            decided_by_admin=row[7] == Role.ADMINISTRATOR,
        )
        of_referral[fact.referral_id].append(fact)
        if fact.school_year_id == year_id:
            by_student[row[1]]["suspensions"].append(fact)

    for row in referral_rows:
        pk, student_id = row[0], row[1]
        by_student[student_id]["referrals"].append(
            ReferralFacts(
                pk=pk,
                school_id=row[2],
                incident_date=row[3],
                referred_on=row[4],
                status=row[5],
                grade=row[6],
                voided=row[7] is not None,
                reasons=tuple(sorted(codes[pk], key=lambda r: r.code)),
                suspensions=tuple(of_referral[pk]),
                **counts[pk],
            )
        )

    for row in Enrollment.objects.filter(student_id__in_ids=ids).values_list(
        "pk", "student_id", "school_id", "grade", "start", "end"
    ):
        by_student[row[1]]["enrollments"].append(
            EnrollmentFact(pk=row[0], school_id=row[2], grade=row[3], start=row[4], end=row[5])
        )
    for row in (
        Expulsion.objects.valid()
        .filter(student_id__in_ids=ids)
        .values_list("pk", "student_id", "school_id", "school__name", "starts_on", "ends_on")
    ):
        by_student[row[1]]["expulsions"].append(
            ExpulsionFact(row[0], row[2], row[3], row[4], row[5])
        )
    if year is not None:
        for student_id, day in (
            Transfer.objects.valid()
            .filter(
                student_id__in_ids=ids,
                kind=TransferKind.OPPORTUNITY,
                effective_date__gte=year.first_day,
                effective_date__lte=year.last_day,
            )
            .values_list("student_id", "effective_date")
        ):
            by_student[student_id]["opportunity_transfers"].append(day)
        for student_id, tier, started_on in (
            Intervention.objects.valid()
            .filter(student_id__in_ids=ids, school_year=year, tier__in=(2, 3))
            .values_list("student_id", "tier", "started_on")
        ):
            by_student[student_id]["interventions"].append(InterventionFact(tier, started_on))

    facts = {}
    for pk, first, last, disability in Student.objects.filter(pk__in_ids=ids).values_list(
        "pk", "first_name", "last_name", "disability"
    ):
        mine = by_student[pk]
        facts[pk] = StudentFacts(
            student_id=pk,
            name=f"{first} {last}",
            has_iep_or_504=disability in (Disability.IEP, Disability.SECTION_504),
            enrollments=tuple(mine["enrollments"]),
            suspensions=tuple(mine["suspensions"]),
            opportunity_transfers=tuple(mine["opportunity_transfers"]),
            interventions=tuple(mine["interventions"]),
            expulsions=tuple(mine["expulsions"]),
            referrals=MappingProxyType({r.pk: r for r in mine["referrals"]}),
            **common,
        )
    return facts
