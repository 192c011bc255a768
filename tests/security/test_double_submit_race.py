"""Double submit at the same moment (issue 10, item 5c): PostgreSQL only.

Six posts of one suspension form with one submission token, each from its
own connection, at once: one suspension is saved and every post lands on it.
"""

import os
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from discipline.models import Suspension
from tests.conftest import reload_catalogs
from tests.security.test_double_submit import suspension_post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

POSTS = 6


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") and "postgres" in os.environ.get("DATABASE_URL", ""):
            pytest.fail("the concurrency tests must run on PostgreSQL in CI")
        pytest.skip("concurrent connections are a PostgreSQL matter")
    reload_catalogs()


def test_one_token_posted_six_times_at_once_saves_one_suspension(
    admin, student, make_referral, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    url = reverse("discipline:outcome-create", args=[referral.pk, "suspension"])
    clients = [Client() for _ in range(POSTS)]
    for client in clients:
        client.force_login(admin)
    barrier = threading.Barrier(POSTS)
    answers, failures = [], []

    def post(client):
        try:
            barrier.wait()
            answers.append(client.post(url, suspension_post("f" * 32)))
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    suspension = Suspension.objects.get(referral=referral)
    target = reverse("discipline:suspension-detail", args=[suspension.pk])
    assert [(a.status_code, a.url) for a in answers] == [(302, target)] * POSTS
