"""The synthetic district generator and the benchmark, small (no timing asserted)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from demo.generator import Generator, Size, level_counts
from demo.models import GeneratedDistrict
from discipline.audit import invariant_violations
from discipline.models import Referral, Suspension
from people.models import BoardDistrict, Region, School, Student

pytestmark = pytest.mark.django_db


def test_the_full_district_has_780_schools_of_every_level():
    counts = level_counts(780)
    assert sum(counts.values()) == 780
    assert counts["elementary"] > counts["high"] > 0 and min(counts.values()) > 0


def test_a_small_district_is_generated_within_every_rule_and_recorded():
    out = io.StringIO()
    call_command("generate_district", schools=8, students=300, years=2, stdout=out)

    assert School.objects.count() == 8
    assert Region.objects.count() == 4 and BoardDistrict.objects.count() == 7
    assert Referral.objects.exists() and Suspension.objects.exists()
    assert invariant_violations() == []
    run = GeneratedDistrict.objects.get()
    assert run.command == "generate_district" and run.counts["discipline.Referral"] > 0
    assert "Generated in" in out.getvalue()


def test_the_demo_schools_have_a_letterhead_and_some_families_an_email_on_file():
    """The notice's header shows the school's address and phone, and a suspension
    is emailed where the family has an address: the demo has both, all made up."""
    Generator(size=Size(6, 120, 2), seed=3).build()
    for school in School.objects.all():
        assert school.address.endswith(", Los Angeles, CA " + school.address[-5:])
        assert school.phone.startswith("(213) 555-01"), school.phone
    emails = list(Student.objects.exclude(family_email="").values_list("family_email", flat=True))
    students = Student.objects.count()
    assert 0.3 * students < len(emails) < 0.9 * students
    assert all(email.endswith("@demo.invalid") for email in emails)


def test_the_same_seed_gives_the_same_district(django_db_blocker):
    from django.db import transaction

    def snapshot(seed):
        with transaction.atomic():
            Generator(size=Size(6, 120, 2), seed=seed).build()
            rows = (
                list(Student.objects.order_by("student_id").values_list("student_id", "last_name")),
                list(
                    Referral.objects.values("incident_date", "student__student_id")
                    .annotate(n=Count("pk"))
                    .order_by("incident_date", "student__student_id")
                ),
            )
            transaction.set_rollback(True)
        return rows

    assert snapshot(7) == snapshot(7)
    assert snapshot(7) != snapshot(8)


def test_the_generator_refuses_a_database_with_records_it_did_not_make(school):
    with pytest.raises(CommandError, match="did not make"):
        call_command("generate_district", schools=5, students=10, quiet=True)
    with pytest.raises(CommandError, match="did not make"):
        call_command("benchmark", quick=True, no_http=True, output="")


def test_seed_demo_refuses_a_production_deployment(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="DJANGO_ENV=production"):
        call_command("seed_demo", schools=5, students=10, quiet=True)
    with pytest.raises(CommandError, match="DJANGO_ENV=production"):
        call_command("generate_district", schools=5, students=10, quiet=True)


def test_the_benchmark_smoke_run_prints_its_table(tmp_path):
    out = io.StringIO()
    target = tmp_path / "benchmarks.md"
    call_command(
        "benchmark", schools=6, students=150, years=2, quick=True, no_http=True,
        output=str(target), stdout=out,
    )  # fmt: skip
    table = target.read_text()
    assert "| measure | median | p95 | x floor | notes |" in table
    for measure in (
        "generator: the whole district",
        "floor: both",
        "before suppression",
        "save a referral with all rules",
        "record a suspension with all rules",
        "bulk judgment",
        "publish one month",
        "import dry run",
    ):
        assert measure in table, measure
    assert "rows/minute" in table


def test_the_benchmark_times_every_district_report(tmp_path):
    target = tmp_path / "benchmarks.md"
    call_command(
        "benchmark", schools=6, students=150, years=2, quick=True, no_http=True,
        reports_only=True, output=str(target), stdout=io.StringIO(),
    )  # fmt: skip
    table = target.read_text()
    for report in (
        "home (how are we doing)",
        "glance",
        "referrals (Big 5)",
        "disproportionality",
        "restorative justice",
        "watch lists",
        "deployments",
        "staffing",
    ):
        for how in ("computed", "served"):
            assert f"report: {report} alone, {how}" in table, (report, how)
    assert "queries" in table and "CPU" in table
    # Only the reports: no writes, imports or publication timed.
    assert "import dry run" not in table and "save a referral" not in table
