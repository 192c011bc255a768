"""Measure the hot paths at district scale (SPEC section 7).

Builds a synthetic district of the asked size in the configured database
(use PostgreSQL: DATABASE_URL=postgres://...), then times what people wait
for: the rules check and save of a suspension for a student with a year of
history, an administrator's referral queue, a student's year totals; a
referral save and a suspension record through the services with every rule
(median, p95, queries per write); N proposed suspensions judged in bulk. The
loader writes its rows in bulk under its own name (``people.guard``): the
benchmark measures reads and checked writes, never the loader. Speed targets
are measured here, never in timed tests.
"""

import datetime
import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from discipline import rules, selectors, services
from discipline.benchmarks import time_bulk_judgment, time_writes
from discipline.models import Incident, Location, ReasonCode, Referral, Suspension
from interventions.models import InterventionType
from people.calendar import Calendar
from people.guard import service_write
from people.models import (
    BoardDistrict,
    Enrollment,
    Region,
    Role,
    School,
    SchoolYear,
    Student,
    User,
)

PREFIX = "BENCH"


class Command(BaseCommand):
    help = (
        "Benchmark the hot paths on a synthetic district: --schools, --students and "
        "--referrals set the size (defaults are 1/10 of the district: 78 schools, 60,000 "
        "students, 50,000 referrals). Prints timings in milliseconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=78)
        parser.add_argument("--students", type=int, default=60_000)
        parser.add_argument("--referrals", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument(
            "--bulk", type=int, default=10_000, help="proposed suspensions judged in bulk"
        )
        parser.add_argument(
            "--rules-only", action="store_true", help="only the rules' writes and bulk judgment"
        )

    def handle(self, *args, schools, students, referrals, repeat, bulk, **options):
        if School.objects.filter(code__startswith=PREFIX).exists():
            self.stdout.write("Reusing the benchmark district already in this database.")
        else:
            started = time.perf_counter()
            self.load(schools, students, referrals)
            self.stdout.write(f"loaded in {time.perf_counter() - started:.1f}s")
        if options.get("rules_only"):
            self.measure_rules(repeat, bulk)
            return
        self.measure(repeat)
        self.measure_rules(repeat, bulk)

    def load(self, n_schools, n_students, n_referrals):
        rng = random.Random(7)
        year = SchoolYear.containing(datetime.date.today()) or SchoolYear.objects.first()
        if year is None:
            raise CommandError("No school year: run seed_demo or add one in the admin first.")
        days = list(Calendar(year.first_day, min(year.last_day, datetime.date.today())).days())
        region, _ = Region.objects.get_or_create(code="bench", defaults={"name": "Bench Region"})
        board, _ = BoardDistrict.objects.get_or_create(number=1)
        with transaction.atomic(), service_write("benchmark loader"):
            schools = School.objects.bulk_create(
                School(code=f"{PREFIX}{i}", name=f"Bench School {i}", level="middle",
                       region=region, board_district=board)
                for i in range(n_schools)
            )  # fmt: skip
            pupils = Student.objects.bulk_create(
                (
                    Student(student_id=f"{PREFIX}{i}", first_name="Bench", last_name=f"S{i}",
                            birth_date=datetime.date(2012, 1, 1), gender="F",
                            race_ethnicity="hispanic")
                    for i in range(n_students)
                ),
                batch_size=5000,
            )  # fmt: skip
            Enrollment.objects.bulk_create(
                (
                    Enrollment(student=p, school=schools[i % n_schools], grade=7,
                               start=year.first_day)
                    for i, p in enumerate(pupils)
                ),
                batch_size=5000,
            )  # fmt: skip
            admin = User.objects.create(username=f"{PREFIX}-admin", role=Role.ADMINISTRATOR)
            admin.schools.set(schools)
            location = Location.objects.first()
            incidents = Incident.objects.bulk_create(
                (Incident(school=schools[i % n_schools], created_by=admin)
                 for i in range(n_referrals)),
                batch_size=5000,
            )  # fmt: skip
            made = Referral.objects.bulk_create(
                (
                    Referral(incident=incident, student=pupils[rng.randrange(n_students)],
                             school=incident.school, grade=7, incident_date=rng.choice(days),
                             location=location, description="Benchmark.", referred_by=admin)
                    for incident in incidents
                ),
                batch_size=5000,
            )  # fmt: skip
            code = ReasonCode.objects.get(code="3.7")
            Referral.reasons.through.objects.bulk_create(
                (Referral.reasons.through(referral=r, reasoncode=code) for r in made),
                batch_size=5000,
            )

    def measure(self, repeat):
        admin = User.objects.get(username=f"{PREFIX}-admin")
        school = School.objects.filter(code__startswith=PREFIX).first()
        student = Referral.objects.filter(school__code__startswith=PREFIX).values("student").first()
        student = Student.objects.get(pk=student["student"])
        referral = Referral.objects.filter(student=student).first()
        year = SchoolYear.containing(referral.incident_date)

        def queue():
            return list(
                Referral.objects.for_user(admin)
                .filter(school=school, status="open")
                .select_related("student", "referred_by", "location")
                .prefetch_related("reasons")[:50]
            )

        def year_total():
            return selectors.student_year_facts(student, year).year_days()

        def suspension_check():
            candidate = Suspension(
                referral=referral,
                kind="in_school",
                start_date=referral.incident_date,
                school_days=1,
                decided_by=admin,
            )
            facts = selectors.student_year_facts(student, year)
            return rules.judge_suspension(facts, services.suspension_proposal(candidate))

        def checked_write():
            with transaction.atomic():
                try:
                    services.suspension_record(
                        actor=admin,
                        referral=referral,
                        kind="in_school",
                        start_date=referral.incident_date,
                        school_days=1,
                    )
                except rules.RuleViolation:
                    pass
                transaction.set_rollback(True)

        self.stdout.write(f"database: {connection.vendor}; "
                          f"{Referral.objects.count():,} referrals, "
                          f"{Student.objects.count():,} students")  # fmt: skip
        for name, call in [
            ("referral queue, first page (50)", queue),
            ("a student's suspension days this year", year_total),
            ("rules check of one suspension", suspension_check),
            ("checked suspension write (rolled back)", checked_write),
        ]:
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                call()
                timings.append((time.perf_counter() - started) * 1000)
            self.stdout.write(
                f"{name:45s} median {statistics.median(timings):8.1f} ms   "
                f"max {max(timings):8.1f} ms"
            )

    def measure_rules(self, repeat, bulk):
        """A referral save and a suspension record with every rule, and a bulk
        judgment of ``bulk`` proposed suspensions."""
        admin = User.objects.get(username=f"{PREFIX}-admin")
        referral = (
            Referral.objects.filter(school__code__startswith=PREFIX)
            .select_related("student", "school")
            .order_by("pk")
            .first()
        )
        student, year = referral.student, SchoolYear.containing(referral.incident_date)
        # Every rule applies to this student: an IEP (MDR) and the alternatives
        # ALT asks for, so the suspension is saved rather than refused early.
        Student.objects.filter(pk=student.pk).update(disability="iep")
        student.refresh_from_db()
        kind = InterventionType.objects.first()
        for tier in (2, 3):
            if not student.interventions.filter(tier=tier).exists():
                services.intervention_record(
                    actor=admin, student=student, school=referral.school,
                    intervention_type=kind, tier=tier, started_on=year.first_day,
                )  # fmt: skip
        location, code = Location.objects.first(), ReasonCode.objects.get(code="3.7")
        contact = {
            "parent_contacted_at": datetime.datetime.combine(
                referral.incident_date, datetime.time(15), tzinfo=datetime.UTC
            ),
            "parent_contact_method": "phone",
            "parent_contact_result": "reached",
        }

        enrolled_at = student.enrollment_on(referral.incident_date).school

        def referral_save():
            services.referral_create(
                actor=admin, student=student, school=enrolled_at,
                incident_date=referral.incident_date, location=location, reasons=[code],
                description="Benchmark.",
            )  # fmt: skip

        def suspension_record():
            services.suspension_record(
                actor=admin, referral=referral, kind="in_school",
                start_date=referral.incident_date, school_days=1, **contact,
            )  # fmt: skip

        for name, call in [
            ("referral save, every rule (rolled back)", referral_save),
            ("suspension record, every rule (rolled back)", suspension_record),
        ]:
            t = time_writes(call, repeat)
            self.stdout.write(
                f"{name:45s} median {t['median_ms']:8.1f} ms   p95 {t['p95_ms']:8.1f} ms   "
                f"(CPU {t['cpu_median_ms']:.1f} ms)   {t['queries']:.0f} queries/write   "
                f"refused {t['refused']}/{t['repeat']}"
            )

        sample = list(
            Referral.objects.filter(
                school__code__startswith=PREFIX,
                incident_date__gte=year.first_day,
                incident_date__lte=year.last_day,
            )
            .order_by("?")
            .values_list("pk", "student_id", "incident_date")[:bulk]
        )
        proposals = [
            (
                student_id,
                rules.SuspensionProposal(
                    referral_id=pk,
                    kind="out_of_school",
                    start_date=day,
                    school_days=2,
                    decided_by_admin=True,
                    parent_contacted_at=contact["parent_contacted_at"],
                    parent_contact_method="phone",
                    parent_contacted_by_id=admin.pk,
                    parent_contact_result="reached",
                ),
            )  # fmt: skip
            for pk, student_id, day in sample
        ]
        b = time_bulk_judgment(proposals, year)
        self.stdout.write(
            f"{b['proposals']:,} proposed suspensions judged in bulk ({b['students']:,} "
            f"students): {b['total_s']:.2f} s, CPU {b['cpu_s']:.2f} s (facts {b['load_s']:.2f} s "
            f"in {b['queries']} "
            f"queries, judging {b['judge_s']:.2f} s); violations {b['violations']}"
        )
