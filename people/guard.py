"""The guard that keeps writes of rule-governed records inside the services.

The services (``discipline.services``) are the only writers of the records
the rules of SPEC section 4 govern (referrals and their reasons, every
outcome, interventions, enrollments): each write is judged once, inside its
transaction, under the student's row lock. The guard refuses any other write
with a clear error: the services set a context variable (``service_write``),
and a ``pre_save``/``pre_delete``/``m2m_changed`` receiver and the governed
models' queryset (``update``, ``bulk_create``, ``bulk_update``, ``delete``)
check it. So the shell, a management command or a new view cannot store what
the rules forbid by going around them; ``check_invariants`` is the detector
of anything written by raw SQL.

Loading fixtures (``loaddata``, a test database's serialized rollback) saves
with ``raw=True`` and is let through: it restores what was stored before.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.db.models.signals import m2m_changed, pre_delete, pre_save

_writer: ContextVar[str | None] = ContextVar("service_write", default=None)


class WriteOutsideService(RuntimeError):
    """A rule-governed record was written without going through a service."""


@contextmanager
def service_write(name: str):
    """Mark the writes inside as made by the service ``name``.

    Only services (and loaders of synthetic data that judge their rows in
    bulk first, e.g. the benchmark's district) enter it.
    """
    token = _writer.set(name)
    try:
        yield
    finally:
        _writer.reset(token)


def current_writer() -> str | None:
    return _writer.get()


def require_service(model, operation: str):
    if _writer.get() is None:
        raise WriteOutsideService(
            f"{operation} of {model._meta.verbose_name} outside a service is refused: "
            f"{model._meta.label} records are written only through the services "
            "(discipline.services), which judge each write by the rules of SPEC section 4."
        )


class GuardedQuerySet(models.QuerySet):
    """Bulk writes of a rule-governed model are refused outside a service."""

    def update(self, **kwargs):
        require_service(self.model, "update()")
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        require_service(self.model, "bulk_create()")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        require_service(self.model, "bulk_update()")
        return super().bulk_update(objs, *args, **kwargs)

    def delete(self):
        require_service(self.model, "delete()")
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


GOVERNED: list[type[models.Model]] = []


def _refuse_save(sender, instance, raw=False, **kwargs):
    if not raw:
        require_service(sender, "save()")


def _refuse_delete(sender, instance, **kwargs):
    require_service(sender, "delete()")


def _refuse_m2m(sender, instance, action, model, **kwargs):
    if action.startswith("pre_"):
        require_service(type(instance) if not kwargs.get("reverse") else model, "a change")


def govern(*governed: type[models.Model], m2m=()):
    """Put ``governed`` models (and ``m2m`` through models) under the guard."""
    for model in governed:
        GOVERNED.append(model)
        pre_save.connect(_refuse_save, sender=model, dispatch_uid=f"guard-save-{model._meta.label}")
        pre_delete.connect(
            _refuse_delete, sender=model, dispatch_uid=f"guard-delete-{model._meta.label}"
        )
    for through in m2m:
        m2m_changed.connect(
            _refuse_m2m, sender=through, dispatch_uid=f"guard-m2m-{through._meta.label}"
        )
