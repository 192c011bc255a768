from django.core.management.base import BaseCommand, CommandError

from discipline.audit import invariant_violations


class Command(BaseCommand):
    help = (
        "Read every stored discipline record back against the invariants of the rules "
        "(SPEC section 4) and list any that is broken. Exits non-zero if one is."
    )

    def handle(self, *args, **options):
        broken = invariant_violations()
        for rule_id, description in broken:
            self.stdout.write(f"[{rule_id}] {description}")
        if broken:
            raise CommandError(f"{len(broken)} broken invariant(s)")
        self.stdout.write("Every invariant holds.")
