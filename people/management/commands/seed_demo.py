import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from discipline.demo import REFERRAL_RATE, HistoryBuilder
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
from people.demo import DEMO_PASSWORD, MAX_SCHOOLS_PER_LEVEL, DistrictBuilder
from people.models import School


class Command(BaseCommand):
    help = (
        "Build a synthetic demo district in an empty database: regions, board districts, "
        "schools, two school years with their calendars, students, staff and demo accounts, "
        "and a history of discipline written through the services, so every rule holds. "
        "Refuses if the database already has schools (start from a fresh database; bin/demo "
        "does)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schools-per-level",
            type=int,
            default=20,
            help="Elementary, middle and high schools each (default 20), plus a few span and "
            "other schools.",
        )
        parser.add_argument(
            "--students", type=int, default=4000, help="Students enrolled now (default 4000)."
        )
        parser.add_argument(
            "--referral-rate",
            type=float,
            default=REFERRAL_RATE,
            help=f"Referrals per student per school year (default {REFERRAL_RATE}); the "
            "history's size, and most of the time the command takes.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args, schools_per_level, students, referral_rate, seed, quiet, **options):
        if School.objects.exists():
            raise CommandError(
                "Demo data already present: this database has schools. seed_demo builds a "
                "district in an empty database; records are never deleted, so start from a "
                "fresh one (bin/demo makes a new db.sqlite3 each time)."
            )
        if not 1 <= schools_per_level <= MAX_SCHOOLS_PER_LEVEL:
            raise CommandError(f"--schools-per-level must be 1 to {MAX_SCHOOLS_PER_LEVEL}.")
        if students < 10:
            raise CommandError("--students must be at least 10.")

        def log(message):
            if not quiet:
                self.stdout.write(message)

        started = time.monotonic()
        with transaction.atomic():
            district = DistrictBuilder(
                seed=seed,
                schools_per_level=schools_per_level,
                students=students,
                today=timezone.localdate(),
                log=log,
            ).build()
        log(
            "District: {regions} regions, {schools} schools, {students} students "
            "({enrollments} enrollments), {staff} staff accounts ({:.0f}s)".format(
                time.monotonic() - started, **district.counts
            )
        )
        history = HistoryBuilder(district, seed=seed, log=log, referral_rate=referral_rate)
        history.build()
        if quiet:
            return
        self.summary(history)
        self.stdout.write(f"Done in {time.monotonic() - started:.0f}s.\n")
        self.stdout.write(self.style.SUCCESS("Demo accounts (password for all of them):"))
        for username, what in district.accounts:
            self.stdout.write(f"  {username:<10} {DEMO_PASSWORD}   {what}")
        self.stdout.write(f"Every generated staff account has the same password ({DEMO_PASSWORD}).")

    def summary(self, history):
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
            f"law-enforcement contacts: {by(LawEnforcementContact, 'kind')} (arrests not "
            "school-based: "
            f"{LawEnforcementContact.objects.filter(kind='arrest', school_based=False).count()})",
            f"administrative actions: {AdministrativeAction.objects.count()}",
        ]
        self.stdout.write("History:")
        for line in lines:
            self.stdout.write(f"  {line}")
        for note, n in sorted(history.notes.items()):
            self.stdout.write(f"  {note}: {n}")
        skipped = Counter(history.skipped)
        total = sum(skipped.values())
        self.stdout.write(f"Writes refused by the rules and skipped: {total}")
        for event, n in skipped.most_common():
            self.stdout.write(f"  {event}: {n}")
