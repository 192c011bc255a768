"""A large export as a task (``django_tasks``), as publishing and imports run:
the export button enqueues it, a worker (``manage.py db_worker``) runs it. Its
progress is kept in the ``progress`` cache while it runs (on PostgreSQL the rows
are read inside one transaction, so the export's own row would show nothing
until the end), and its outcome on the ``Export``: done with its file, or failed
with the reason, shown on its page."""

from django.core.cache import caches
from django.utils import timezone
from django_tasks import task

from exports import services
from exports.models import Export, ExportStatus


def progress_key(export_id):
    return f"export-{export_id}"


def read_progress(export):
    """(done, total) of an export: live from the cache while it runs."""
    if export.status == ExportStatus.RUNNING:
        live = caches["progress"].get(progress_key(export.pk))
        if live:
            return live
    return export.done, export.total


@task()
def run_export(export_id: int) -> int:
    # Old files go when a new export starts (and with ``manage.py prune_exports``).
    services.exports_prune()
    export = Export.objects.select_related("owner").get(pk=export_id)
    Export.objects.filter(pk=export_id).update(
        status=ExportStatus.RUNNING, started_at=timezone.now()
    )
    cache = caches["progress"]

    def progress(done, total):
        cache.set(progress_key(export_id), (done, total), 3600)

    try:
        export = services.export_write(export, progress=progress)
    except Exception as error:
        Export.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED,
            error=str(error)
            if isinstance(error, services.ScopeChanged)
            else f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    finally:
        cache.delete(progress_key(export_id))
    return export.done
