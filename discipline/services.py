"""Every write of a rule-governed record: one function per action.

Each service is keyword-only, checks the actor's scope, and writes through
``_write``: inside one transaction it takes the student's row lock, loads the
student's facts (``discipline.facts``), judges the change once by the rules
(``discipline.rules``), then saves with its author (django-simple-history
keeps who, when, before and after). Views, the admin, imports and commands
call these; the guard (``people.guard``) refuses any write of these records
made outside them.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from discipline import notices, rules
from discipline.facts import facts_for_write, lock_student, student_facts
from discipline.models import (
    OUTCOME_KIND_OF,
    OUTCOME_KINDS,
    AdministrativeAction,
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    Incident,
    LawEnforcementContact,
    OutcomeBase,
    PlacementDecision,
    Referral,
    ReferralStatus,
    SafetyFinding,
    StudentRecordView,
    Suspension,
    SuspensionKind,
    Transfer,
)
from interventions.models import Intervention, InterventionOutcome
from notifications import services as notifications
from people.guard import service_write
from people.models import Enrollment, Role, SchoolYear, Student
from people.scoping import CHANGE


def _require(queryset, obj):
    """The object must be in the actor's scope, or it does not exist for them."""
    if not queryset.filter(pk=obj.pk).exists():
        raise PermissionDenied("out of scope")


# --- the one write path -------------------------------------------------------


def _is_admin(user) -> bool:
    return bool(user) and user.role == Role.ADMINISTRATOR


def _reason_facts(reasons):
    return tuple(sorted((rules.Reason.of(r) for r in reasons), key=lambda r: r.code))


def _judge(record, facts, *, reasons=None):
    """The one judgment of a write: the record as it will be stored."""
    if isinstance(record, Referral):
        if reasons is not None:
            reason_facts = _reason_facts(reasons)
        elif record.pk in facts.referrals:
            reason_facts = facts.referrals[record.pk].reasons
        else:
            reason_facts = ()
        return rules.judge_referral(
            facts,
            rules.ReferralProposal(
                pk=record.pk,
                school_id=record.school_id,
                incident_date=record.incident_date,
                referred_on=record.referred_on,
                reasons=reason_facts,
                status=record.status,
                voided=record.is_voided,
            ),
        )
    if isinstance(record, Suspension):
        return rules.judge_suspension(facts, suspension_proposal(record))
    if isinstance(record, Intervention):
        return rules.judge_intervention(
            facts,
            rules.InterventionProposal(started_on=record.started_on, school_year=facts.school_year),
        )
    if isinstance(record, Enrollment):
        return rules.judge_enrollment(
            facts,
            rules.EnrollmentProposal(
                school_id=record.school_id, start=record.start, end=record.end
            ),
        )
    return rules.judge_outcome(facts, outcome_proposal(record))


def suspension_proposal(s: Suspension) -> rules.SuspensionProposal:
    return rules.SuspensionProposal(
        referral_id=s.referral_id,
        kind=s.kind,
        start_date=s.start_date,
        school_days=s.school_days,
        decided_by_admin=_is_admin(s.decided_by) if s.decided_by_id else False,
        extends_id=s.extends_id,
        pk=s.pk,
        parent_contacted_at=s.parent_contacted_at,
        parent_contact_method=s.parent_contact_method,
        parent_contacted_by_id=s.parent_contacted_by_id,
        parent_contact_result=s.parent_contact_result,
        notice_language=s.notice_language,
    )


def outcome_proposal(record) -> rules.OutcomeProposal:
    kind = OUTCOME_KIND_OF[type(record)]
    return rules.OutcomeProposal(
        kind=kind.slug,
        referral_id=record.referral_id,
        day=getattr(record, kind.day_field),
        decided_by_admin=_is_admin(record.decided_by) if record.decided_by_id else False,
        text=getattr(record, kind.text_field) if kind.text_field else "",
        ends_on=getattr(record, "ends_on", None),
        recommendation_referral_id=(
            record.recommendation.referral_id
            if isinstance(record, Expulsion) and record.recommendation_id
            else None
        ),
        change_of_placement=bool(getattr(record, "change_of_placement", False)),
        review_held_on=getattr(record, "review_held_on", None),
    )


def _year_day(record):
    """The day that places the write in a school year."""
    if isinstance(record, Referral):
        return record.incident_date
    if isinstance(record, Intervention):
        return record.started_on
    if isinstance(record, Enrollment):
        return record.start
    if isinstance(record, Suspension):
        return record.start_date
    return record.referral.incident_date


