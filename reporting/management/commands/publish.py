from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from people.models import User
from reporting import metrics, services


class Command(BaseCommand):
    help = (
        "Publish a month's public discipline data: count it for every school, region and the "
        "District, suppress what could identify a student, and freeze it as a new version. "
        "Publishing a month again is a correction and needs --note."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="The month, as YYYY-MM.")
        parser.add_argument("--note", default="", help="What a correction changes.")
        parser.add_argument("--user", default="", help="Username recorded as the publisher.")

    def handle(self, *args, month, note, user, **options):
        try:
            month = metrics.parse_month(month)
        except ValueError as error:
            raise CommandError(str(error)) from error
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None or not actor.has_perm("reporting.publish"):
                raise CommandError(f"{user!r} is not a district staff account.")
        try:
            publication = services.publication_publish(month=month, actor=actor, note=note)
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
