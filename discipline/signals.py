"""The referral's reasons are a many-to-many set, written after the referral
row; these receivers hold GRADE, WD and NOEXP for that write too, whoever
makes it (a service, the admin, the shell)."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from discipline import rules
from discipline.models import ReasonCode, Referral


@receiver(m2m_changed, sender=Referral.reasons.through)
def referral_reasons_hold_the_rules(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    current = set(instance.reasons.values_list("pk", flat=True))
    if action == "pre_add":
        after = current | set(pk_set)
    elif action == "pre_remove":
        after = current - set(pk_set)
    else:
        # clear() is how set() begins; judge the final set at its pre_add.
        return
    if action == "pre_remove" and not after:
        # set() removes before it adds; an empty set in between is not final.
        return
    rules.enforce(rules.check_referral_reasons(instance, ReasonCode.objects.filter(pk__in=after)))
