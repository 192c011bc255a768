from django.core.management.base import BaseCommand, CommandError

from reporting import metrics
from reporting.management.commands.publish import disclosure_lines
from reporting.models import Publication


class Command(BaseCommand):
    help = (
        "Measure what a publication shows: per level (District, region, school) and window, "
        "the share of cells shown, of non-zero cells shown and of cells hidden only as "
        "complements; the District's and regions' totals of 11 or more that are hidden; the "
        "narrowest range a reader can pin a hidden count to; and what suppression cost."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="The month, as YYYY-MM.")
        parser.add_argument(
            "--publication-version", dest="number", type=int, help="Default: the latest."
        )

    def handle(self, *args, month, number, **options):
        try:
            month = metrics.parse_month(month)
        except ValueError as error:
            raise CommandError(str(error)) from error
        publications = Publication.objects.filter(month=month).order_by("-version")
        if number is not None:
            publications = publications.filter(version=number)
        publication = publications.first()
        if publication is None:
            raise CommandError("No such publication.")
        self.stdout.write(
            f"{publication.month_label} version {publication.version}: "
            f"{publication.get_status_display()}"
        )
        if publication.error:
            self.stdout.write(publication.error)
        for line in disclosure_lines(publication):
            self.stdout.write(line)
