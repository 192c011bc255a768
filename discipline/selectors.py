"""Reads that are more than a filter: the referral queue, willful-defiance
follow-ups, students near the year's day limit, a student's history, what a
teacher may see of an outcome, the Discipline Matrix's alternatives for a
referral, a record's change history and the parent notice.

Every selector starts from ``Model.objects.for_user(user, ...)`` so that a
read never leaves the user's scope (SPEC section 2).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from discipline import rules
from discipline.facts import student_facts_bulk, student_facts_of
from discipline.models import (
    WILLFUL_DEFIANCE,
    AdministrativeAction,
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    LawEnforcementContact,
    PlacementDecision,
    ReasonCode,
    Referral,
    ReferralStatus,
    SafetyFinding,
    Suspension,
    Transfer,
)
from interventions.models import GradeBand, Intervention, InterventionOutcome, MatrixEntry
from people.calendar import Calendar, next_school_day, school_days_after
from people.models import Enrollment, SchoolYear, Student

# --- school year ---------------------------------------------------------------


def current_school_year(today: datetime.date) -> SchoolYear | None:
    """The school year containing ``today``, else the latest one already begun
    (in summer, "this year" is the year just ended)."""
    return (
        SchoolYear.containing(today)
        or SchoolYear.objects.filter(first_day__lte=today).order_by("-first_day").first()
    )


# --- students ------------------------------------------------------------------------


def with_current_grade(queryset):
    """Annotate each student's grade and school of their latest enrollment."""
    latest = Enrollment.objects.filter(student=OuterRef("pk")).order_by("-start", "-pk")
    return queryset.annotate(
        current_grade=Subquery(latest.values("grade")[:1]),
        current_school=Subquery(latest.values("school__name")[:1]),
    )


def grade_label(grade) -> str:
    if grade is None:
        return ""
    return {-1: "TK", 0: "K"}.get(grade, str(grade))


def student_search(user, text: str, *, limit: int = 20):
    """Students in scope whose district ID, first or last name begin with each
    word typed; nothing for fewer than 2 characters."""
    terms = text.split()[:4]
    if len(text.strip()) < 2 or not terms:
        return Student.objects.none()
    queryset = Student.objects.for_user(user)
    for term in terms:
        queryset = queryset.filter(
            Q(student_id__startswith=term)
            | Q(first_name__istartswith=term)
            | Q(last_name__istartswith=term)
        )
    return with_current_grade(queryset)[:limit]


# --- the whole incident --------------------------------------------------------


def incident_referrals(user, referral, action="view"):
    """The referrals of the same incident that the user may see (or change),
    this one included: the students of an incident as far as scope allows."""
    return (
        Referral.objects.for_user(user, action)
        .filter(incident_id=referral.incident_id)
        .select_related("student")
        .order_by("student__last_name", "student__first_name", "pk")
    )


# --- the referral queue --------------------------------------------------------


def referral_list(user):
    """The user's referrals with what a list row shows, in a fixed number of queries."""
    return (
        Referral.objects.for_user(user)
        .select_related("student", "school", "referred_by", "location")
        .prefetch_related("reasons")
    )


def referral_queue(user):
    """The queue's rows: only the columns a row shows (the referral, its
    student, school and referring staff member; its reasons prefetched), in a
    fixed number of queries whatever the number of rows."""
    return (
        Referral.objects.for_user(user)
        .select_related("student", "school", "referred_by")
        .only(
            "incident_date",
            "referred_on",
            "grade",
            "status",
            "voided_at",
            "school_id",
            "student_id",
            "referred_by_id",
            "student__first_name",
            "student__last_name",
            "student__student_id",
            "school__name",
            "referred_by__first_name",
            "referred_by__last_name",
            "referred_by__username",
        )
        .prefetch_related(Prefetch("reasons", queryset=ReasonCode.objects.only("code", "title")))
    )


