import datetime
import math

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from people.models import User
from reporting import metrics, services
from reporting.models import Publication
from reporting.suppression import UnsafeTable


def last_complete_months(count: int, today: datetime.date) -> list[datetime.date]:
    """The ``count`` months that ended before ``today``, oldest first."""
    last = metrics.add_months(metrics.month_start(today), -1)
    return [metrics.add_months(last, -i) for i in reversed(range(count))]


def one_whole_number(narrow: dict) -> bool:
    """True when a linear-programming range (low, high) holds a single whole number."""
    if narrow.get("high") is None:
        return False
    return math.floor(narrow["high"] + 1e-6) == math.ceil(narrow["low"] - 1e-6)


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
        refused = []
        for chosen in months:
            try:
                publication = services.publication_publish(month=chosen, actor=actor, note=note)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            except UnsafeTable:
                # Failed loudly and recorded with its reason; the later months are still
                # tried (each is judged with what is actually published).
                failed = Publication.objects.filter(month=chosen).order_by("-version").first()
                reason = failed.error if failed else "suppression failed"
                refused.append(f"{metrics.month_label(chosen)}: {reason}")
                self.stderr.write(refused[-1])
                continue
            counts = publication.data["counts"]
            self.stdout.write(
                self.style.SUCCESS(
                    f"Published {publication.month_label} version {publication.version} in "
                    f"{publication.seconds}s: {counts['cells']} cells listed, "
                    f"{counts['hidden']} hidden; {publication.get_absolute_url()}"
                )
            )
            for line in disclosure_lines(publication):
                self.stdout.write(line)
        if refused:
            raise CommandError("Not published: " + "; ".join(refused))


def disclosure_lines(publication) -> list[str]:
    """What the publication shows, per level and window (kept on it as ``disclosure``)."""
    data = publication.data.get("disclosure") or {}
    lines = [
        f"{'level':9s} {'window':6s} {'cells':>8s} {'shown':>7s} {'non-zero shown':>15s} "
        f"{'hidden as complement (>=11)':>28s}"
    ]
    for level in ("district", "region", "school"):
        for kind in ("m", "3m", "12m"):
            row = data.get("levels", {}).get(level, {}).get(kind)
            if not row:
                continue
            lines.append(
                f"{level:9s} {kind:6s} {row['cells']:8d} {_pct(row['shown_share']):>7s} "
                f"{_pct(row['nonzero_shown_share']):>15s} {_pct(row['complement_share']):>28s}"
            )
    lines.append(
        f"District and region totals of 11 or more hidden: {data.get('large_totals_hidden', 0)}"
    )
    narrow = data.get("narrowest")
    if narrow:
        high = "unbounded" if narrow["high"] is None else f"{narrow['high']:g}"
        note = "" if narrow["complete"] else " (search capped: narrowest found)"
        lines.append(
            f"narrowest range a reader can pin a hidden count to: {narrow['low']:g} to {high} "
            f"({narrow['key']}){note}"
        )
        if one_whole_number(narrow):
            lines.append(
                "WARNING: that range holds one whole number: a reader who knows counts are "
                "whole numbers can work this count out. The audit's whole-number witnesses "
                "should have prevented it (docs/publication.md): report it"
            )
    else:
        lines.append("narrowest range a reader can pin a hidden count to: nothing hidden")
    suppression = publication.data.get("counts", {}).get("suppression") or {}
    for stat, cost in suppression.items():
        lines.append(
            f"suppression of {stat}: {cost.get('cells', 0)} cells, {cost.get('cpu_seconds')}s CPU, "
            f"{cost.get('audits')} audits, {cost.get('audited_cells')} cells audited, "
            f"largest group {cost.get('largest_component')}"
        )
    return lines


def _pct(share) -> str:
    return "-" if share is None else f"{share * 100:.1f}%"
