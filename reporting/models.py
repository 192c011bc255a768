"""Publications: the frozen monthly snapshots of public discipline data (SPEC section 5).

A publication is one version of one month's tables, stored as one JSON document:
the published cells (key -> count, or ``None`` where hidden; cells not listed are
0), the units and offenses with the names they had, and the ADA rate used. Once
published it is never changed; a correction is a new version with a note, and
every version stays readable at its own address.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reporting import metrics


class PublicationStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")


class PublicationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def latest_versions(self):
        """The newest published version of each month."""
        newest = (
            self.published()
            .filter(month=models.OuterRef("month"))
            .order_by("-version")
            .values("version")[:1]
        )
        return self.published().filter(version=models.Subquery(newest))


class Publication(models.Model):
    month = models.DateField(help_text="The first day of the month published.")
    version = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=PublicationStatus.choices, default=PublicationStatus.RUNNING
    )
    started_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True, help_text="Required for a correction (version 2 on).")
    data = models.JSONField(default=dict, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="How long publishing took.")
    error = models.TextField(blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["month", "version"], name="one_publication_version"),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="publication_version_from_1"
            ),
        ]

    def __str__(self):
        return f"{self.month_label} v{self.version} ({self.status})"

    @property
    def month_label(self) -> str:
        return metrics.month_label(self.month)

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def cells(self) -> dict:
        return self.data.get("cells", {})

    def get_absolute_url(self):
        return reverse(
            "reporting:public-unit",
            kwargs={"month": self.month_label, "version": self.version, "unit": "district"},
        )

    def save(self, *args, **kwargs):
        # Frozen: a published version is never edited (a correction is a new version).
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == PublicationStatus.PUBLISHED:
                raise ValidationError(_("A published version is frozen; publish a correction."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise ValidationError(_("A published version is never deleted."))
        super().delete(*args, **kwargs)