# The outcomes of a referral, in the order a row lists them.
OUTCOME_RELATIONS = [
    ("suspensions", Suspension),
    ("transfers", Transfer),
    ("expulsionrecommendations", ExpulsionRecommendation),
    ("expulsions", Expulsion),
    ("lawenforcementcontacts", LawEnforcementContact),
    ("administrativeactions", AdministrativeAction),
]


def with_outcomes(queryset):
    """Prefetch the valid outcomes that ``referral_outcome_labels`` names."""
    prefetches = [
        Prefetch(name, queryset=model.objects.valid(), to_attr=f"valid_{name}")
        for name, model in OUTCOME_RELATIONS
    ]
    prefetches[-1] = Prefetch(
        "administrativeactions",
        queryset=AdministrativeAction.objects.valid().select_related("action"),
        to_attr="valid_administrativeactions",
    )
    prefetches.append(
        Prefetch(
            "interventions", queryset=Intervention.objects.valid(), to_attr="valid_interventions"
        )
    )
    return queryset.prefetch_related(*prefetches)


def referral_outcome_labels(referral) -> list[str]:
    """What became of a referral, as a teacher may see it: the kind of each
    outcome, never its dates, days, notes or reasons (SPEC section 2).

    Reads the prefetches of ``with_outcomes``: outcomes are outside a teacher's
    scope, so the referral (in scope) is the only way to them.
    """
    labels = []
    for suspension in referral.valid_suspensions:
        labels.append(suspension.get_kind_display())
    for transfer in referral.valid_transfers:
        labels.append(transfer.get_kind_display())
    if referral.valid_expulsionrecommendations:
        labels.append(_("Recommendation for expulsion"))
    if referral.valid_expulsions:
        labels.append(_("Expulsion"))
    for contact in referral.valid_lawenforcementcontacts:
        labels.append(contact.get_kind_display())
    for action in referral.valid_administrativeactions:
        labels.append(str(action.action))
    if referral.valid_interventions:
        labels.append(_("Intervention documented"))
    # The same kind twice says nothing more to the teacher.
    return list(dict.fromkeys(str(label) for label in labels))


# --- willful defiance follow-up ----------------------------------------------


def wd_follow_up_days() -> int:
    return settings.DISCIPLINE["WD_FOLLOW_UP_SCHOOL_DAYS"]


def wd_follow_up_due(referral) -> datetime.date:
    """The last school day to document an intervention for willful defiance:
    the 5th school day after the date of referral (Bill of Rights 2013)."""
    return school_days_after(referral.referred_on, wd_follow_up_days())


def _school_day_before(today: datetime.date, count: int) -> datetime.date | None:
    """The ``count``-th school day strictly before ``today``, or None."""
    span = count * 2 + 30
    for _attempt in range(4):
        start = today - datetime.timedelta(days=span)
        days = list(Calendar(start, today - datetime.timedelta(days=1)).days())
        if len(days) >= count:
            return days[-count]
        span += 365
    return None


def _has_willful_defiance():
    return Exists(
        Referral.reasons.through.objects.filter(
            referral_id=OuterRef("pk"), reasoncode__code=WILLFUL_DEFIANCE
        )
    )


def _has_follow_up():
    # Any valid intervention for the student since the incident, or one
    # recorded against this referral.
    return Exists(
        Intervention.objects.valid().filter(
            Q(referral_id=OuterRef("pk"))
            | Q(student_id=OuterRef("student_id"), started_on__gte=OuterRef("incident_date"))
        )
    )


def with_wd_follow_up(queryset, today: datetime.date):
    """Annotate ``wd``, ``wd_followed_up`` and ``wd_overdue`` on referrals.

    A referral is overdue when ``today`` is after ``wd_follow_up_due``, that is
    when at least 5 school days lie strictly between the date of referral and
    today: one calendar read for the whole queryset instead of one per row.
    """
    cutoff = _school_day_before(today, wd_follow_up_days())
    queryset = queryset.annotate(wd=_has_willful_defiance(), wd_followed_up=_has_follow_up())
    overdue = Q(wd=True, wd_followed_up=False, voided_at__isnull=True)
    if cutoff is None:
        overdue &= Q(pk__in=[])
    else:
        overdue &= Q(referred_on__lt=cutoff)
    return queryset.annotate(wd_overdue=ExpressionWrapper(overdue, output_field=BooleanField()))


