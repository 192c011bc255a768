"""Double submit at the same moment (issue 10, item 5c): PostgreSQL only.

Six posts of one suspension form with one submission token, each from its
own connection, at once: one suspension is saved and every post lands on it.
The same for a district data form (a police deployment, which nothing else
makes unique), an add page of the Django admin (a catalog entry) and the SIS
import's "import" button (one real run per dry run).
"""

import os
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from discipline.models import Suspension
from district.models import PoliceDeployment
from imports.models import ImportRun
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


def post_at_once(user, url, data):
    """``POSTS`` posts of ``data`` to ``url`` by ``user``, each on its own
    connection, released together; their answers."""
    clients = [Client() for _ in range(POSTS)]
    for client in clients:
        client.force_login(user)
    barrier = threading.Barrier(POSTS)
    answers, failures = [], []

    def post(client):
        try:
            barrier.wait()
            answers.append(client.post(url, data))
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
    return answers


def test_one_token_posted_six_times_at_once_saves_one_suspension(
    admin, student, make_referral, give_alternatives
):
    give_alternatives(student)
    referral = make_referral(student, "3.1a")
    url = reverse("discipline:outcome-create", args=[referral.pk, "suspension"])
    answers = post_at_once(admin, url, suspension_post("f" * 32))
    suspension = Suspension.objects.get(referral=referral)
    target = reverse("discipline:suspension-detail", args=[suspension.pk])
    assert [(a.status_code, a.url) for a in answers] == [(302, target)] * POSTS


def test_one_deployment_form_posted_six_times_at_once_saves_one_deployment(district, school):
    data = {
        "school": school.pk,
        "starts_on": "2026-10-05",
        "ends_on": "2026-10-06",
        "reason": "campus_violence",
        "submission_token": "q" * 32,
    }
    answers = post_at_once(district, reverse("reporting:deployment-create"), data)
    assert PoliceDeployment.objects.count() == 1
    assert {a.status_code for a in answers} == {302}


def test_the_import_button_pressed_six_times_at_once_makes_one_real_run(district):
    dry = ImportRun.objects.create(
        started_by=district, file_name="students.csv", content=b"student_id\n",
        dry_run=True, status="done", report={"errors": []},
    )  # fmt: skip
    answers = post_at_once(district, reverse("imports:import-run", args=[dry.pk]), {})
    assert ImportRun.objects.filter(dry_run_of=dry).count() == 1
    assert {a.status_code for a in answers} == {302}


def test_one_admin_add_posted_six_times_at_once_saves_one_catalog_entry(district):
    from discipline.models import Location
    from tests.security.test_admin_double_submit import location_post

    answers = post_at_once(
        district, reverse("admin:discipline_location_add"), location_post("r" * 32)
    )
    assert Location.objects.filter(slug="bus").count() == 1
    assert {a.status_code for a in answers} == {302}
