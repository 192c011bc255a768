"""Load the MiSiS catalogs from seed 003 (BUL-5808.3) into every new database."""

from django.db import migrations


def load(apps, schema_editor):
    from discipline.migrations import _catalog_0003 as seed

    ReasonCode = apps.get_model("discipline", "ReasonCode")
    fields = [f.name for f in ReasonCode._meta.get_fields() if hasattr(f, "attname")]
    for position, row in enumerate([*seed.REASON_CODES, seed.WILLFUL_DEFIANCE]):
        values = {k: v for k, v in row.items() if k in fields and k != "code"}
        ReasonCode.objects.update_or_create(
            code=row["code"], defaults={**values, "position": position}
        )
    for model_name, items in [
        ("Location", seed.LOCATIONS),
        ("Motivation", seed.MOTIVATIONS),
        ("CorrectionMeasure", seed.OTHER_MEANS_OF_CORRECTION),
        ("AdministrativeActionType", seed.ADMINISTRATIVE_ACTIONS),
    ]:
        model = apps.get_model("discipline", model_name)
        for position, (slug, label) in enumerate(items):
            model.objects.update_or_create(
                slug=slug, defaults={"label": label, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("discipline", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
