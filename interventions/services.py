"""Writes of interventions (other means of correction).

They are judged with every other write of the student's records, under its
row lock, by ``discipline.services``; this module names them for the
interventions app's views.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from discipline.services import intervention_record, intervention_update
from interventions.models import FollowUp, Intervention
from people.scoping import CHANGE

__all__ = ["intervention_follow_up_add", "intervention_record", "intervention_update"]


def intervention_follow_up_add(*, actor, intervention: Intervention, written_on, entry: str):
    """Add a dated entry to the intervention's follow-up log (issue 16, item 8)."""
    if not Intervention.objects.for_user(actor, CHANGE).filter(pk=intervention.pk).exists():
        raise PermissionDenied("out of scope")
    if intervention.is_voided:
        raise ValidationError({"entry": _("A voided intervention takes no follow-up.")})
    entry = (entry or "").strip()
    if not entry:
        raise ValidationError({"entry": _("Write what was done or observed.")})
    if written_on and written_on < intervention.started_on:
        raise ValidationError(
            {"written_on": _("A follow-up cannot be dated before the intervention started.")}
        )
    follow_up = FollowUp(
        intervention=intervention, written_on=written_on, written_by=actor, entry=entry
    )
    follow_up.full_clean()
    follow_up.save()
    return follow_up