def _derive(record, facts):
    """What a record computes from its inputs, so it is judged as stored."""
    if isinstance(record, Referral):
        enrollment = facts.enrollment_on(record.incident_date)
        if enrollment is not None and record.grade is None:
            record.grade = enrollment.grade
    if isinstance(record, Suspension):
        if facts.school_year is not None:
            record.school_year_id = facts.school_year.pk
        if record.start_date and record.school_days and record.school_days > 0:
            record.end_date = rules.suspension_end(facts.calendar, record.start_date,
                                                   record.school_days)  # fmt: skip
        if not record.notice_language:
            record.notice_language = record.student.notice_language


def _write(
    record,
    *,
    actor,
    reasons=None,
    prior_corrections=None,
    history_user=None,
    student=None,
    savepoint=True,
):
    """Judge the write once under the student's lock, then save it.

    What it reads is loaded in three queries (``facts.facts_for_write``);
    ``student`` is the student's row when the caller already holds its lock.
    ``savepoint=False`` when the caller's own ``atomic()`` block (with its
    savepoint) is the one this write rolls back with.
    """
    if isinstance(record, OutcomeBase) and record.referral_id:
        referral = record.referral
        record.student_id = referral.student_id
        record.school_id = referral.school_id
        if Referral.school.is_cached(referral):
            record.school = referral.school
    school_year = None
    if isinstance(record, Intervention) and record.school_year_id:
        school_year = record.school_year
    referral_ids = [record.referral_id] if getattr(record, "referral_id", None) else []
    if isinstance(record, Referral) and record.pk:
        referral_ids = [record.pk]
    with transaction.atomic(savepoint=savepoint), service_write(_writer_name(record)):
        student, _year, facts = facts_for_write(
            record.student_id,
            _year_day(record),
            referral_ids=referral_ids,
            school_year=school_year,
            student=student,
        )
        record.student = student  # the row read under the lock
        if isinstance(record, OutcomeBase) and not Referral.student.is_cached(record.referral):
            Referral.student.field.set_cached_value(record.referral, student)
        if isinstance(record, OutcomeBase) and not record.is_voided and not record.pk:
            if facts.referrals[record.referral_id].voided:
                raise ValidationError(
                    {"referral": "This referral is voided; nothing more is recorded on it."}
                )
        _derive(record, facts)
        rules.enforce(_judge(record, facts, reasons=reasons))
        _full_clean(record)
        record._history_user = history_user or actor
        if reasons is not None and record._state.adding:
            _create_with_reasons(record, reasons, prior_corrections or ())
        else:
            record.save()
            if reasons is not None:
                record.reasons.set(reasons)
            if prior_corrections is not None:
                record.prior_corrections.set(prior_corrections)
    return record


def _full_clean(record):
    """``full_clean()`` without its queries: a foreign key whose row is in
    hand (assigned as an object, or the locked student) exists, and the
    model's check constraints are evaluated on the values (``_check``); the
    database enforces both again at the insert."""
    known = [
        f.name
        for f in record._meta.concrete_fields
        if f.many_to_one and f.is_cached(record) and f.get_cached_value(record) is not None
    ]
    if isinstance(record, Suspension) and record.school_year_id:
        known.append("school_year")  # set from the school year just loaded
    if isinstance(record, OutcomeBase):
        known.append("school")  # the referral's school (a protected foreign key)
    record.full_clean(exclude=known, validate_constraints=False)
    errors = {}
    for constraint in record._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            if _check(constraint.condition, record) is False:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    ValidationError(
                        constraint.get_violation_error_message(),
                        code=constraint.violation_error_code,
                    )
                )
        elif constraint.condition is None or _check(constraint.condition, record) is not False:
            try:
                constraint.validate(type(record), record)
            except ValidationError as error:
                errors.setdefault(NON_FIELD_ERRORS, []).append(error)
    if errors:
        raise ValidationError(errors)


_LOOKUPS = {
    "exact": lambda a, b: a == b,
    "gte": lambda a, b: a >= b,
    "lte": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "lt": lambda a, b: a < b,
}


