from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Sum

from demo.generator import REFERRAL_RATE, Size
from demo.guard import holds_records, refuse_production
from demo.management.commands.generate_district import generate
from discipline.models import (
    AdministrativeAction,
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    LawEnforcementContact,
    PlacementDecision,
    Referral,
    SafetyFinding,
    Suspension,
    Transfer,
)
from interventions.models import Intervention
from people.demo import DEMO_PASSWORD

#: The demo's size: large enough that the District's and each region's 12-month
#: totals on the public pages are mostly 11 or more, small enough to build in seconds.
DEMO_SCHOOLS = 60
DEMO_STUDENTS = 6000


class Command(BaseCommand):
    help = (
        "Build the demo district in an empty database with the synthetic-district generator "
        "(demo/generator.py) at a small size: regions, Board Districts, schools, three school "
        "years with their calendars, students, staff and demo accounts, and a discipline "
        "history that obeys every rule. Refuses if the database already has schools (bin/demo "
        "starts from a fresh one) and on a production deployment."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=DEMO_SCHOOLS)
        parser.add_argument("--students", type=int, default=DEMO_STUDENTS)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument(
            "--referral-rate",
            type=float,
            default=REFERRAL_RATE,
            help=f"Referrals per student per school year (default {REFERRAL_RATE}).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--allow-production", action="store_true")
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args, schools, students, years, referral_rate, seed, quiet, **options):
        refuse_production("seed_demo", options["allow_production"])
        if holds_records():
            raise CommandError(
                "Demo data already present: this database has schools. seed_demo builds a "
                "district in an empty database; records are never deleted, so start from a "
                "fresh one (bin/demo makes a new db.sqlite3 each time)."
            )
        if schools < 5 or students < 10 or not 1 <= years <= 3:
            raise CommandError("--schools must be at least 5, --students 10, --years 1 to 3.")
        result = generate(
            command="seed_demo",
            size=Size(schools, students, years, referral_rate),
            seed=seed,
            out=None if quiet else self.stdout,
        )
        from django.utils import timezone

        from district.demo import district_demo_data
        from people.models import Role, User

        steward = User.objects.filter(role=Role.DISTRICT).order_by("pk").first()
        if steward is not None:
            district_demo_data(actor=steward, today=timezone.localdate(), seed=seed)
        if quiet:
            return
        self.summary()
        self.stdout.write(f"Done in {result.seconds['total']:.1f}s.\n")
        self.stdout.write(self.style.SUCCESS("Demo accounts (password for all of them):"))
        for username, what in result.accounts:
            self.stdout.write(f"  {username:<10} {DEMO_PASSWORD}   {what}")
        self.stdout.write(f"Every generated staff account has the same password ({DEMO_PASSWORD}).")

    def summary(self):
        def by(model, field):
            rows = model.objects.valid().values(field).annotate(n=Count("pk")).order_by(field)
            return ", ".join(f"{row[field]} {row['n']}" for row in rows) or "none"

        voided = Referral.objects.filter(voided_at__isnull=False).count()
        lines = [
            f"referrals: {Referral.objects.valid().count()} "
            f"({by(Referral, 'status')}; voided {voided})",
            f"interventions by tier: {by(Intervention, 'tier')}",
            f"suspensions: {by(Suspension, 'kind')}; school days "
            f"{Suspension.objects.valid().aggregate(d=Sum('school_days'))['d'] or 0}",
            f"safety findings: {SafetyFinding.objects.count()}",
            f"placement decisions: {PlacementDecision.objects.count()}",
            f"transfers: {by(Transfer, 'kind')}",
            f"expulsion recommendations: {by(ExpulsionRecommendation, 'status')}",
            f"expulsions: {Expulsion.objects.count()}; written findings (Category 2): "
            f"{ExpulsionFinding.objects.count()}",
            f"law-enforcement contacts: {by(LawEnforcementContact, 'kind')}",
            f"administrative actions: {AdministrativeAction.objects.count()}",
        ]
        self.stdout.write("History:")
        for line in lines:
            self.stdout.write(f"  {line}")
