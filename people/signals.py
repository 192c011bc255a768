"""Every region is also a reporting unit (``ReportingUnit`` of kind region), so
reports that read a year by its units find today's regions without a step of
their own; whoever creates the region (admin, demo, a test) gets it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from people.models import Region, ReportingUnit, UnitKind


@receiver(post_save, sender=Region)
def region_is_a_reporting_unit(sender, instance, raw=False, **kwargs):
    if raw:
        return
    ReportingUnit.objects.update_or_create(
        region=instance,
        defaults={"name": instance.name, "code": instance.code, "kind": UnitKind.REGION},
    )
