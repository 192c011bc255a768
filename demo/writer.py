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
import gc
import io
import operator
from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models.base import ModelState

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


_SPECS: dict = {}


def _spec(model):
    fields = model._meta.concrete_fields
    static, dynamic = {}, []
    for f in fields:
        if f.has_default() and callable(f.default):
            dynamic.append((f.attname, f))
        else:
            static[f.attname] = f.get_default()
    allowed = frozenset([*static, *(a for a, _ in dynamic), "pk"])
    return static, tuple(dynamic), model._meta.pk.attname, allowed


def new(model, /, **values):
    """``model(**values)`` for the bulk loaders, without Django's ``__init__``.

    The same instance (every concrete field set, its default where not given,
    ``_state.adding``), four times cheaper: the generator makes millions.
    Values are given by attname (``student_id=``, not ``student=``) or ``pk``;
    another name is refused. No ``pre_init``/``post_init`` signal is sent (none
    is connected for the records the loaders make).
    """
    spec = _SPECS.get(model)
    if spec is None:
        spec = _SPECS[model] = _spec(model)
    static, dynamic, pk_name, allowed = spec
    if not values.keys() <= allowed:
        unknown = ", ".join(sorted(values.keys() - allowed))
        raise TypeError(f"{model.__name__} has no field (attname) {unknown}")
    obj = object.__new__(model)
    obj._state = ModelState()
    d = obj.__dict__
    d.update(static)
    for attname, f in dynamic:
        if attname not in values:
            d[attname] = f.get_default()
    if "pk" in values:
        values[pk_name] = values.pop("pk")
    d.update(values)
    return obj


def _date_text(value):
    return value.isoformat()


def _str_text(value):
    return '"' + value.replace('"', '""') + '"' if value else '""'


def _none_text(value):
    return ""


def _bool_text(value):
    return "t" if value else "f"


#: COPY CSV text of a value by its exact type (anything else: ``_copy_value``).
_TEXT = {
    str: _str_text,
    int: str,
    type(None): _none_text,
    bool: _bool_text,
    datetime.date: _date_text,
    datetime.datetime: _date_text,
    datetime.time: _date_text,
    Decimal: str,
    float: str,
}


def _text_of(value) -> str:
    """The general conversion, which also learns the types of choices (``str``
    subclasses such as ``ReferralStatus``) for the next values."""
    if isinstance(value, str):
        _TEXT[value.__class__] = _str_text
    return _copy_value(value)


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
        values_of = operator.itemgetter(*attnames)
        text, slow = _TEXT.get, _text_of
        lines = []
        for obj in objs:
            try:
                values = values_of(obj.__dict__)
            except KeyError:  # a deferred field: read it through the model
                values = tuple(getattr(obj, a) for a in attnames)
            if len(attnames) == 1:
                values = (values,)
            lines.append(",".join([(text(v.__class__) or slow)(v) for v in values]))
        out = io.StringIO("\n".join(lines) + "\n")
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv)", out)

    def analyze(self, models_=None):
        """Refresh PostgreSQL's statistics of the tables written so far.

        The planner of a table filled inside the open transaction has no
        statistics for it (autovacuum cannot see uncommitted rows), so the
        judgment's queries on it pick plans for an empty table: a scan of every
        intervention of the year for each batch of students, a cost that grows
        with the run. ``ANALYZE`` inside the transaction counts its own rows.
        """
        chosen = [m for m in self.touched if models_ is None or m in models_]
        if connection.vendor != "postgresql" or not chosen:
            return
        tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in chosen)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")

    def finish(self):
        self.flush()
        if connection.vendor == "postgresql" and self.touched:
            sql = connection.ops.sequence_reset_sql(no_style(), self.touched)
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)


@contextmanager
def foreign_keys_validated_at_end(models_):
    """On PostgreSQL, the foreign keys of ``models_``' tables are dropped for the
    block and added back at its end, which validates every row at once.

    PostgreSQL checks a foreign key row by row (a deferred trigger per row and
    key, queued in memory until the commit): for the millions of rows of a full
    district that is minutes of the commit and a queue of tens of millions of
    events. ``ALTER TABLE ... ADD CONSTRAINT`` checks the whole table in one join
    instead (PostgreSQL's "Populating a Database" advice). The constraints are
    added back with their own names and definitions, read from the catalog; a
    row that breaks one fails the block, and the transaction (DDL included)
    rolls back. Only for a loader in its own transaction (the generator): the
    ALTERs hold their tables' locks until the commit.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = sorted({m._meta.db_table for m in models_})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) "
            "ORDER BY 1, 2",
            [tables],
        )
        keys = cursor.fetchall()
        # Rows written earlier in the transaction have their checks queued, and a
        # table with queued checks cannot be altered: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's keys' own mode
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # The validating joins of millions of rows: room to hash in memory.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        for table, name, definition in keys:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
            )
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def young_gc_only():
    """Python's automatic garbage collection paused for a bulk load; the loader
    collects the young generations itself (``gc.collect(1)``) after each chunk
    (the generator) or file (the import).

    A bulk load keeps hundreds of thousands of objects alive (the generator every
    student and span, the import every row it read) and makes millions more: the
    automatic full collections walk that whole heap again and again (a third of
    the generator's CPU at a twentieth of the district). Records hold no reference
    cycles, so reference counting frees them; the young collections free the rest.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
