"""Data district staff enter themselves, per school year: the SWPBIS Rubric of
Implementation scores, school police on-campus deployments, the safety
staffing table and the restorative-justice training dates.

An app of its own because none of it is a discipline record (no student, no
rules of SPEC section 4, no voiding) and none of it is derived: the reports in
``reporting.reports`` read it beside the records.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import School, SchoolYear
from people.scoping import ScopedManager, school_scoped

# --- the Rubric of Implementation (seed 003) -------------------------------------

ROI_FEATURES = [
    ("leadership", _("Administrative leadership and support")),
    ("team", _("Team-based implementation")),
    ("expectations", _("Behavioral expectations defined")),
    ("taught", _("Behavioral expectations taught")),
    ("recognition", _("Recognition system")),
    ("responses", _("Responses to behavior")),
    ("data", _("Data-based decision making")),
    ("alternatives", _("Alternatives to suspension")),
]

score_field = {
    "validators": [MinValueValidator(1), MaxValueValidator(4)],
}


class RoiRank(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class RoiScore(models.Model):
    """One school's Rubric of Implementation, scored each spring: eight key
    features, 1 to 4 each (seed 003 minutes: green = total 28-32 with no 1 or 2,
    red = any 1, yellow otherwise)."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="roi_scores")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    leadership = models.PositiveSmallIntegerField(_("Leadership"), **score_field)
    team = models.PositiveSmallIntegerField(_("Team"), **score_field)
    expectations = models.PositiveSmallIntegerField(_("Expectations defined"), **score_field)
    taught = models.PositiveSmallIntegerField(_("Expectations taught"), **score_field)
    recognition = models.PositiveSmallIntegerField(_("Recognition"), **score_field)
    responses = models.PositiveSmallIntegerField(_("Responses"), **score_field)
    data = models.PositiveSmallIntegerField(_("Data"), **score_field)
    alternatives = models.PositiveSmallIntegerField(_("Alternatives"), **score_field)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    entered_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("ROI score")
        verbose_name_plural = _("ROI scores")
        ordering = ["school_year", "school"]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year"], name="one_roi_per_year"),
        ]

    def __str__(self):
        return f"ROI {self.school} {self.school_year}: {self.total} ({self.rank})"

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        return school_scoped(queryset, user, action)

    @property
    def scores(self):
        return [getattr(self, name) for name, _label in ROI_FEATURES]

    @property
    def total(self):
        return sum(self.scores)

    @property
    def rank(self):
        return roi_rank(self.scores)


def roi_rank(scores) -> str:
    if any(s == 1 for s in scores):
        return RoiRank.RED
    if 28 <= sum(scores) <= 32 and not any(s == 2 for s in scores):
        return RoiRank.GREEN
    return RoiRank.YELLOW


# --- school police on-campus deployments (seed 000) -----------------------------------


class DeploymentReason(models.TextChoices):
    MASS_THREAT = "mass_threat", _("Mass school threat")
    COMMUNITY_VIOLENCE = "community_violence", _("Community violence impacting the campus")
    CAMPUS_VIOLENCE = "campus_violence", _("On-campus act of violence")


class PoliceDeployment(models.Model):
    """A short-term on-campus deployment of school police officers (seed 000)
    and the non-law-enforcement resources provided with it."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="deployments")
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="+", editable=False
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    reason = models.CharField(_("reason"), max_length=30, choices=DeploymentReason.choices)
    region_staff = models.BooleanField(_("region staff provided"), default=False)
    mental_health = models.BooleanField(_("mental health support provided"), default=False)
    community_resources = models.BooleanField(
        _("community-based resources provided"), default=False
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("police deployment")
        verbose_name_plural = _("police deployments")
        ordering = ["-starts_on", "school"]
        indexes = [models.Index(fields=["school_year", "school"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="deployment_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.school}: {self.get_reason_display()} from {self.starts_on}"

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        return school_scoped(queryset, user, action)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The deployment must end on or after its start.")})
        if self.starts_on:
            year = SchoolYear.containing(self.starts_on) or (
                SchoolYear.objects.filter(first_day__lte=self.starts_on)
                .order_by("-first_day")
                .first()
            )
            if year is None:
                raise ValidationError({"starts_on": _("No school year holds this date.")})
            self.school_year = year


# --- safety staffing (seed 000) ---------------------------------------------------------


class StaffingLocation(models.TextChoices):
    SCHOOL_SUPPORT = "school_support", _("School Support Services")
    SCHOOL_SITE = "school_site", _("School Site Based")
    REGION_DISTRICT = "region_district", _("Region/District")
    DISTRICTWIDE = "districtwide", _("Districtwide")


class SafetyStaffingLine(models.Model):
    """A line of the district safety budget: a position, where it serves, its
    FTEs (blank for a vendor contract: "N/A") and its budget, per school year."""

    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("position or item"), max_length=160)
    location = models.CharField(_("location"), max_length=20, choices=StaffingLocation.choices)
    ftes = models.DecimalField(
        _("FTEs"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    budget = models.DecimalField(
        _("budgeted (USD)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("safety staffing line")
        verbose_name_plural = _("safety staffing lines")
        ordering = ["school_year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "position"], name="one_staffing_line_per_position"
            )
        ]

    def __str__(self):
        return f"{self.school_year} {self.position}"


# --- restorative-justice training (Bill of Rights 2013) -----------------------------

#: The Board gives the district 60 days from the finding to train the school.
RJ_TRAINING_DAYS = 60


class RjTraining(models.Model):
    """A school found on the restorative-justice training list for a school
    year (computed each October for the prior year), and when it was trained."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="rj_trainings")
    school_year = models.ForeignKey(
        SchoolYear,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The school year whose data put the school on the list."),
    )
    found_on = models.DateField(_("date of the finding"))
    trained_on = models.DateField(_("date trained"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("restorative-justice training")
        verbose_name_plural = _("restorative-justice trainings")
        ordering = ["school_year", "school"]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year"], name="one_rj_finding"),
            models.CheckConstraint(
                condition=Q(trained_on__isnull=True) | Q(trained_on__gte=models.F("found_on")),
                name="rj_trained_after_finding",
            ),
        ]

    def __str__(self):
        return f"{self.school}, {self.school_year}: found {self.found_on}"

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        return school_scoped(queryset, user, action)

    @property
    def due_on(self) -> datetime.date:
        return self.found_on + datetime.timedelta(days=RJ_TRAINING_DAYS)

    def clean(self):
        if self.trained_on and self.found_on and self.trained_on < self.found_on:
            raise ValidationError({"trained_on": _("Training comes after the finding.")})