def _check(condition, record):
    """A constraint's ``Q`` on a record's values, in SQL's three-valued logic
    (None: unknown, which a CHECK lets pass). Handles what this app's
    constraints use (exact, gte, lte, gt, lt, isnull; F() of a field);
    anything else asks the database, as ``full_clean()`` would."""
    results = []
    for child in condition.children:
        if isinstance(child, models.Q):
            value = _check(child, record)
        else:
            lookup, expected = child
            name, _, kind = lookup.partition("__")
            kind = kind or "exact"
            field = record._meta.get_field(name)
            actual = getattr(record, field.attname)
            if kind == "isnull":
                value = (actual is None) == bool(expected)
            elif kind in _LOOKUPS and "__" not in kind:
                if isinstance(expected, models.F):
                    expected = getattr(record, record._meta.get_field(expected.name).attname)
                elif hasattr(expected, "resolve_expression"):
                    return _ask_database(condition, record)
                if actual is None or expected is None:
                    value = None
                else:
                    try:
                        value = _LOOKUPS[kind](actual, expected)
                    except TypeError:  # values of types Python does not compare
                        return _ask_database(condition, record)
            else:
                return _ask_database(condition, record)
        results.append(value)
    if condition.connector == models.Q.AND:
        value = False if False in results else (None if None in results else True)
    else:
        value = True if True in results else (None if None in results else False)
    if condition.negated and value is not None:
        value = not value
    return value


def _ask_database(condition, record):
    against = {}
    for f in record._meta.concrete_fields:
        against[f.name] = against[f.attname] = models.Value(getattr(record, f.attname))
    return condition.check(against)


def _create_with_reasons(record, reasons, prior_corrections):
    """A new referral with its reasons: the row, the reason and correction
    rows in one insert each, and one history record (with the reasons)."""
    record.skip_history_when_saving = True
    try:
        record.save()
    finally:
        del record.skip_history_when_saving
    model = type(record)
    through = model.reasons.through.objects.bulk_create(
        [model.reasons.through(referral_id=record.pk, reasoncode_id=r.pk) for r in reasons]
    )
    if prior_corrections:
        model.prior_corrections.through.objects.bulk_create(
            model.prior_corrections.through(referral_id=record.pk, correctionmeasure_id=c.pk)
            for c in prior_corrections
        )
    _history_create(record, through)


def _history_create(record, through_rows):
    """The new referral's one history record (type "+"), with its reasons, as
    django-simple-history writes it on a change of them: the same rows, two
    inserts, without re-reading the referral and its reason rows."""
    history_model = type(record).history.model
    names = {f.attname for f in history_model._meta.fields}
    attrs = {
        f.attname: getattr(record, f.attname) for f in record._meta.fields if f.attname in names
    }
    history = history_model.objects.create(
        history_date=getattr(record, "_history_date", timezone.now()),
        history_type="+",
        history_user=getattr(record, "_history_user", None),
        history_change_reason=getattr(record, "_change_reason", None),
        **attrs,
    )
    m2m_model = apps.get_model(history_model._meta.app_label, f"{history_model.__name__}_reasons")
    m2m_model.objects.bulk_create(
        m2m_model(
            history=history, id=row.pk, referral_id=row.referral_id, reasoncode_id=row.reasoncode_id
        )
        for row in through_rows
    )


def _writer_name(record):
    return f"discipline.services:{type(record).__name__}"


# --- referrals ---------------------------------------------------------------


def referral_create(
    *,
    actor,
    student: Student,
    school,
    incident_date,
    location,
    reasons,
    description,
    incident_time=None,
    referred_on=None,
    motivation=None,
    prior_corrections=(),
    incident: Incident | None = None,
    submission_token: str = "",
) -> Referral:
    """Record an office discipline referral (MiSiS form, BUL-5808.3).

    A repeated submission (same actor, student and token) returns the first
    referral instead of making a second.
    """
    if not actor.has_perm("discipline.refer_student", student) or (
        school.pk not in actor.school_ids
    ):
        raise PermissionDenied("out of scope")
    if submission_token:
        existing = Referral.objects.filter(
            referred_by=actor, student=student, submission_token=submission_token
        ).first()
        if existing:
            return existing
    reasons = list(reasons)
    try:
        with transaction.atomic():
            locked = lock_student(student.pk)  # before the incident row, like every write
            if incident is None:
                incident = Incident.objects.create(school=school, created_by=actor)
            referral = Referral(
                incident=incident,
                student=student,
                school=school,
                incident_date=incident_date,
                incident_time=incident_time,
                referred_on=referred_on or timezone.localdate(),
                location=location,
                motivation=motivation,
                description=description,
                referred_by=actor,
                submission_token=submission_token,
            )
            _write(
                referral,
                actor=actor,
                reasons=reasons,
                prior_corrections=list(prior_corrections),
                student=locked,
                savepoint=False,
            )
            notifications.referral_created(actor=actor, referral=referral)
    except (IntegrityError, ValidationError) as error:
        # The other request of a double submit won the race.
        if submission_token:
            earlier = Referral.objects.filter(
                referred_by=actor, student=student, submission_token=submission_token
            ).first()
            if earlier:
                return earlier
        raise error
    return referral


