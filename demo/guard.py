"""The guard of the commands that write synthetic data (issue: ``benchmark`` and
``seed_demo`` ran against any database; on an empty production database
``seed_demo`` would have created a superuser with the published demo password).

* ``refuse_foreign_data``: a database that holds schools, students or referrals
  that no generator run made (no ``GeneratedDistrict`` row) is refused unless the
  caller was told so explicitly (``--allow-existing-data``).
* ``refuse_production``: with ``DJANGO_ENV=production`` the demo accounts (one
  published password) are never created, unless ``--allow-production``.
"""

from django.conf import settings
from django.core.management.base import CommandError

from demo.models import GeneratedDistrict


def holds_records() -> bool:
    from discipline.models import Referral
    from people.models import School, Student

    return School.objects.exists() or Student.objects.exists() or Referral.objects.exists()


def holds_foreign_records() -> bool:
    """Records that no run of the generator made."""
    return holds_records() and not GeneratedDistrict.objects.exists()


def refuse_foreign_data(command: str, allow: bool):
    if holds_foreign_records() and not allow:
        raise CommandError(
            f"{command}: this database holds schools, students or discipline records that the "
            "synthetic-district generator did not make. Run it against an empty database (or "
            "one it generated), or pass --allow-existing-data if you mean it."
        )


def refuse_production(command: str, allow: bool):
    if getattr(settings, "PRODUCTION", False) and not allow:
        raise CommandError(
            f"{command}: DJANGO_ENV=production. The synthetic district's accounts share one "
            "published password (a superuser among them); pass --allow-production only on a "
            "throw-away deployment."
        )
