"""Run the attacker on every published version in a database (by hand, not a test).

    PYTHONPATH=. DATABASE_URL=sqlite:///db.sqlite3 python -m tests.reporting.attack_publications

Builds the reader's system of all published versions (``tests.reporting.attacker``) and
prints how many hidden cells there are and which of them a reader can pin to a single
whole number (there should be none), with the CPU it took. The tests run the same attack
on small districts; this is for a demo or a copy of production, where it takes minutes.
"""

import os
import time

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from reporting.models import Publication
    from tests.reporting import attacker

    publications = list(Publication.objects.published().order_by("month", "version"))
    print("publications:", ", ".join(f"{p.month:%Y-%m} v{p.version}" for p in publications))
    hidden = sum(1 for p in publications for value in p.cells.values() if value is None)
    started, wall = time.process_time(), time.time()
    found = attacker.recoverable(publications, [attacker.truth(publications)], 10**6)
    print(
        f"hidden cells: {hidden}; recovered: {len(found)} {found[:10]}; "
        f"{time.process_time() - started:.0f} s CPU, {time.time() - wall:.0f} s wall"
    )
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