def referrals_create_for_incident(*, actor, students, **fields) -> list[Referral]:
    """Several students in one incident: one incident, one referral each."""
    token = fields.pop("submission_token", "")
    students = list(students)
    if token:
        # A repeated submission finds the first one's referrals and makes no
        # second, empty incident.
        earlier = [
            Referral.objects.filter(
                referred_by=actor, student=student, submission_token=f"{token}:{student.pk}"
            ).first()
            for student in students
        ]
        if earlier and all(earlier):
            return earlier
    with transaction.atomic():
        incident = Incident.objects.create(school=fields["school"], created_by=actor)
        return [
            referral_create(
                actor=actor,
                student=student,
                incident=incident,
                submission_token=f"{token}:{student.pk}" if token else "",
                **fields,
            )
            for student in students
        ]


def referral_update_reasons(*, actor, referral: Referral, reasons) -> Referral:
    """Correct a referral's reasons. The new set is judged by every rule the
    referral and its outcomes rest on: GRADE; WD and ALT/ADMIN39 for its
    suspensions; NOEXP for its recommendation; CAT1 and CAT2 if it is closed.
    The referral's history records the new set once."""
    _require(Referral.objects.for_user(actor, CHANGE), referral)
    reasons = list(reasons)
    with transaction.atomic(), service_write("discipline.services:referral_update_reasons"):
        facts = student_facts(
            referral.student_id,
            SchoolYear.containing(referral.incident_date),
            referral_ids=[referral.pk],
        )
        current = Referral.objects.get(pk=referral.pk)  # as stored, under the lock
        rules.enforce(_judge(current, facts, reasons=reasons))
        old = set(current.reasons.all())
        added = [r for r in reasons if r not in old]
        removed = [r for r in old if r not in reasons]
        referral._history_user = actor
        # Each m2m write makes a history record; when there are two, the first
        # is left out so the history holds only the final set.
        if added and removed:
            referral.skip_history_when_saving = True
        try:
            referral.reasons.add(*added)
        finally:
            vars(referral).pop("skip_history_when_saving", None)
        referral.reasons.remove(*removed)
    return referral


def referral_close(*, actor, referral: Referral, admin_notes: str | None = None) -> Referral:
    """Close a referral; CAT1 and CAT2 decide whether it may close."""
    _require(Referral.objects.for_user(actor, CHANGE), referral)
    if not actor.has_perm("discipline.process_referral", referral):
        raise PermissionDenied("only an administrator of the school closes a referral")
    referral.status = ReferralStatus.CLOSED
    referral.closed_at = timezone.now()
    referral.closed_by = actor
    if admin_notes is not None:
        referral.admin_notes = admin_notes
    try:
        with transaction.atomic():
            _write(referral, actor=actor)
            notifications.outcome_recorded(
                actor=actor, referral=referral, label=lambda: gettext("the referral is closed")
            )
        return referral
    except ValidationError:
        referral.refresh_from_db()
        raise


def referral_void(*, actor, referral: Referral, reason: str) -> Referral:
    return record_void(actor=actor, record=referral, reason=reason)


# --- outcomes ----------------------------------------------------------------


def _require_outcome_scope(actor, referral, *, teacher_allowed=False):
    # The permission holds the referral in the actor's scope to change it.
    if actor.has_perm("discipline.record_outcome", referral):
        return
    _require(Referral.objects.for_user(actor, CHANGE if not teacher_allowed else "view"), referral)
    # A teacher's suspension from class (48910) of a student they referred.
    if (
        teacher_allowed
        and referral.referred_by_id == actor.pk
        and actor.has_perm("discipline.suspend_from_class", referral)
    ):
        return
    raise PermissionDenied("only a school administrator records this")


