import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from people.models import User
from reporting import metrics, services
from reporting.models import Publication


def last_complete_months(count: int, today: datetime.date) -> list[datetime.date]:
    """The ``count`` months that ended before ``today``, oldest first."""
    last = metrics.add_months(metrics.month_start(today), -1)
    return [metrics.add_months(last, -i) for i in reversed(range(count))]


class Command(BaseCommand):
    help = (
        "Publish a month's public discipline data: count it for every school, region and the "
        "District, suppress what could identify a student, and freeze it as a new version. "
        "Publishing a month again is a correction and needs --note. --last N publishes the "
        "last N complete months that are not published yet (bin/demo uses --last 3)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--month", help="The month, as YYYY-MM.")
        which.add_argument(
            "--last",
            type=int,
            metavar="N",
            help="The last N complete months, oldest first, skipping those already published.",
        )
        parser.add_argument("--note", default="", help="What a correction changes.")
        parser.add_argument("--user", default="", help="Username recorded as the publisher.")

    def handle(self, *args, month, last, note, user, **options):
        if month is not None:
            try:
                months = [metrics.parse_month(month)]
            except ValueError as error:
                raise CommandError(str(error)) from error
        else:
            if not 1 <= last <= 24:
                raise CommandError("--last must be 1 to 24.")
            published = set(Publication.objects.published().values_list("month", flat=True))
            months = [
                m for m in last_complete_months(last, timezone.localdate()) if m not in published
            ]
            if not months:
                self.stdout.write("Those months are already published.")
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None or not actor.has_perm("reporting.publish"):
                raise CommandError(f"{user!r} is not a district staff account.")
        for chosen in months:
            try:
                publication = services.publication_publish(month=chosen, actor=actor, note=note)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            counts = publication.data["counts"]
            self.stdout.write(
                self.style.SUCCESS(
                    f"Published {publication.month_label} version {publication.version} in "
                    f"{publication.seconds}s: {counts['cells']} cells listed, "
                    f"{counts['hidden']} hidden; {publication.get_absolute_url()}"
                )
            )
