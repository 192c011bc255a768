"""Publications: the frozen monthly snapshots of public discipline data (SPEC section 5).

A publication is one version of one month's tables. Its ``data`` holds what names
the cells (the units and offenses with the names they had, the ADA rate used, the
counts); the cells themselves (key -> count, or ``None`` where hidden; cells not
listed are 0) are stored as one :class:`PublishedCells` row per unit and window,
and the units as :class:`PublishedUnit` rows (the index the public pages pick and
search from), so that a page reads only the cells it shows. Once published none of
it is changed; a correction is a new version with a note, and every version stays
readable at its own address.
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
        """Every published cell (key -> count or ``None``), as one dict: for publishing
        and its checks, which read the whole publication; pages read rows."""
        if "cells" in self.data:  # not yet stored as rows
            return self.data["cells"]
        if not hasattr(self, "_cells"):
            self._cells = {}
            for row in self.cell_rows.all():
                self._cells.update(row.cells())
        return self._cells

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


class UnitLevel(models.TextChoices):
    DISTRICT = "district", _("District")
    REGION = "region", _("Region")
    SCHOOL = "school", _("School")


class PublishedUnit(models.Model):
    """A unit of a publication as it was named then: the index a page picks from."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="units")
    key = models.CharField(max_length=80, help_text='"district", "region:<code>", "school:<code>"')
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=UnitLevel.choices)
    region_key = models.CharField(max_length=80, blank=True)
    position = models.PositiveIntegerField(help_text="District, then each region and its schools.")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "key"], name="one_published_unit"),
        ]

    def __str__(self):
        return self.name


class PublishedCells(models.Model):
    """The published cells of one unit in one window of a publication.

    ``totals`` holds the "all students" cells (``"measure|stat"`` -> value), which
    the comparisons and the trend read; ``breakdowns`` the rest
    (``"measure|stat|dim|category"`` -> value). ``None`` is a hidden cell; a cell
    not listed is 0.
    """

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="cell_rows")
    unit = models.CharField(max_length=80)
    window = models.CharField(max_length=3, help_text='"m", "3m" or "12m".')
    totals = models.JSONField(default=dict)
    breakdowns = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "unit", "window"], name="one_cell_row_per_unit_window"
            ),
        ]

    def __str__(self):
        return f"{self.publication_id} {self.unit} {self.window}"

    def cells(self) -> dict:
        """This row's cells under their full keys (see :func:`reporting.metrics.cell_key`)."""
        window = f"{self.window}:{metrics.month_label(self.publication.month)}"
        prefix = f"{self.unit}|{window}|"
        out = {}
        for key, value in self.totals.items():
            out[f"{prefix}{key}|{metrics.TOTAL}|{metrics.TOTAL}"] = value
        for key, value in self.breakdowns.items():
            out[prefix + key] = value
        return out
