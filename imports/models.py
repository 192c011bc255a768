"""What the SIS import keeps: the external ids it has seen, and each run."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExternalId(models.Model):
    """The SIS's key of a record this system holds: a re-run matches on it."""

    kind = models.CharField(max_length=40)
    external_id = models.CharField(max_length=64)
    object_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "external_id"], name="one_external_id")
        ]

    def __str__(self):
        return f"{self.kind} {self.external_id} -> {self.object_id}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """One upload, run as a task: a dry run, or the real run that follows one."""

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200)
    content = models.BinaryField(editable=False)
    dry_run = models.BooleanField(default=True)
    dry_run_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="real_runs"
    )
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    phase = models.CharField(max_length=20, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        kind = "dry run" if self.dry_run else "import"
        return f"{self.file_name} ({kind}, {self.get_status_display()})"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self):
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