def suspension_record(
    *,
    actor,
    referral: Referral,
    kind: str,
    start_date,
    school_days: int,
    parent_contacted_at=None,
    parent_contact_method: str = "",
    parent_contact_result: str = "",
    parent_contacted_by=None,
    notice_language: str | None = None,
    extends: Suspension | None = None,
) -> Suspension:
    """Record a suspension: from class (48910), in-school, or out-of-school.

    WD, ADMIN39, ALT, DAYS5, DAYS20, TEACHER, MDR, NOTICE and DATES decide
    whether it may be saved (``rules.judge_suspension``).
    """
    _require_outcome_scope(actor, referral, teacher_allowed=kind == SuspensionKind.TEACHER)
    suspension = Suspension(
        referral=referral,
        kind=kind,
        start_date=start_date,
        school_days=school_days,
        decided_by=actor,
        parent_contacted_at=parent_contacted_at,
        parent_contact_method=parent_contact_method or "",
        parent_contact_result=parent_contact_result or "",
        parent_contacted_by=parent_contacted_by or (actor if parent_contacted_at else None),
        notice_language=notice_language or "",  # the student's, read under the lock
        extends=extends,
    )
    with transaction.atomic():
        _write(suspension, actor=actor, savepoint=False)
        _announce_outcome(actor, suspension)
        notices.family_notice_send(suspension=suspension)
    return suspension


# What the referring teacher is told of: the outcomes a teacher may see by
# kind (selectors.referral_outcome_labels); findings and MDR decisions are not.
TEACHER_VISIBLE_OUTCOMES = (
    Suspension,
    Transfer,
    ExpulsionRecommendation,
    Expulsion,
    LawEnforcementContact,
    AdministrativeAction,
)


def _outcome_label(record):
    if hasattr(record, "get_kind_display"):
        return record.get_kind_display()
    if isinstance(record, AdministrativeAction):
        return str(record.action)
    if isinstance(record, ExpulsionRecommendation):
        return gettext("Recommendation for expulsion")
    return gettext("Expulsion")


def _announce_outcome(actor, record):
    if isinstance(record, TEACHER_VISIBLE_OUTCOMES):
        notifications.outcome_recorded(
            actor=actor, referral=record.referral, label=lambda: _outcome_label(record)
        )


def _outcome_record(model, *, actor, referral, **fields):
    _require_outcome_scope(actor, referral)
    with transaction.atomic():
        record = _write(
            model(referral=referral, decided_by=actor, **fields), actor=actor, savepoint=False
        )
        _announce_outcome(actor, record)
    return record


def transfer_record(*, actor, referral, kind, effective_date, receiving_school=None, days_lost=0):
    return _outcome_record(
        Transfer,
        actor=actor,
        referral=referral,
        kind=kind,
        effective_date=effective_date,
        receiving_school=receiving_school,
        days_lost=days_lost,
    )


def expulsion_recommendation_record(*, actor, referral, recommended_on, notes=""):
    return _outcome_record(
        ExpulsionRecommendation,
        actor=actor,
        referral=referral,
        recommended_on=recommended_on,
        notes=notes,
    )


def expulsion_finding_record(*, actor, referral, found_on, finding):
    return _outcome_record(
        ExpulsionFinding, actor=actor, referral=referral, found_on=found_on, finding=finding
    )


def expulsion_record(*, actor, recommendation, ordered_on, starts_on, ends_on, days_lost=0):
    with transaction.atomic():
        expulsion = _outcome_record(
            Expulsion,
            actor=actor,
            referral=recommendation.referral,
            recommendation=recommendation,
            ordered_on=ordered_on,
            starts_on=starts_on,
            ends_on=ends_on,
            days_lost=days_lost,
        )
        recommendation.status = "expelled"
        _write(recommendation, actor=actor)
    return expulsion


def expulsion_recommendation_decide(*, actor, recommendation, status: str):
    """Record the outcome of a recommendation: not expelled, or withdrawn.

    An expulsion itself is recorded with ``expulsion_record``.
    """
    if status not in ("not_expelled", "withdrawn"):
        raise ValidationError({"status": "Record an expulsion with its order instead."})
    _require_outcome_scope(actor, recommendation.referral)
    recommendation.status = status
    return _write(recommendation, actor=actor)


