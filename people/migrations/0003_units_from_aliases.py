"""Move the Local District aliases into units with dates.

Every region becomes a unit of kind region, every alias a Local District unit.
Where a region had exactly one alias with a ``used_until`` date, its schools'
membership follows from it: the Local District until that day, the region
after. Where several Local Districts merged into one region (Northwest and
Northeast into North) the alias cannot say which school was where; those
memberships are entered by district staff (admin, "Reporting units").
"""

import datetime

from django.db import migrations
from django.utils.text import slugify


def forward(apps, schema_editor):
    Region = apps.get_model("people", "Region")
    RegionAlias = apps.get_model("people", "RegionAlias")
    ReportingUnit = apps.get_model("people", "ReportingUnit")
    UnitMembership = apps.get_model("people", "UnitMembership")
    School = apps.get_model("people", "School")
    for region in Region.objects.all():
        ReportingUnit.objects.get_or_create(
            region=region, defaults={"name": region.name, "code": region.code, "kind": "region"}
        )
    for alias in RegionAlias.objects.select_related("region"):
        unit, _created = ReportingUnit.objects.get_or_create(
            name=alias.name,
            defaults={"code": slugify(alias.name)[:40], "kind": "local_district"},
        )
        siblings = RegionAlias.objects.filter(region=alias.region).count()
        if siblings != 1 or alias.used_until is None:
            continue
        region_unit = ReportingUnit.objects.get(region=alias.region)
        for school in School.objects.filter(region=alias.region):
            UnitMembership.objects.create(school=school, unit=unit, end=alias.used_until)
            UnitMembership.objects.create(
                school=school,
                unit=region_unit,
                start=alias.used_until + datetime.timedelta(days=1),
            )


class Migration(migrations.Migration):
    dependencies = [("people", "0002_reporting_units")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