def wd_follow_up_of(referrals, today: datetime.date) -> list:
    """Set ``wd``, ``wd_followed_up`` and ``wd_overdue`` on a page of referrals
    (their reasons prefetched) as ``with_wd_follow_up`` annotates them: one
    query for the interventions of the page's willful-defiance referrals (and
    the calendar when there is one) instead of two subqueries per row."""
    referrals = list(referrals)
    wd = [r for r in referrals if any(c.code == WILLFUL_DEFIANCE for c in r.reasons.all())]
    followed, cutoff = set(), None
    if wd:
        cutoff = _school_day_before(today, wd_follow_up_days())
        interventions = list(
            Intervention.objects.valid()
            .filter(
                Q(referral_id__in=[r.pk for r in wd]) | Q(student_id__in={r.student_id for r in wd})
            )
            .values_list("referral_id", "student_id", "started_on")
        )
        # By referral, and each student's latest start: one pass over each list
        # (an export's chunk holds thousands of referrals, not a page's fifty).
        of_referral, latest = set(), {}
        for referral_id, student_id, day in interventions:
            of_referral.add(referral_id)
            if student_id not in latest or day > latest[student_id]:
                latest[student_id] = day
        followed = {
            r.pk
            for r in wd
            if r.pk in of_referral
            or (r.student_id in latest and latest[r.student_id] >= r.incident_date)
        }
    wd_ids = {r.pk for r in wd}
    for r in referrals:
        r.wd = r.pk in wd_ids
        r.wd_followed_up = r.pk in followed
        r.wd_overdue = (
            r.wd
            and not r.wd_followed_up
            and r.voided_at is None
            and cutoff is not None
            and r.referred_on < cutoff
        )
    return referrals


def wd_followups_overdue(user, today: datetime.date):
    """Referrals for willful defiance with no intervention documented in time,
    annotated as ``with_wd_follow_up`` annotates them (``wd_overdue`` true).

    The same test as ``with_wd_follow_up``'s, written so that PostgreSQL can
    answer it for the whole district (issue 12: 218,000 willful-defiance
    referrals at full size, 20 s as one filter over the annotations, under 2 s
    so): the reason by its id (whose frequency the planner knows) rather than
    through a join on the code, and "no follow-up" as two separate NOT EXISTS
    (one per kind of follow-up), which the planner turns into anti-joins where
    one NOT EXISTS over an OR is checked referral by referral.
    """
    cutoff = _school_day_before(today, wd_follow_up_days())
    referrals = referral_list(user).valid()
    if cutoff is None:
        return with_wd_follow_up(referrals.none(), today)
    # Its id read first: a literal the planner finds in its statistics (a
    # subquery here made the count 3 to 4 times slower at full size).
    wd_ids = list(ReasonCode.objects.filter(code=WILLFUL_DEFIANCE).values_list("pk", flat=True))
    valid = Intervention.objects.valid()
    overdue = (
        referrals.filter(referred_on__lt=cutoff)
        .filter(
            Exists(
                Referral.reasons.through.objects.filter(
                    referral_id=OuterRef("pk"), reasoncode_id__in=wd_ids
                )
            )
        )
        .exclude(Exists(valid.filter(referral_id=OuterRef("pk"))))
        .exclude(
            Exists(
                valid.filter(
                    student_id=OuterRef("student_id"), started_on__gte=OuterRef("incident_date")
                )
            )
        )
    )
    # Every row is, by the filters above, what with_wd_follow_up would mark it.
    return overdue.annotate(
        wd=Value(True, BooleanField()),
        wd_followed_up=Value(False, BooleanField()),
        wd_overdue=Value(True, BooleanField()),
    ).order_by("referred_on", "pk")


# --- students near the year's day limit ---------------------------------------


