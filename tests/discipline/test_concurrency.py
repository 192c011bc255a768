"""DAYS20 and MDR hold when administrators save at the same moment.

Many threads, each with its own database connection, try to add suspension
days for one student at once; the student's row lock (SELECT ... FOR UPDATE)
serializes them, so the year ends with at most 20 days and every loser is
told why. This needs PostgreSQL: it runs in CI's PostgreSQL pass and is
skipped, with a reason, on SQLite (where writers are serialized anyway).
"""

import datetime
import os
import threading

import pytest
from django.db import connection, connections

from discipline import rules, services
from discipline.models import Suspension
from people.models import Disability
from tests.conftest import PARENT_CONTACT, reload_catalogs

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 12


@pytest.fixture(autouse=True)
def _postgres_only(django_db_blocker):
    if connection.vendor != "postgresql":
        if os.environ.get("CI") and "postgres" in os.environ.get("DATABASE_URL", ""):
            pytest.fail("the concurrency tests must run on PostgreSQL in CI")
        pytest.skip("row locks are a PostgreSQL matter; run with DATABASE_URL=postgres://...")
    reload_catalogs()


def race(calls):
    """Run the calls at the same moment; return (results, errors)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except rules.RuleViolation as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _referrals(make_referral, student, count):
    # One referral per administrator, all for the same student and week.
    return [make_referral(student, "3.1a") for _ in range(count)]


def test_twenty_days_hold_when_many_administrators_save_at_once(
    make_referral, student, admin, give_alternatives
):
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    referrals = _referrals(make_referral, student, THREADS)

    def suspend(referral):
        return lambda: services.suspension_record(
            actor=admin,
            referral=referral,
            kind="out_of_school",
            start_date=datetime.date(2026, 10, 5),
            school_days=3,
            **PARENT_CONTACT,
        )

    results, errors = race([suspend(r) for r in referrals])

    total = rules.year_suspension_days(student, Suspension.objects.first().school_year)
    assert total <= 20
    assert len(results) == 6 and total == 18  # 6 x 3 days; a 7th would make 21
    assert len(errors) == THREADS - 6
    assert all(e.rule_ids == ["DAYS20"] for e in errors)


def test_the_mdr_threshold_holds_under_concurrent_saves(
    make_referral, make_student, admin, give_alternatives
):
    student = make_student(disability=Disability.IEP)
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    referrals = _referrals(make_referral, student, THREADS)

    def suspend(referral):
        return lambda: services.suspension_record(
            actor=admin,
            referral=referral,
            kind="in_school",
            start_date=datetime.date(2026, 10, 5),
            school_days=2,
            **PARENT_CONTACT,
        )

    results, errors = race([suspend(r) for r in referrals])

    total = rules.year_suspension_days(student, Suspension.objects.first().school_year)
    assert total == 10 and len(results) == 5
    assert errors and all("MDR" in e.rule_ids for e in errors)
