"""Every write of a discipline record: one function per action.

Each service is keyword-only, checks the actor's scope, runs the rules
(``discipline.rules``) under the student's row lock inside one transaction,
and records who did it (django-simple-history keeps who, when, before and
after). Views, the admin, imports and commands call these; none of them
saves a discipline record itself.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from discipline import rules
from discipline.models import (
    AdministrativeAction,
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    Incident,
    LawEnforcementContact,
    PlacementDecision,
    Referral,
    ReferralStatus,
    SafetyFinding,
    StudentRecordView,
    Suspension,
    SuspensionKind,
    Transfer,
)
from notifications import services as notifications
from people.models import Role, Student
from people.scoping import CHANGE


def _require(queryset, obj):
    """The object must be in the actor's scope, or it does not exist for them."""
    if not queryset.filter(pk=obj.pk).exists():
        raise PermissionDenied("out of scope")


def checked_save(obj, *, actor):
    """Check the rules under the student's lock, then save with its author."""
    with transaction.atomic():
        obj.prepare()  # an outcome learns its student from its referral here
        student_id = getattr(obj, "student_id", None)
        if student_id:
            rules.lock_student(student_id)
        rules.enforce(obj.check_rules())
        obj._checked_under_lock = True
        try:
            obj.full_clean()
        except ValidationError:
            obj._checked_under_lock = False
            raise
        obj._history_user = actor
        obj.save()
    return obj


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
    if school.pk not in actor.school_ids or actor.role == Role.DISTRICT:
        raise PermissionDenied("out of scope")
    _require(Student.objects.for_user(actor), student)
    if submission_token:
        existing = Referral.objects.filter(
            referred_by=actor, student=student, submission_token=submission_token
        ).first()
        if existing:
            return existing
    reasons = list(reasons)
    try:
        with transaction.atomic():
            rules.lock_student(student.pk)
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
            referral.prepare()
            rules.enforce(
                list(referral.check_rules()) + rules.check_referral_reasons(referral, reasons)
            )
            checked_save(referral, actor=actor)
            referral.reasons.set(reasons)
            referral.prior_corrections.set(prior_corrections)
            notifications.referral_created(actor=actor, referral=referral)
    except IntegrityError:
        # The other request of a double submit won the race.
        if submission_token:
            return Referral.objects.get(
                referred_by=actor, student=student, submission_token=submission_token
            )
        raise
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
    """Correct a referral's reasons; GRADE, WD and NOEXP decide
    (``rules.check_referral_reasons``). The referral's history records the
    new set once, with who changed it and when."""
    _require(Referral.objects.for_user(actor, CHANGE), referral)
    reasons = list(reasons)
    with transaction.atomic():
        rules.lock_student(referral.student_id)
        rules.enforce(rules.check_referral_reasons(referral, reasons))
        old = set(referral.reasons.all())
        added = [r for r in reasons if r not in old]
        removed = [r for r in old if r not in reasons]
        referral._history_user = actor
        # Add before removing so no intermediate set is judged (see signals).
        # Each write makes a history record; when there are two, the first is
        # left out so the history holds only the final set.
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
    if not actor.is_administrator:
        raise PermissionDenied("only an administrator closes a referral")
    referral.status = ReferralStatus.CLOSED
    referral.closed_at = timezone.now()
    referral.closed_by = actor
    if admin_notes is not None:
        referral.admin_notes = admin_notes
    try:
        with transaction.atomic():
            checked_save(referral, actor=actor)
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
    _require(Referral.objects.for_user(actor, CHANGE if not teacher_allowed else "view"), referral)
    if actor.is_administrator:
        return
    if teacher_allowed and actor.role == Role.TEACHER and referral.referred_by_id == actor.pk:
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

    WD, GRADE, ADMIN39, ALT, DAYS5, DAYS20, TEACHER, MDR, NOTICE and DATES
    decide whether it may be saved (``rules.check_suspension``).
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
        notice_language=notice_language or referral.student.notice_language,
        extends=extends,
    )
    with transaction.atomic():
        checked_save(suspension, actor=actor)
        _announce_outcome(actor, suspension)
        notifications.family_notice_send(suspension=suspension)
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
        record = checked_save(model(referral=referral, decided_by=actor, **fields), actor=actor)
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
    checked_save(recommendation, actor=actor)
    return expulsion


def expulsion_recommendation_decide(*, actor, recommendation, status: str):
    """Record the outcome of a recommendation: not expelled, or withdrawn.

    An expulsion itself is recorded with ``expulsion_record``.
    """
    if status not in ("not_expelled", "withdrawn"):
        raise ValidationError({"status": "Record an expulsion with its order instead."})
    _require_outcome_scope(actor, recommendation.referral)
    recommendation.status = status
    return checked_save(recommendation, actor=actor)


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


def record_void(*, actor, record, reason: str):
    """Void a record with a reason: it stays, marked, in history (SPEC 7)."""
    if not (reason or "").strip():
        raise ValidationError({"void_reason": "Give the reason for voiding."})
    model = type(record)
    _require(model.objects.for_user(actor, CHANGE), record)
    if not (actor.is_administrator or getattr(model, "support_may_void", False)):
        raise PermissionDenied("only a school administrator voids records")
    if record.is_voided:
        raise ValidationError({"void_reason": "This record is already voided."})
    if isinstance(record, Referral) and _valid_outcomes(record):
        # A voided referral's suspension would still count its days: void
        # the outcomes first, each with its own reason.
        raise ValidationError(
            {"void_reason": "Void this referral's outcomes (suspensions, transfers, ...) first."}
        )
    record.voided_at = timezone.now()
    record.voided_by = actor
    record.void_reason = reason.strip()
    return checked_save(record, actor=actor)


def _valid_outcomes(referral):
    from discipline.models import OutcomeBase

    return [
        model
        for model in OutcomeBase.__subclasses__()
        if model.objects.valid().filter(referral=referral).exists()
    ]


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
