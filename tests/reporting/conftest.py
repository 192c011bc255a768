"""Shared data for the reporting tests.

Building a district through the services takes a few seconds; a module's tests
share one, built once inside a transaction that is rolled back when the module
ends (each test still runs in its own savepoint, so what a test publishes or
voids is undone after it).
"""

import datetime

import pytest
from django.db import transaction
from django.test import override_settings

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def module_data(build):
    """A module-scoped fixture holding what ``build()`` returns."""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
            with transaction.atomic():
                yield build()
                transaction.set_rollback(True)

    return fixture


@pytest.fixture
def two_schools(district):
    """Two schools in two regions: 3 out-of-school suspensions at "Mine Middle"
    (east), 5 at "Theirs Middle" (west), on 5 October 2026 (the district
    reports' tests)."""
    from tests.reporting.district import TinyDistrict

    day = datetime.date(2026, 10, 5)
    d = TinyDistrict()
    mine = d.school("Mine Middle", region="east")
    theirs = d.school("Theirs Middle", region="west")
    for _ in range(3):
        d.suspension(d.student(mine), day, code="1.1")
    for _ in range(5):
        d.suspension(d.student(theirs), day, code="1.1")
    return d, mine, theirs
