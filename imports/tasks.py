"""The import as a task (``django_tasks``): the upload page enqueues it, a worker
(``manage.py db_worker``) runs it, and its progress and outcome are stored on the
``ImportRun`` (progress, while the import's transaction is open, in the
``progress`` cache that the web process reads too)."""

from django.core.cache import caches
from django.utils import timezone
from django_tasks import task

from imports.engine import run_import
from imports.models import ImportRun, ImportStatus


def progress_key(run_id):
    return f"import-run-{run_id}"


def read_progress(run):
    """(done, total, phase) of a run: live from the cache while it runs."""
    if run.status == ImportStatus.RUNNING:
        live = caches["progress"].get(progress_key(run.pk))
        if live:
            return live
    return run.done, run.total, run.phase


@task()
def run_import_task(run_id: int) -> dict:
    run = ImportRun.objects.get(pk=run_id)
    ImportRun.objects.filter(pk=run_id).update(status=ImportStatus.RUNNING, phase="read")
    cache = caches["progress"]

    def progress(done, total, phase):
        cache.set(progress_key(run_id), (done, total, phase), 3600)

    try:
        report = run_import(
            [(run.file_name, bytes(run.content))],
            actor=run.started_by,
            dry_run=run.dry_run,
            progress=progress,
        )
    except Exception as error:
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportStatus.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    finally:
        cache.delete(progress_key(run_id))
    ImportRun.objects.filter(pk=run_id).update(
        status=ImportStatus.DONE,
        report=report.as_dict(),
        done=report.rows,
        total=report.rows,
        phase="done",
        finished_at=timezone.now(),
    )
    return {"rows": report.rows, "errors": len(report.errors), "committed": report.committed}
