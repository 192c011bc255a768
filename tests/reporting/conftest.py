"""Shared data for the reporting tests.

Building a district through the services takes a few seconds; a module's tests
share one, built once inside a transaction that is rolled back when the module
ends (each test still runs in its own savepoint, so what a test publishes or
voids is undone after it).
"""

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
