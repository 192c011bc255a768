"""Interventions (other means of correction) and the Discipline Matrix.

The matrix (Attachment E, 6/28/18) lists, per reason-code group and grade
band, the Tier II and Tier III alternatives to suspension; ALT (SPEC section
4) counts the Tier II and Tier III interventions a student had this year.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from discipline.models import CatalogItem, ReasonCode, Referral, Voidable
from people.guard import govern
from people.models import Role, School, SchoolYear, Student
from people.scoping import school_scoped


class Tier(models.IntegerChoices):
    ONE = 1, _("Tier I (universal)")
    TWO = 2, _("Tier II (selected)")
    THREE = 3, _("Tier III (targeted/intensive)")


class GradeBand(models.TextChoices):
    K_3 = "K-3", _("Kindergarten – Grade 3")
    G4_5 = "4-5", _("Grade 4 – Grade 5")
    G6_8 = "6-8", _("Grade 6 – Grade 8")
    G9_12 = "9-12", _("Grade 9 – Grade 12")

    @classmethod
    def for_grade(cls, grade: int):
        if grade <= 3:
            return cls.K_3
        if grade <= 5:
            return cls.G4_5
        if grade <= 8:
            return cls.G6_8
        return cls.G9_12


class InterventionType(CatalogItem):
    """An alternative named in the Discipline Matrix, a Tier I support, or an
    entry of the referral form's "other means of correction" checklist."""

    class Meta(CatalogItem.Meta):
        verbose_name = _("intervention type")
        verbose_name_plural = _("intervention types")

    class Source(models.TextChoices):
        MATRIX = "matrix", _("Discipline Matrix")
        TIER_I = "tier1", _("Tier I universal support")
        FORM = "form", _("MiSiS referral form")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    default_tier = models.PositiveSmallIntegerField(
        _("default tier"), choices=Tier.choices, default=Tier.TWO
    )


class MatrixEntry(models.Model):
    """One alternative for one reason code, grade band and tier, in seed order."""

    reason_code = models.ForeignKey(
        ReasonCode,
        on_delete=models.PROTECT,
        related_name="matrix_entries",
        verbose_name=_("reason code"),
    )
    grade_band = models.CharField(_("grade band"), max_length=4, choices=GradeBand.choices)
    tier = models.PositiveSmallIntegerField(
        _("tier"), choices=[(2, _("Tier II")), (3, _("Tier III"))]
    )
    intervention_type = models.ForeignKey(
        InterventionType, on_delete=models.PROTECT, verbose_name=_("intervention type")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("matrix entry")
        verbose_name_plural = _("matrix entries")
        ordering = ["reason_code__position", "grade_band", "tier", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["reason_code", "grade_band", "tier", "intervention_type"],
                name="matrix_entry_once",
            )
        ]

    def __str__(self):
        return (
            f"{self.reason_code.code} {self.grade_band} tier {self.tier}: {self.intervention_type}"
        )


class InterventionOutcome(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    IMPROVED = "improved", _("Behavior improved")
    NO_CHANGE = "no_change", _("No change")
    WORSENED = "worsened", _("Behavior worsened")
    NOT_COMPLETED = "not_completed", _("Not completed")


class Intervention(Voidable):
    """An intervention or other means of correction for one student."""

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="interventions")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="interventions")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="interventions"
    )
    intervention_type = models.ForeignKey(InterventionType, on_delete=models.PROTECT)
    tier = models.PositiveSmallIntegerField(choices=Tier.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    provider = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interventions_provided"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(blank=True)
    outcome = models.CharField(
        max_length=20, choices=InterventionOutcome.choices, default=InterventionOutcome.IN_PROGRESS
    )

    history = HistoricalRecords()

    # Support staff follow interventions; they may void one they recorded in error.
    support_may_void = True

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["student", "school_year", "tier"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="intervention_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(tier__gte=1) & models.Q(tier__lte=3),
                name="intervention_tier_one_to_three",
            ),
        ]

    def __str__(self):
        return f"{self.intervention_type} (tier {self.tier}) from {self.started_on}"

    @property
    def is_open(self):
        return self.ended_on is None and self.outcome == InterventionOutcome.IN_PROGRESS

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        if user.role == Role.TEACHER:
            # Teachers record the Tier I/II interventions they carried out.
            return school_scoped(queryset, user, action).filter(provider=user)
        return school_scoped(queryset, user, action)


govern(Intervention)


class FollowUp(models.Model):
    """One dated entry of an intervention's follow-up log: who, when, what.
    Entries are added, never edited, so the log keeps every step."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="follow_ups"
    )
    written_on = models.DateField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entry = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self):
        return f"{self.written_on}: {self.entry[:40]}"
