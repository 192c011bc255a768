"""Backup and restore with PostgreSQL's own tools (issue 10, item 6).

A demo district is dumped with ``pg_dump --format=custom``, restored with
``pg_restore`` into an empty database, and every table — every record, every
historical row (django-simple-history), every log line — is found there
alike: same rows, same ids, same content. The steps are those of README's
"Backup and restore". PostgreSQL only: skipped on SQLite, required on CI's
PostgreSQL run.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from tests.conftest import reload_catalogs

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") and "postgres" in os.environ.get("DATABASE_URL", ""):
            pytest.fail("the backup test must run on PostgreSQL in CI")
        pytest.skip("pg_dump and pg_restore are PostgreSQL's")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.fail("pg_dump and pg_restore are needed (apt-get install postgresql-client)")
    reload_catalogs()


def _libpq_env():
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        PGHOST=db["HOST"] or "localhost",
        PGPORT=str(db["PORT"] or 5432),
        PGUSER=db["USER"] or "postgres",
    )
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _fingerprints(cursor) -> dict[str, tuple[int, str]]:
    """Each table's row count and an md5 of all its rows in key order."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t.{pk})), '') "
            f"FROM {table} t"
        )
        found[model._meta.db_table] = tuple(cursor.fetchone())
    return found


def test_a_dumped_demo_database_restores_with_every_record_and_its_history():
    call_command("seed_demo", schools=5, students=60, years=1, quiet=True, allow_production=False)
    # The generator writes in bulk (no history rows); one voiding through the
    # services, as at a school, gives the records a history to restore.
    from discipline import services
    from interventions.models import Intervention
    from people.models import Role, User

    intervention = Intervention.objects.order_by("pk").first()
    administrator = User.objects.filter(
        role=Role.ADMINISTRATOR, schools=intervention.school
    ).first()
    services.record_void(actor=administrator, record=intervention, reason="Entered twice.")
    with connection.cursor() as cursor:
        before = _fingerprints(cursor)
    assert before["discipline_referral"][0] > 0
    assert before["interventions_historicalintervention"][0] > 0

    source = connection.settings_dict["NAME"]
    restored = f"{source}_restore"
    env = _libpq_env()
    folder = Path(tempfile.mkdtemp())
    dump = folder / "discipline.dump"
    run = {"env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", source], **run)
    subprocess.run(["dropdb", "--if-exists", restored], **run)
    subprocess.run(["createdb", restored], **run)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],
            **run,
        )
        import psycopg2

        with (
            psycopg2.connect(
                dbname=restored,
                host=env["PGHOST"],
                port=env["PGPORT"],
                user=env["PGUSER"],
                password=env.get("PGPASSWORD"),
            ) as other,
            other.cursor() as cursor,
        ):
            after = _fingerprints(cursor)
        other.close()
    finally:
        subprocess.run(["dropdb", "--if-exists", restored], **run)
        shutil.rmtree(folder)

    differing = sorted(t for t in before if before[t] != after.get(t))
    assert differing == []