#: "Approaching" the year's limit (E.C. 48903): this many days or fewer left.
NEAR_LIMIT_WITHIN_DAYS = 5


@dataclass
class DaysUsed:
    student: Student
    days: int
    limit: int
    school: str = ""

    @property
    def used(self):
        return self.days

    @property
    def left(self):
        return max(self.limit - self.days, 0)


def students_near_day_limit(
    user, school_year, *, within: int = NEAR_LIMIT_WITHIN_DAYS
) -> list[DaysUsed]:
    """The one list of students in scope whose suspension days this year are
    within ``within`` days of their 48903 limit (20, or 30 after an
    opportunity transfer), nearest first.

    A fixed number of queries whatever the number of students: the year's
    totals, then the candidates' facts in bulk (``discipline.facts``), which
    hold the one reading of what counts and of the limit.
    """
    if school_year is None:
        return []
    lowest_limit = min(
        settings.DISCIPLINE["MAX_DAYS_PER_YEAR"],
        settings.DISCIPLINE["MAX_DAYS_PER_YEAR_AFTER_OPPORTUNITY_TRANSFER"],
    )
    candidates = list(
        Suspension.objects.valid()
        .toward_year_limit()
        .filter(school_year=school_year, student__in=Student.objects.for_user(user).values("pk"))
        .values("student")
        .annotate(days=Sum("school_days"))
        .filter(days__gte=lowest_limit - within)
        .values_list("student", flat=True)
    )
    if not candidates:
        return []
    facts = student_facts_bulk(candidates, school_year)
    on = min(max(timezone.localdate(), school_year.first_day), school_year.last_day)
    schools = dict(
        Enrollment.objects.filter(student__in=candidates, start__lte=on)
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .order_by("start")
        .values_list("student", "school__name")
    )
    rows = [
        DaysUsed(student, facts[student.pk].year_days(), facts[student.pk].year_limit(),
                 schools.get(student.pk, ""))
        for student in Student.objects.filter(pk__in=candidates)
    ]  # fmt: skip
    return sorted((r for r in rows if r.left <= within), key=lambda r: (r.left, r.student.name))


def student_year_facts(student, school_year):
    """A student's facts for a page (no lock): days used and limit
    (``year_days()``, ``year_limit()``), alternatives on record
    (``alternatives_before(day)``)."""
    return student_facts_of(student, school_year)


# --- interventions ----------------------------------------------------------------


def open_interventions(user):
    return (
        Intervention.objects.for_user(user)
        .valid()
        .filter(ended_on__isnull=True, outcome=InterventionOutcome.IN_PROGRESS)
        .select_related("intervention_type", "provider", "school")
    )


def students_with_open_interventions(user):
    """Students in scope with at least one open intervention, each with them."""
    open_qs = open_interventions(user)
    return (
        Student.objects.for_user(user)
        .filter(pk__in=open_qs.values("student_id"))
        .prefetch_related(Prefetch("interventions", queryset=open_qs, to_attr="open_interventions"))
    )


def matrix_alternatives(referral) -> dict:
    """The Discipline Matrix's Tier II and Tier III alternatives for the
    referral's codes and the student's grade band (Attachment E), each listed
    once with the codes it answers."""
    band = GradeBand.for_grade(referral.grade if referral.grade is not None else 12)
    entries = (
        MatrixEntry.objects.filter(reason_code__in=referral.reasons.all(), grade_band=band)
        .select_related("intervention_type", "reason_code")
        .order_by("tier", "reason_code__position", "position")
    )
    tiers: dict[int, dict[int, dict]] = {2: {}, 3: {}}
    for entry in entries:
        item = tiers[entry.tier].setdefault(
            entry.intervention_type_id, {"type": entry.intervention_type, "codes": []}
        )
        item["codes"].append(entry.reason_code.code)
    return {
        "band": GradeBand(band).label,
        "tier2": list(tiers[2].values()),
        "tier3": list(tiers[3].values()),
    }