def law_enforcement_contact_record(
    *, actor, referral, kind, occurred_on, school_based=True, agency="", days_lost=0, notes=""
):
    return _outcome_record(
        LawEnforcementContact,
        actor=actor,
        referral=referral,
        kind=kind,
        occurred_on=occurred_on,
        school_based=school_based,
        agency=agency,
        days_lost=days_lost,
        notes=notes,
    )


def safety_finding_record(*, actor, referral, found_on, justification):
    """ALT's override (48900.5): counted per school and reported."""
    return _outcome_record(
        SafetyFinding,
        actor=actor,
        referral=referral,
        found_on=found_on,
        justification=justification,
    )


def placement_decision_record(
    *,
    actor,
    referral,
    decided_on,
    change_of_placement,
    reasoning="",
    review_held_on=None,
    behavior_was_manifestation=None,
):
    return _outcome_record(
        PlacementDecision,
        actor=actor,
        referral=referral,
        decided_on=decided_on,
        change_of_placement=change_of_placement,
        reasoning=reasoning,
        review_held_on=review_held_on,
        behavior_was_manifestation=behavior_was_manifestation,
    )


def administrative_action_record(*, actor, referral, action, taken_on, notes=""):
    return _outcome_record(
        AdministrativeAction,
        actor=actor,
        referral=referral,
        action=action,
        taken_on=taken_on,
        notes=notes,
    )


# --- voiding -----------------------------------------------------------------


def record_void(*, actor, record, reason: str):
    """Void a record with a reason: it stays, marked, in history (SPEC 7).

    Serialized with every other write for the student under its row lock, and
    judged on the record as stored once the lock is held: of simultaneous
    voids one wins and the others are told it is already voided; a referral
    is voided only once no valid outcome is left on it (an outcome recorded
    at the same moment either lands first and blocks the void, or finds the
    referral voided and is refused); a recommendation or finding a closed
    referral rests on (CAT1, CAT2) is not voided from under it.
    """
    if not (reason or "").strip():
        raise ValidationError({"void_reason": "Give the reason for voiding."})
    model = type(record)
    # Scope first (a superuser passes every permission, not every scope).
    _require(model.objects.for_user(actor, CHANGE), record)
    if not actor.has_perm("discipline.void_record", record):
        raise PermissionDenied("only a school administrator voids records")
    with transaction.atomic(), service_write("discipline.services:record_void"):
        lock_student(record.student_id)
        stored = model.objects.select_for_update().get(pk=record.pk)
        if stored.is_voided:
            raise ValidationError({"void_reason": "This record is already voided."})
        if isinstance(stored, Referral) and _valid_outcomes(stored):
            # A voided referral's suspension would still count its days: void
            # the outcomes first, each with its own reason.
            first = "Void this referral's outcomes (suspensions, transfers, ...) first."
            raise ValidationError({"void_reason": first})
        if isinstance(stored, ExpulsionRecommendation | ExpulsionFinding):
            _judge_close_without(stored)
        stored.voided_at = timezone.now()
        stored.voided_by = actor
        stored.void_reason = reason.strip()
        stored._history_user = actor
        stored.save()
    record.voided_at, record.voided_by, record.void_reason = (
        stored.voided_at,
        stored.voided_by,
        stored.void_reason,
    )
    return record


def _judge_close_without(outcome):
    """CAT1/CAT2: a closed referral keeps what let it close."""
    facts = student_facts(
        outcome.student_id,
        SchoolYear.containing(outcome.referral.incident_date),
        referral_ids=[outcome.referral_id],
        lock=False,
    )
    referral = facts.referrals[outcome.referral_id]
    if referral.status != ReferralStatus.CLOSED:
        return
    if isinstance(outcome, ExpulsionRecommendation):
        referral = replace(referral, recommendations=referral.recommendations - 1)
    else:
        referral = replace(referral, expulsion_findings=referral.expulsion_findings - 1)
    rules.enforce(rules.judge_close(referral, referral.reasons))


def _valid_outcomes(referral):
    return [
        kind.slug
        for kind in OUTCOME_KINDS.values()
        if kind.model.objects.valid().filter(referral=referral).exists()
    ]


# --- interventions -----------------------------------------------------------


