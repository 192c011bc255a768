"""Load the Discipline Matrix (Attachment E, 6/28/18) and the intervention catalog."""

from django.db import migrations
from django.utils.text import slugify


def load(apps, schema_editor):
    from interventions.migrations import _matrix_0003 as seed

    InterventionType = apps.get_model("interventions", "InterventionType")
    MatrixEntry = apps.get_model("interventions", "MatrixEntry")
    ReasonCode = apps.get_model("discipline", "ReasonCode")

    tier_of = {}
    for row in seed.MATRIX:
        for tier in (3, 2):
            for slugs in row[f"tier{tier}"].values():
                for slug in slugs:
                    tier_of[slug] = min(tier, tier_of.get(slug, tier))

    position = 0
    types = {}
    for slug, name in seed.INTERVENTIONS:
        types[slug], _ = InterventionType.objects.update_or_create(
            slug=slug,
            defaults={
                "label": name,
                "source": "matrix",
                "default_tier": tier_of.get(slug, 2),
                "position": position,
            },
        )
        position += 1
    for name in seed.TIER_I:
        slug = f"tier-1-{slugify(name)}"[:80]
        InterventionType.objects.update_or_create(
            slug=slug,
            defaults={"label": name, "source": "tier1", "default_tier": 1, "position": position},
        )
        position += 1
    known = {t.label.lower() for t in InterventionType.objects.all()}
    for slug, label in seed.OTHER_MEANS_OF_CORRECTION:
        if label.lower() in known:
            continue
        InterventionType.objects.update_or_create(
            slug=f"form-{slug}"[:80],
            defaults={"label": label, "source": "form", "default_tier": 1, "position": position},
        )
        position += 1

    codes = {c.code: c for c in ReasonCode.objects.all()}
    MatrixEntry.objects.all().delete()
    MatrixEntry.objects.bulk_create(
        MatrixEntry(
            reason_code=codes[code],
            grade_band=band,
            tier=tier,
            intervention_type=types[slug],
            position=order,
        )
        for row in seed.MATRIX
        for code in row["codes"]
        for tier in (2, 3)
        for band, slugs in row[f"tier{tier}"].items()
        for order, slug in enumerate(slugs)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("interventions", "0002_initial"),
        ("discipline", "0003_catalog_from_seed"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