# --- one student's history ------------------------------------------------------


@dataclass
class StudentHistory:
    student: Student
    school_year: SchoolYear | None
    enrollment: Enrollment | None
    referrals: list
    interventions: list
    outcomes: dict[str, list]
    days_used: int = 0
    day_limit: int = 0
    tier2_this_year: int = 0
    tier3_this_year: int = 0
    placement_decisions: list = field(default_factory=list)

    @property
    def days_left(self):
        return max(self.day_limit - self.days_used, 0)


# What an outcome's label (``__str__``) reads beside its own row.
OUTCOME_LABEL_RELATIONS = {AdministrativeAction: ("action",)}


HISTORY_OUTCOMES = {
    "suspensions": Suspension,
    "transfers": Transfer,
    "expulsion_recommendations": ExpulsionRecommendation,
    "expulsion_findings": ExpulsionFinding,
    "expulsions": Expulsion,
    "law_enforcement_contacts": LawEnforcementContact,
    "safety_findings": SafetyFinding,
    "administrative_actions": AdministrativeAction,
}


def kinds_on_record(student, models: dict) -> set[str]:
    """The names in ``models`` (name -> model with a ``student``) of which the
    student has at least one row, voided or not, in any school: one query.

    Most students have two or three kinds of record of the ten a history
    shows; the history reads only those, each through the user's scope. This
    query is not scoped: it only spares the reads that would find nothing.
    """
    qn = connection.ops.quote_name
    parts, params = [], []
    for name, model in models.items():
        column = model._meta.get_field("student").column
        parts.append(
            f"SELECT %s WHERE EXISTS (SELECT 1 FROM {qn(model._meta.db_table)} "
            f"WHERE {qn(column)} = %s)"
        )
        params += [name, student.pk]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {name for (name,) in cursor.fetchall()}


def student_history_get(*, user, student, today: datetime.date) -> StudentHistory:
    year = current_school_year(today)
    present = kinds_on_record(
        student,
        {
            **HISTORY_OUTCOMES,
            "interventions": Intervention,
            "placement_decisions": PlacementDecision,
        },
    )
    # One query per kind of record the student has, whatever the number of
    # records (the exports read each record's referral and school too).
    outcomes = {
        name: list(
            model.objects.for_user(user)
            .filter(student=student)
            .select_related("referral", "school", *OUTCOME_LABEL_RELATIONS.get(model, ()))
        )
        if name in present
        else []
        for name, model in HISTORY_OUTCOMES.items()
    }
    interventions = []
    if "interventions" in present:
        interventions = list(
            Intervention.objects.for_user(user)
            .filter(student=student)
            .select_related("intervention_type", "provider", "school", "school_year")
        )
    placement_decisions = []
    if "placement_decisions" in present:
        placement_decisions = list(
            PlacementDecision.objects.for_user(user)
            .filter(student=student)
            .select_related("referral")
        )
    history = StudentHistory(
        student=student,
        school_year=year,
        enrollment=student.enrollment_on(today)
        or student.enrollments.select_related("school").first(),
        referrals=list(referral_list(user).filter(student=student)),
        interventions=interventions,
        outcomes=outcomes,
        placement_decisions=placement_decisions,
    )
    if year is not None:
        facts = student_facts_of(student, year)
        history.days_used = facts.year_days()
        history.day_limit = facts.year_limit()
        history.tier2_this_year, history.tier3_this_year = facts.alternatives_before(year.last_day)
    return history


# --- change history ---------------------------------------------------------------


@dataclass
class Change:
    when: datetime.datetime
    who: object
    record: str
    kind: str
    changes: list = field(default_factory=list)


