import time

from django.core.management.base import BaseCommand, CommandError

from exports import services, tasks
from exports.models import ExportKind
from people.models import User


class Command(BaseCommand):
    help = (
        "Write a list's CSV as USERNAME would get it from the export button, with the "
        "list page's filters as a query string (e.g. 'status=' for every status), "
        "through the same task a worker runs (run in this process); print where the "
        "file is, its rows and the time taken."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("kind", choices=ExportKind.values)
        parser.add_argument("query", nargs="?", default="")

    def handle(self, *args, username, kind, query, **options):
        owner = User.objects.filter(username=username, is_active=True).first()
        if owner is None:
            raise CommandError(f"No active user {username!r}.")
        export = services.export_start(owner=owner, kind=kind, query=query)
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            tasks.run_export.call(export.pk)
        except Exception as error:
            raise CommandError(f"The export failed: {error}") from error
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        export.refresh_from_db()
        self.stdout.write(
            f"export {export.pk}: {export.done} rows in {wall:.1f} s wall, {cpu:.1f} s CPU "
            f"({export.done / wall if wall else 0:,.0f} rows/s); file {export.file.path}"
        )