def intervention_record(
    *,
    actor,
    student: Student,
    school,
    intervention_type,
    tier: int,
    started_on,
    provider=None,
    referral=None,
    ended_on=None,
    notes: str = "",
    outcome: str = InterventionOutcome.IN_PROGRESS,
) -> Intervention:
    """Record an intervention. Teachers record the Tier I/II interventions they
    carried out; support staff and administrators Tier I–III (SPEC 2)."""
    if not actor.has_perm("interventions.record_intervention", student) or (
        school.pk not in actor.school_ids
    ):
        raise PermissionDenied("out of scope")
    if int(tier) == 3 and not actor.has_perm("interventions.record_tier_3"):
        raise ValidationError({"tier": "Teachers record Tier I and Tier II interventions."})
    year = SchoolYear.containing(started_on) if started_on else None
    if year is None:
        raise ValidationError({"started_on": "The date is outside every school year."})
    intervention = Intervention(
        student=student,
        school=school,
        school_year=year,
        referral=referral,
        intervention_type=intervention_type,
        tier=tier,
        started_on=started_on,
        ended_on=ended_on,
        provider=provider or actor,
        recorded_by=actor,
        notes=notes,
        outcome=outcome,
    )
    with transaction.atomic():
        _write(intervention, actor=actor)
        notifications.intervention_assigned(actor=actor, intervention=intervention)
    return intervention


def intervention_update(*, actor, intervention: Intervention, **changes) -> Intervention:
    if not Intervention.objects.for_user(actor, CHANGE).filter(pk=intervention.pk).exists():
        raise PermissionDenied("out of scope")
    allowed = {"ended_on", "notes", "outcome", "provider"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}")
    for name, value in changes.items():
        setattr(intervention, name, value)
    try:
        return _write(intervention, actor=actor)
    except ValidationError:
        intervention.refresh_from_db()
        raise


# --- enrollments -------------------------------------------------------------


def enrollment_create(*, actor, student, school, grade: int, start, end=None) -> Enrollment:
    """Enroll a student (EXPELLED decides); an earlier open enrollment ends the
    day before."""
    if not actor.has_perm("discipline.enroll_student", school):
        raise PermissionDenied("only district staff or the school's administrator enroll")
    enrollment = Enrollment(student=student, school=school, grade=grade, start=start, end=end)
    with transaction.atomic():
        _write(enrollment, actor=actor)
        with service_write("discipline.services:enrollment_create"):
            for open_enrollment in Enrollment.objects.filter(
                student=student, end__isnull=True, start__lt=start
            ):
                open_enrollment.end = start - datetime.timedelta(days=1)
                open_enrollment.save(update_fields=["end"])
    return enrollment


def enrollment_end(*, actor, enrollment: Enrollment, end) -> Enrollment:
    """End an enrollment (a withdrawal, a transfer out): shortening one can
    break no rule, so it is not judged, only serialized with the student's
    other writes."""
    if not actor.has_perm("discipline.enroll_student", enrollment.school):
        raise PermissionDenied("only district staff or the school's administrator enroll")
    with transaction.atomic(), service_write("discipline.services:enrollment_end"):
        lock_student(enrollment.student_id)
        enrollment.end = end
        enrollment.full_clean()
        enrollment.save(update_fields=["end"])
    return enrollment


# --- the data steward (the admin) -------------------------------------------


def record_save_by_steward(*, steward, record, reasons=None, prior_corrections=None):
    """A superuser's add or change of a record in the admin, judged like any
    other write: the record's own ``decided_by``/``referred_by`` is whom the
    rules see (ADMIN39); the steward is the history's author."""
    if not steward.is_superuser:
        raise PermissionDenied("only a superuser writes records through the admin")
    if isinstance(record, Referral) and record.status == ReferralStatus.CLOSED:
        if record.closed_at is None:
            record.closed_at, record.closed_by = timezone.now(), steward
    return _write(
        record,
        actor=steward,
        reasons=reasons,
        prior_corrections=prior_corrections,
        history_user=steward,
    )


def student_record_view_log(*, viewer, student, page: str = "") -> StudentRecordView:
    """Log a reading of a student's discipline history (SPEC section 7)."""
    return StudentRecordView.objects.create(viewer=viewer, student=student, page=page[:300])


def student_record_views_log(*, viewer, student_ids, page: str) -> None:
    """Log one page's reading of several students' records (an admin list);
    ``discipline.middleware.StudentRecordViewLogMiddleware`` calls it."""
    now = timezone.now()
    StudentRecordView.objects.bulk_create(
        StudentRecordView(viewer=viewer, student_id=pk, page=page[:300], viewed_at=now)
        for pk in sorted(set(student_ids))
    )