# Record and field names in the change history, in the reader's language:
# the models' verbose names are not translated.
RECORD_NAMES = {
    "Referral": gettext_lazy("Referral"),
    "Intervention": gettext_lazy("Intervention"),
    "Suspension": gettext_lazy("Suspension"),
    "Transfer": gettext_lazy("Transfer"),
    "ExpulsionRecommendation": gettext_lazy("Recommendation for expulsion"),
    "ExpulsionFinding": gettext_lazy("Finding that expulsion is inappropriate"),
    "Expulsion": gettext_lazy("Expulsion"),
    "LawEnforcementContact": gettext_lazy("Law-enforcement contact"),
    "SafetyFinding": gettext_lazy("Safety finding"),
    "PlacementDecision": gettext_lazy("Placement decision"),
    "AdministrativeAction": gettext_lazy("Administrative action"),
}
FIELD_NAMES = {
    "status": gettext_lazy("Status"),
    "admin_notes": gettext_lazy("Administrator/designee notes"),
    "closed_at": gettext_lazy("Closed at"),
    "closed_by": gettext_lazy("Closed by"),
    "reasons": gettext_lazy("Reasons"),
    "ended_on": gettext_lazy("Ended on"),
    "outcome": gettext_lazy("Outcome"),
    "provider": gettext_lazy("Provider"),
    "notes": gettext_lazy("Notes"),
    "voided_at": gettext_lazy("Voided at"),
    "voided_by": gettext_lazy("Voided by"),
    "void_reason": gettext_lazy("Reason for voiding"),
    "start_date": gettext_lazy("First day"),
    "school_days": gettext_lazy("School days"),
    "end_date": gettext_lazy("Last day"),
}


def _record_name(record) -> str:
    name = RECORD_NAMES.get(type(record).__name__) or record._meta.verbose_name.capitalize()
    return f"{name} {record.pk}"


def _field_name(model_field) -> str:
    return str(FIELD_NAMES.get(model_field.name) or model_field.verbose_name)


def _shown(value, model_field):
    if value is None or value == "":
        return "—"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _shown_set(objects):
    # Reason codes by their code ("3.1a"): a title is too long for a history line.
    return ", ".join(str(getattr(o, "code", o)) for o in objects) or "—"


def _field_change(item, model_field):
    """One line of a change: the field, what it was, what it became. For a
    set (a referral's reasons), also which entries were added and removed."""
    if not model_field.many_to_many:
        return (
            _field_name(model_field),
            _shown(item.old, model_field),
            _shown(item.new, model_field),
        )
    target = model_field.m2m_reverse_field_name()
    old = [row[target] for row in item.old]
    new = [row[target] for row in item.new]
    added = [o for o in new if o not in old]
    removed = [o for o in old if o not in new]
    what = []
    if added and old:  # from nothing, the new set says what was added
        what.append(_("added %(items)s") % {"items": _shown_set(added)})
    if removed:
        what.append(_("removed %(items)s") % {"items": _shown_set(removed)})
    shown = _shown_set(new) + (f" ({'; '.join(what)})" if what else "")
    return _field_name(model_field), _shown_set(old), shown


def record_history(*records) -> list[Change]:
    """Each record's history (django-simple-history): who changed what, from
    what to what, newest first; a change of a referral's reasons says which
    codes were added and removed."""
    kinds = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    changes = []
    for record in records:
        meta = record._meta
        entries = list(record.history.select_related("history_user").order_by("history_id"))
        previous = None
        for entry in entries:
            change = Change(
                when=entry.history_date,
                who=entry.history_user,
                record=_record_name(record),
                kind=kinds.get(entry.history_type, entry.history_type),
            )
            if previous is not None:
                delta = entry.diff_against(previous, foreign_keys_are_objs=True)
                for item in delta.changes:
                    change.changes.append(_field_change(item, meta.get_field(item.field)))
            changes.append(change)
            previous = entry
    return sorted(changes, key=lambda c: c.when, reverse=True)


# --- the parent notice ----------------------------------------------------------


def notice_appeal_settings() -> dict:
    """The district's appeal steps and timeline stated on every notice (Board
    resolution 2013, "Appeals to Suspensions and Grievance Process"; BUL-5655).

    A district setting, not a legal claim of this code: district staff set the
    numbers in ``settings.DISCIPLINE``; these defaults hold until they do.
    """
    configured = settings.DISCIPLINE
    return {
        "conference_within_school_days": configured.get("APPEAL_CONFERENCE_SCHOOL_DAYS", 3),
        "appeal_within_school_days": configured.get("APPEAL_WRITTEN_SCHOOL_DAYS", 5),
    }


