"""Publishing and importing go through the database task queue and its worker
(``manage.py db_worker``), as in the demo and in production."""

import datetime

import pytest
from django.core.management import call_command

from imports.models import ImportRun, ImportStatus
from imports.tasks import run_import_task
from people.models import Student
from reporting.models import Publication
from reporting.tasks import publish_month
from tests.conftest import reload_catalogs
from tests.reporting.district import TinyDistrict

# serialized_rollback: its closing flush must not re-create content types that the
# next serialized test restores (Django inhibits post_migrate only then).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def _database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    reload_catalogs()  # an earlier transactional test may have flushed them


def test_an_import_waits_in_the_queue_until_a_worker_runs_it(district):
    data = (
        b"student_id,first_name,last_name,birth_date,gender,race_ethnicity\n"
        b"555000001,Ada,Lane,2014-02-03,F,black\n"
    )
    run = ImportRun.objects.create(
        started_by=district, file_name="students.csv", content=data, dry_run=False
    )
    result = run_import_task.enqueue(run.pk)
    assert ImportRun.objects.get(pk=run.pk).status == ImportStatus.QUEUED

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    run.refresh_from_db()
    result.refresh()
    assert run.status == ImportStatus.DONE and run.report["committed"]
    assert result.status == "SUCCESSFUL"
    assert Student.objects.filter(student_id="555000001").exists()


def test_a_publication_runs_in_the_worker_and_a_failure_keeps_its_reason(monkeypatch):
    t = TinyDistrict()
    alder = t.school("Alder Middle School", "east", code="5001")
    for s in t.students(alder, 12):
        t.suspension(s, datetime.date(2026, 10, 6), days=1)
    from reporting import services

    publication = services.publication_start(month=datetime.date(2026, 10, 1))
    publish_month.enqueue(publication.pk)

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    publication.refresh_from_db()
    assert publication.status == "published"

    def broken(*args, **kwargs):
        raise RuntimeError("the suppression did not converge")

    monkeypatch.setattr("reporting.services.build_publication", broken)
    again = services.publication_start(month=datetime.date(2026, 10, 1), note="Recount.")
    result = publish_month.enqueue(again.pk)
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    again.refresh_from_db()
    result.refresh()
    assert again.status == "failed" and "did not converge" in again.error
    assert result.status == "FAILED"
    assert Publication.objects.filter(status="published").count() == 1


def test_a_large_export_waits_in_the_queue_until_a_worker_writes_it(district):
    from exports import services as export_services
    from exports.models import Export, ExportStatus
    from exports.tasks import run_export

    export = export_services.export_start(owner=district, kind="referrals", query="status=")
    result = run_export.enqueue(export.pk)
    assert Export.objects.get(pk=export.pk).status == ExportStatus.QUEUED

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    export.refresh_from_db()
    result.refresh()
    assert export.status == ExportStatus.DONE and result.status == "SUCCESSFUL"
    with export.file.open("rb") as f:
        assert f.read().startswith("\ufeffReferral,".encode())
