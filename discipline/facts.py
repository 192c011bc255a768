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

Every record read here is a valid one (voided records count for nothing),
except the referrals themselves, whose ``voided`` flag is kept so a write on
a voided referral can be refused.
"""

from __future__ import annotations

from collections import defaultdict
from types import MappingProxyType

from django.conf import settings
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
from people.models import Disability, Enrollment, Role, SchoolYear, Student

BATCH = 2000


def lock_student(student_id):
    """Take the student's row lock for the rest of the transaction.

    Every write judged by the rules takes it before loading the facts, so
    writes for one student are serialized on PostgreSQL (SELECT ... FOR
    UPDATE). SQLite serializes writers itself (IMMEDIATE transactions).
    """
    Student.objects.select_for_update().filter(pk=student_id).values_list("pk", flat=True).get()


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
    if lock:
        lock_student(student_id)
    return student_facts_bulk([student_id], school_year, referral_ids=referral_ids)[student_id]


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
