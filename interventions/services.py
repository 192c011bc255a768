"""Writes of interventions (other means of correction).

Teachers record the Tier I/II interventions they carried out; support staff
and administrators record Tier I–III for students of their schools (SPEC 2).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from discipline.services import checked_save
from interventions.models import Intervention, InterventionOutcome
from notifications import services as notifications
from people.models import Role, SchoolYear, Student
from people.scoping import CHANGE


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
    if actor.role == Role.DISTRICT or school.pk not in actor.school_ids:
        raise PermissionDenied("out of scope")
    if not Student.objects.for_user(actor).filter(pk=student.pk).exists():
        raise PermissionDenied("out of scope")
    if actor.role == Role.TEACHER and int(tier) == 3:
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
        checked_save(intervention, actor=actor)
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
        return checked_save(intervention, actor=actor)
    except ValidationError:
        intervention.refresh_from_db()
        raise
