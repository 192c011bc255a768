"""Large exports: a list's CSV written by a task instead of in the request.

The rows are the ones the list's own download writes (``discipline.exports``:
one row format, one safe CSV writer in ``people.exports``), read from the
database ``CHUNK`` records at a time and written to a file in Django's storage
(``MEDIA_ROOT``); the file's page and download answer its owner only.
"""

from __future__ import annotations

import datetime
import io
import secrets
import tempfile
from collections.abc import Callable
from contextlib import nullcontext

from django.conf import settings
from django.core.files import File
from django.db import connection, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from discipline.exports import intervention_rows, referral_rows
from exports.models import Export, ExportKind, ExportStatus, scope_of
from people.exports import RecordRows, write_table

#: Each kind: the rows of its CSV (the list's own download) and its list page.
SOURCES = {
    ExportKind.REFERRALS: (referral_rows, "discipline:referral-list"),
    ExportKind.INTERVENTIONS: (intervention_rows, "interventions:intervention-list"),
}


def export_source(kind: str, user, query: str, today: datetime.date) -> RecordRows:
    rows, _list = SOURCES[kind]
    return rows(user, QueryDict(query), today)


def export_start(*, owner, kind: str, query: str) -> Export:
    """Record the export asked for; the caller enqueues ``tasks.run_export``."""
    return Export.objects.create(owner=owner, kind=kind, query=query, scope=scope_of(owner))


class ScopeChanged(Exception):
    pass


def _reading():
    """Where the rows are read. PostgreSQL streams a server-side cursor only inside
    a transaction (outside one Django declares it WITH HOLD, and the server
    computes and stores every row before the first arrives); SQLite's
    transactions here take the write lock when they begin (``transaction_mode``
    IMMEDIATE, config/settings.py), so there the rows are read in autocommit."""
    return transaction.atomic() if connection.vendor == "postgresql" else nullcontext()


def export_write(export: Export, *, progress: Callable[[int, int], None]) -> Export:
    """Write the export's file and record it done. ``progress(done, total)`` is
    called after each chunk of rows."""
    owner = export.owner
    if not owner.is_active or scope_of(owner) != export.scope:
        raise ScopeChanged(
            _("What you may read changed after you asked for this export: ask for it again.")
        )
    source = export_source(export.kind, owner, export.query, timezone.localdate())
    written = 0
    with tempfile.TemporaryFile() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        with _reading():
            total = source.count()
            progress(0, total)

            def step(done):
                nonlocal written
                written = done
                progress(done, max(total, done))

            write_table(text, source.header, source.rows(progress=step))
        text.flush()
        text.detach()  # the file stays open for the storage to copy
        raw.seek(0)
        export.file.save(f"{secrets.token_hex(16)}.csv", File(raw), save=False)
    Export.objects.filter(pk=export.pk).update(
        status=ExportStatus.DONE,
        file=export.file.name,
        file_name=f"{source.name}.csv",
        done=written,
        total=written,
        finished_at=timezone.now(),
    )
    export.refresh_from_db()
    return export


def exports_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of exports written more than ``EXPORTS_KEEP_HOURS`` ago;
    their rows stay (who exported what, when), marked "file deleted"."""
    cutoff = (now or timezone.now()) - datetime.timedelta(hours=settings.EXPORTS_KEEP_HOURS)
    pruned = 0
    for export in Export.objects.filter(status=ExportStatus.DONE, finished_at__lt=cutoff):
        if export.file:
            export.file.delete(save=False)
        Export.objects.filter(pk=export.pk).update(status=ExportStatus.EXPIRED, file="")
        pruned += 1
    return pruned
