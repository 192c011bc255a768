"""A large CSV export, written by a task: who asked, for what, how far it got,
and its file (readable by its owner only, deleted after ``EXPORTS_KEEP_HOURS``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    REFERRALS = "referrals", _("Referrals")
    INTERVENTIONS = "interventions", _("Interventions")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("File deleted")


class Export(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=ExportKind.choices)
    #: The list page's filters, as its query string.
    query = models.CharField(max_length=2000, blank=True)
    #: The owner's role and schools when they asked: the file is theirs while these hold.
    scope = models.CharField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", max_length=200, blank=True)
    file_name = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "finished_at"], name="export_status_finished")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status not in (ExportStatus.QUEUED, ExportStatus.RUNNING)


def scope_of(user) -> str:
    """What a user may read, as far as an export depends on it."""
    schools = ",".join(str(pk) for pk in sorted(user.school_ids))
    return f"{user.role}|{int(user.is_superuser)}|{schools}"
