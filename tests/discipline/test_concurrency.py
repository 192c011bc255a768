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
from functools import partial

import pytest
from django.db import connection, connections

from discipline import rules, selectors, services
from discipline.audit import invariant_violations
from discipline.models import Referral, Suspension
from people.models import Disability
from tests.conftest import reload_catalogs

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


@pytest.mark.parametrize(
    ("student_fields", "kind", "days", "saved", "rule"),
    [
        # DAYS20: 6 x 3 days make 18; a 7th would make 21.
        pytest.param({}, "out_of_school", 3, 6, "DAYS20", id="twenty-days"),
        # MDR: 5 x 2 days make 10; a 6th would pass 10 without a placement decision.
        pytest.param({"disability": Disability.IEP}, "in_school", 2, 5, "MDR", id="mdr"),
    ],
)
def test_the_year_limits_hold_when_many_administrators_save_at_once(
    make_referral, make_student, give_alternatives, suspend, student_fields, kind, days, saved, rule
):
    student = make_student(**student_fields)
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    # One referral per administrator, all for the same student and week.
    referrals = [make_referral(student, "3.1a") for _ in range(THREADS)]

    # Each suspension starts on the incident day.
    results, errors = race([partial(suspend, r, kind=kind, days=days) for r in referrals])

    year = Suspension.objects.first().school_year
    total = selectors.student_year_facts(student, year).year_days()
    assert len(results) == saved and total == saved * days
    assert len(errors) == THREADS - saved
    assert all(e.rule_ids == [rule] for e in errors)


def race_all(calls):
    """Run the calls at the same moment; return (results, errors of any kind)."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:  # noqa: BLE001 - the test inspects each one
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_of_three_simultaneous_voids_one_wins_and_the_others_are_told(
    make_referral, student, give_alternatives, suspend, admin
):
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    suspension = suspend(make_referral(student, "3.1a"))
    calls = [
        partial(
            services.record_void,
            actor=admin,
            record=Suspension.objects.get(pk=suspension.pk),
            reason=f"Entered in error ({n}).",
        )
        for n in range(3)
    ]
    results, errors = race_all(calls)
    assert len(results) == 1 and len(errors) == 2
    assert all("already voided" in " ".join(e.messages) for e in errors)
    suspension.refresh_from_db()
    assert suspension.void_reason == results[0].void_reason
    # One history record of the void, not three.
    assert suspension.history.filter(voided_at__isnull=False).count() == 1


@pytest.mark.parametrize("run", range(2))
def test_a_void_and_an_outcome_at_the_same_moment_never_leave_a_voided_referral_with_days(
    make_referral, student, give_alternatives, suspend, admin, run
):
    give_alternatives(student, on=datetime.date(2026, 9, 1))
    referral = make_referral(student, "3.1a")
    results, errors = race_all(
        [
            partial(services.record_void, actor=admin, record=referral, reason="Wrong student."),
            partial(suspend, Referral.objects.get(pk=referral.pk)),
        ]
    )
    assert len(results) == 1 and len(errors) == 1, errors
    referral.refresh_from_db()
    valid = Suspension.objects.valid().filter(referral=referral).count()
    # Either the void came first (the suspension is refused: the referral is
    # voided) or the suspension did (the void is refused: void it first).
    assert (referral.is_voided, valid) in {(True, 0), (False, 1)}
    assert invariant_violations() == []
