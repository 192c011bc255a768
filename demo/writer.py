"""Bulk writing of many rows with ids chosen up front.

The generator and the SIS import know every row's id before they write it
(``Ids`` hands out the next free ids of a table), so rows that point at each
other can be written table by table without reading anything back. On
PostgreSQL the rows go in with ``COPY ... FROM STDIN`` (the fastest path the
server has); elsewhere (SQLite for the demo and most tests) with
``bulk_create``. After writing, ``finish()`` moves PostgreSQL's sequences past
the ids used, so ordinary saves go on from there.

Nothing here judges a record: callers build only records the rules allow and
judge them (``demo.judging``) before they hand them to a ``Writer``.
"""

from __future__ import annotations

import datetime
import io
from collections import defaultdict
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models

from people.guard import service_write


class Ids:
    """The next free id of each table, read once."""

    def __init__(self):
        self.next = {}

    def take(self, model) -> int:
        if model not in self.next:
            top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
            self.next[model] = top + 1
        value = self.next[model]
        self.next[model] = value + 1
        return value


def _copy_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    text = str(value)
    return '"' + text.replace('"', '""') + '"'


class Writer:
    """Buffers model instances (with their pk set) and writes them in bulk.

    Tables are flushed in the order they were first added to, so a row is
    written after the rows it points at (add parents first).
    """

    def __init__(self, *, batch=20_000, use_copy=None):
        self.batch = batch
        self.buffers: dict[type[models.Model], list] = {}
        self.counts: dict[str, int] = defaultdict(int)
        self.use_copy = connection.vendor == "postgresql" if use_copy is None else use_copy
        self.touched: list[type[models.Model]] = []

    def add(self, obj):
        model = type(obj)
        buffer = self.buffers.get(model)
        if buffer is None:
            buffer = self.buffers[model] = []
            if model not in self.touched:
                self.touched.append(model)
        buffer.append(obj)
        if len(buffer) >= self.batch:
            self.flush()

    def flush(self):
        for model, buffer in list(self.buffers.items()):
            if buffer:
                # The generator's rows obey the rules by construction (and are
                # judged in bulk, demo.judging); the guard lets this named
                # loader write rule-governed records (people.guard).
                with service_write("demo.writer: a synthetic district"):
                    self._write(model, buffer)
                self.counts[model._meta.label] += len(buffer)
                buffer.clear()

    def _write(self, model, objs):
        if not self.use_copy:
            model._default_manager.bulk_create(objs, batch_size=2000)
            return
        fields = list(model._meta.concrete_fields)
        if objs[0].pk is None:  # rows of a through table: the database numbers them
            fields = [f for f in fields if not f.primary_key]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        attnames = [f.attname for f in fields]
        out = io.StringIO()
        for obj in objs:
            out.write(",".join(_copy_value(getattr(obj, a)) for a in attnames))
            out.write("\n")
        out.seek(0)
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", out)

    def finish(self):
        self.flush()
        if connection.vendor == "postgresql" and self.touched:
            sql = connection.ops.sequence_reset_sql(no_style(), self.touched)
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)
