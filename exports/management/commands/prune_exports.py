from django.core.management.base import BaseCommand

from exports import services


class Command(BaseCommand):
    help = (
        "Delete the files of exports written more than EXPORTS_KEEP_HOURS ago (each new "
        "export does this too); the exports' rows stay, marked 'file deleted'."
    )

    def handle(self, *args, **options):
        pruned = services.exports_prune()
        self.stdout.write(f"{pruned} export file(s) deleted.")