# Staff titles as a family reads them in Spanish; a title not listed is
# printed as the school wrote it.
TITLES_ES = {
    "principal": "Director(a)",
    "assistant principal": "Subdirector(a)",
    "dean": "Decano(a)",
    "dean of students": "Decano(a) de estudiantes",
    "counselor": "Consejero(a)",
    "psychiatric social worker": "Trabajador(a) social psiquiátrico(a)",
    "psw": "Trabajador(a) social psiquiátrico(a)",
    "school psychologist": "Psicólogo(a) escolar",
    "teacher": "Maestro(a)",
    "rj teacher": "Maestro(a) de justicia restaurativa",
}


def staff_title(position: str, language: str) -> str:
    if language == "es":
        return TITLES_ES.get((position or "").strip().lower(), position)
    return position


def _offenses_in(referral, language):
    with translation.override(language):
        return [
            {
                "code": reason.code,
                "title": reason.display_title,
                "education_code": reason.education_code,
            }
            for reason in rules.offense_codes(referral.reasons.all())
        ]


def notice_context(record, language: str) -> dict:
    """What every written notice to the family states: who writes, from where
    (the school's address and phone), about whom and why, in the family's
    language; the English text is there too for a side-by-side print."""
    language = language if language in ("en", "es") else "en"
    referral = record.referral
    signer = record.decided_by
    return {
        "language": language,
        "referral": referral,
        "student": referral.student,
        "school": referral.school,
        "region": referral.school.region,
        "reasons": _offenses_in(referral, language),
        "reasons_en": _offenses_in(referral, "en"),
        "signer": signer,
        "signer_title": staff_title(getattr(signer, "position", ""), language),
        "district_appeal_settings": notice_appeal_settings(),
    }


def suspension_notice_get(suspension: Suspension) -> dict:
    """What the written notice to the family states (E.C. 48911(d), NOTICE)."""
    # In the family's language whatever the viewer's (E.C. 48911(d)).
    context = notice_context(suspension, suspension.notice_language)
    context.update(
        suspension=suspension,
        school=suspension.school,
        region=suspension.school.region,
        return_on=next_school_day(suspension.end_date),
    )
    return context


# --- the landing pages ------------------------------------------------------------


def dashboard_get(*, user, today: datetime.date) -> dict:
    """What each role's landing page shows first (SPEC section 2)."""
    if user.has_perm("people.view_all_schools"):
        return {}
    if not user.has_perm("discipline.view_outcomes"):  # a teacher
        recent = with_outcomes(referral_list(user).filter(referred_by=user))[:10]
        return {"recent_referrals": [(r, referral_outcome_labels(r)) for r in recent]}
    if user.has_perm("discipline.process_referral"):
        year = current_school_year(today)
        overdue = wd_followups_overdue(user, today)
        return {
            "open_count": referral_list(user).valid().filter(status=ReferralStatus.OPEN).count(),
            "wd_overdue": overdue[:20],
            "wd_overdue_count": overdue.count(),
            "near_limit": students_near_day_limit(user, year),
            "school_year": year,
        }
    # Support staff.
    students = students_with_open_interventions(user)
    return {
        "open_students": students[:50],
        "open_students_count": students.count(),
        "open_count": referral_list(user).valid().filter(status=ReferralStatus.OPEN).count(),
    }


def reason_codes_grouped():
    """Active reason codes grouped as the referral form shows them: Category
    1, 2 and 3 as on the MiSiS form, then willful defiance on its own."""
    groups = {1: [], 2: [], 3: [], "wd": []}
    for reason in ReasonCode.objects.filter(active=True).order_by("category", "position"):
        groups["wd" if reason.is_willful_defiance else reason.category].append(reason)
    return groups
