"""manage.py generate_district: the synthetic district, at full size by default."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from demo.generator import FULL_SCHOOLS, FULL_STUDENTS, REFERRAL_RATE, Generator, Size
from demo.guard import holds_records, refuse_foreign_data, refuse_production
from demo.models import GeneratedDistrict


class Command(BaseCommand):
    help = (
        "Generate a synthetic district (seeded, deterministic) in bulk: schools in 4 regions "
        "and 7 Board Districts, students with seed 003's subgroup mixes and their enrollments, "
        "and --years school years of discipline history that obeys every rule. Defaults: the "
        f"full district ({FULL_SCHOOLS} schools, {FULL_STUDENTS:,} students, 3 years). Refuses "
        "a database that already holds a district unless --allow-existing-data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=FULL_SCHOOLS)
        parser.add_argument("--students", type=int, default=FULL_STUDENTS)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--referral-rate", type=float, default=REFERRAL_RATE)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--allow-existing-data", action="store_true")
        parser.add_argument("--allow-production", action="store_true")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **o):
        refuse_production("generate_district", o["allow_production"])
        refuse_foreign_data("generate_district", o["allow_existing_data"])
        if holds_records() and not o["allow_existing_data"]:
            raise CommandError(
                "generate_district: a generated district is already here; start from an empty "
                "database (or pass --allow-existing-data)."
            )
        if not 1 <= o["years"] <= 3:
            raise CommandError("--years must be 1 to 3.")
        if o["students"] < 10 or o["schools"] < 5:
            raise CommandError("--schools must be at least 5 and --students at least 10.")
        result = generate(
            command="generate_district",
            size=Size(o["schools"], o["students"], o["years"], o["referral_rate"]),
            seed=o["seed"],
            out=None if o["quiet"] else self.stdout,
        )
        if not o["quiet"]:
            for label, n in sorted(result.counts.items()):
                self.stdout.write(f"  {label:40s} {n:>10,}")
            t = result.seconds
            self.stdout.write(
                f"Generated in {t['total']:.1f}s (cumulative: organization "
                f"{t['organization']:.1f}s, students {t['students']:.1f}s, history "
                f"{t['history']:.1f}s; then statistics and foreign keys validated), "
                "before the commit."
            )


def generate(*, command, size, seed, out=None, today=None):
    """Generate in one transaction and record the run (the guard's marker)."""
    bar = None

    def log(message):
        if out is not None:
            out.write(message)

    def progress(done, total):
        nonlocal bar
        if out is None:
            return
        if bar is None:
            bar = tqdm(total=total, unit="student", desc="history", file=out._out)
        bar.update(done - bar.n)

    started = time.monotonic()
    with transaction.atomic():
        generator = Generator(size=size, seed=seed, today=today, log=log, progress=progress)
        result = generator.build()
        GeneratedDistrict.objects.create(
            command=command,
            seed=seed,
            schools=size.schools,
            students=size.students,
            years=size.years,
            seconds=round(time.monotonic() - started, 1),
            counts=result.counts,
        )
    if bar is not None:
        bar.close()
    return result
