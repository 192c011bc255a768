"""Discipline records: the reason-code catalog, referrals, and every outcome a
referral can lead to (suspensions, transfers, expulsion recommendations and
expulsions, law-enforcement contacts, safety findings, placement decisions).

Records only: no rule is imported here. Every write of a rule-governed
record goes through ``discipline.services``, which judges it once by the rules
(``discipline.rules``) inside its transaction; a write made anywhere else is
refused by the guard (``people.guard``, applied at the bottom of this module).
Database constraints hold what one row can say about itself. Nothing here is
hard-deleted: records are voided with a reason.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from people.guard import GuardedQuerySet, govern
from people.models import Role, School, SchoolYear, Student
from people.scoping import VIEW, ScopedManager, ScopedQuerySet, school_scoped


def _day(day) -> str:
    # A record's name shows its date in the reader's language.
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else "—"


def in_language(english: str, spanish: str) -> str:
    """A catalog text in the active language: the Spanish one when the
    interface is in Spanish and the entry has it, else the English."""
    language = get_language() or ""
    return spanish if spanish and language.startswith("es") else english


class CatalogItem(models.Model):
    """A choice district staff maintain; deactivated, never deleted."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    label = models.CharField(_("label"), max_length=200)
    # The same entry in Spanish, edited by district staff beside the English;
    # shown to whoever uses the app in Spanish (blank: the English is shown).
    label_es = models.CharField(_("label (Spanish)"), max_length=250, blank=True)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self):
        return self.display_label

    @property
    def display_label(self):
        return in_language(self.label, self.label_es)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Catalog entries are deactivated, not deleted."))


class Location(CatalogItem):
    """Location/context of the incident (MiSiS referral form, section I)."""

    class Meta(CatalogItem.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")


class Motivation(CatalogItem):
    """Possible motivation (MiSiS referral form, section II)."""

    class Meta(CatalogItem.Meta):
        verbose_name = _("motivation")
        verbose_name_plural = _("motivations")


class CorrectionMeasure(CatalogItem):
    """An "other means of correction" of the referral form's checklist."""

    class Meta(CatalogItem.Meta):
        verbose_name = _("other means of correction")
        verbose_name_plural = _("other means of correction")


class AdministrativeActionType(CatalogItem):
    """An entry of the form's "Administrative action" checklist."""

    class Meta(CatalogItem.Meta):
        verbose_name = _("administrative action type")
        verbose_name_plural = _("administrative action types")


class Category(models.IntegerChoices):
    ONE = 1, _("Category 1 (E.C. 48915(c))")
    TWO = 2, _("Category 2 (E.C. 48915(a))")
    THREE = 3, _("Category 3")


WILLFUL_DEFIANCE = "WD"


class ReasonCode(models.Model):
    """A MiSiS reason code (BUL-5808.3), or willful defiance (E.C. 48900(k)).

    Willful defiance is not a MiSiS code; it is recordable as a referral reason
    so the behavior is tracked and answered with interventions, and it never
    leads to suspension or expulsion (Bill of Rights 2013).
    """

    code = models.CharField(_("code"), max_length=8, unique=True)
    category = models.PositiveSmallIntegerField(_("category"), choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    definition = models.TextField(_("definition"))
    definition_es = models.TextField(_("definition (Spanish)"), blank=True)
    education_code = models.CharField(_("Education Code"), max_length=60)
    grades_4_12_only = models.BooleanField(_("grades 4 to 12 only"), default=False)
    suspension_not_expulsion = models.BooleanField(_("suspension, not expulsion"), default=False)
    admin_only = models.BooleanField(_("issued by an administrator only"), default=False)
    requires_expulsion_recommendation = models.BooleanField(
        _("requires a recommendation for expulsion"), default=False
    )
    is_misis_code = models.BooleanField(_("MiSiS code"), default=True)
    active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reason code")
        verbose_name_plural = _("reason codes")
        ordering = ["position"]

    def __str__(self):
        return f"{self.code} {self.display_title}"

    @property
    def display_title(self):
        """The title in the active language: the catalog is in English, as MiSiS prints
        it, and ``reporting.offense_titles`` lists its titles for translation. A title
        edited in the catalog and not translated yet is shown as it is."""
        return gettext(self.title)

    @property
    def display_definition(self):
        return in_language(self.definition, self.definition_es)

    @property
    def is_willful_defiance(self):
        return self.code == WILLFUL_DEFIANCE

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Reason codes are deactivated, not deleted."))


class VoidableQuerySet(ScopedQuerySet, GuardedQuerySet):
    def valid(self):
        return self.filter(voided_at__isnull=True)


class VoidableManager(models.Manager.from_queryset(VoidableQuerySet)):
    pass


class Voidable(models.Model):
    """A record that is never deleted: it is voided with a reason and stays."""

    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    void_reason = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = VoidableManager()

    class Meta:
        abstract = True

    @property
    def is_voided(self):
        return self.voided_at is not None

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Discipline records are voided with a reason, never deleted."))


class Incident(models.Model):
    """One incident; several students involved means one referral each."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="incidents")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager()

    def __str__(self):
        return gettext("Incident %(number)s at %(school)s") % {
            "number": self.pk,
            "school": self.school,
        }

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        return school_scoped(queryset, user, action)


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Referral(Voidable):
    """An office discipline referral: one student, one incident (MiSiS form)."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="referrals")
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="referrals")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="referrals")
    grade = models.SmallIntegerField(
        null=True,
        editable=False,
        help_text="The student's grade on the incident date, from enrollment.",
    )
    incident_date = models.DateField()
    incident_time = models.TimeField(null=True, blank=True)
    referred_on = models.DateField("date of referral", default=timezone.localdate)
    location = models.ForeignKey(Location, on_delete=models.PROTECT)
    motivation = models.ForeignKey(Motivation, on_delete=models.PROTECT, null=True, blank=True)
    reasons = models.ManyToManyField(ReasonCode, related_name="referrals")
    description = models.TextField("description of incident")
    prior_corrections = models.ManyToManyField(
        CorrectionMeasure, blank=True, verbose_name="other means of correction already tried"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_made"
    )
    admin_notes = models.TextField("administrator/designee notes", blank=True)
    status = models.CharField(
        max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # A double submit carries the same token and finds the first referral.
    submission_token = models.CharField(max_length=64, blank=True, editable=False)

    # The reasons are part of the history: a correction of them is recorded
    # with who made it and when, like a change of any other field.
    history = HistoricalRecords(excluded_fields=["submission_token"], m2m_fields=["reasons"])

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-incident_date", "-pk"]
        indexes = [
            models.Index(fields=["school", "status", "incident_date"]),
            models.Index(fields=["student", "incident_date"]),
            # The queue's order (newest incident first) for a school and for
            # the district: its first page is read from the index, not sorted
            # from every referral in scope (docs/benchmarks.md, "Queue and
            # history at full size").
            models.Index(fields=["school", "-incident_date", "-id"], name="referral_school_newest"),
            models.Index(fields=["-incident_date", "-id"], name="referral_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["referred_by", "student", "submission_token"],
                condition=~models.Q(submission_token=""),
                name="one_referral_per_submission",
            ),
            models.CheckConstraint(
                condition=models.Q(referred_on__gte=models.F("incident_date")),
                name="referral_dated_on_or_after_incident",
                violation_error_code="DATES",
                violation_error_message=_("[DATES] The referral is dated before the incident."),
            ),
            models.CheckConstraint(
                condition=models.Q(status=ReferralStatus.OPEN) | models.Q(closed_at__isnull=False),
                name="closed_referral_has_closing_time",
            ),
        ]

    def __str__(self):
        return gettext("Referral %(number)s: %(student)s, %(date)s") % {
            "number": self.pk,
            "student": self.student.name,
            "date": _day(self.incident_date),
        }

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        if user.role == Role.TEACHER:
            # A teacher sees and changes only the referrals they made.
            mine = queryset.filter(referred_by=user, school__in=user.school_ids)
            return mine if action in (VIEW, "add") else mine.filter(status=ReferralStatus.OPEN)
        return school_scoped(queryset, user, action, read_only_roles=(Role.SUPPORT,))

    def codes(self):
        return [r.code for r in self.reasons.all()]


class SuspensionKind(models.TextChoices):
    TEACHER = "teacher", _("Teacher suspension from class (E.C. 48910)")
    IN_SCHOOL = "in_school", _("In-school (supervised) suspension")
    OUT_OF_SCHOOL = "out_of_school", _("Out-of-school suspension")


# The one home of "counts toward the year's limit": 48903's 20 days are
# suspensions from school; a teacher's removal from class under 48910 is not
# one of them. The predicate and its query form are kept side by side.
def counts_toward_year_limit(kind: str) -> bool:
    return kind != SuspensionKind.TEACHER


COUNTS_TOWARD_YEAR_LIMIT = ~models.Q(kind=SuspensionKind.TEACHER)


class SuspensionQuerySet(VoidableQuerySet):
    def toward_year_limit(self):
        """The suspensions whose days count toward the year's limit (DAYS20)."""
        return self.filter(COUNTS_TOWARD_YEAR_LIMIT)


class SuspensionManager(models.Manager.from_queryset(SuspensionQuerySet)):
    pass


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Telephone")
    IN_PERSON = "in_person", _("In person")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    TEXT = "text", _("Text message")


class ContactResult(models.TextChoices):
    REACHED = "reached", _("Reached the parent/guardian")
    MESSAGE = "message", _("Left a message")
    NO_ANSWER = "no_answer", _("No answer")
    WRONG_NUMBER = "wrong_number", _("Wrong or disconnected number")


class OutcomeBase(Voidable):
    """What every outcome of a referral shares: the referral, the student, the
    school (copied from the referral for scope and reporting), who decided,
    and its history (who changed what, when)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="%(class)ss")
    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="%(class)ss")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="%(class)ss")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @classmethod
    def scope_queryset(cls, queryset, user, action):
        if user.role == Role.TEACHER:
            return queryset.none()
        return school_scoped(queryset, user, action, read_only_roles=(Role.SUPPORT,))


class Suspension(OutcomeBase):
    kind = models.CharField(max_length=20, choices=SuspensionKind.choices)
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField()
    school_days = models.PositiveSmallIntegerField()
    end_date = models.DateField(editable=False, help_text="Computed on the school calendar.")
    extends = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="extensions",
        help_text="The suspension this one extends while an expulsion is pending (48911(g)).",
    )
    # NOTICE (48911(d)): the parent contact attempt, recorded with the suspension.
    parent_contacted_at = models.DateTimeField("parent contact attempted at", null=True, blank=True)
    parent_contact_method = models.CharField(
        max_length=20, choices=ContactMethod.choices, blank=True
    )
    parent_contacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parent_contact_result = models.CharField(
        max_length=20, choices=ContactResult.choices, blank=True
    )
    notice_language = models.CharField(max_length=5, default="en")

    objects = SuspensionManager()

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-start_date", "-pk"]
        indexes = [models.Index(fields=["student", "school_year"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(school_days__gte=1), name="suspension_at_least_one_day"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="suspension_ends_after_it_starts",
            ),
            # TEACHER (E.C. 48910): the day of the act and the next, at most.
            models.CheckConstraint(
                condition=~models.Q(kind=SuspensionKind.TEACHER) | models.Q(school_days__lte=2),
                name="teacher_suspension_at_most_two_days",
                violation_error_code="TEACHER",
                violation_error_message=_(
                    "[TEACHER] A teacher's suspension from class covers at most the day of the "
                    "act and the next school day. (Source: E.C. 48910)"
                ),
            ),
        ]

    def __str__(self):
        return gettext("%(kind)s, %(days)s school day(s) from %(start)s") % {
            "kind": self.get_kind_display(),
            "days": self.school_days,
            "start": _day(self.start_date),
        }

    @property
    def counts_toward_year_limit(self):
        return counts_toward_year_limit(self.kind)


class TransferKind(models.TextChoices):
    OPPORTUNITY = "opportunity", _("Opportunity transfer")
    INVOLUNTARY = "involuntary", _("Involuntary transfer")


class Transfer(OutcomeBase):
    kind = models.CharField(max_length=20, choices=TransferKind.choices)
    effective_date = models.DateField()
    receiving_school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    days_lost = models.PositiveSmallIntegerField(
        default=0, help_text="Instructional days lost to the transfer."
    )

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self):
        return gettext("%(kind)s on %(date)s") % {
            "kind": self.get_kind_display(),
            "date": _day(self.effective_date),
        }


class RecommendationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    EXPELLED = "expelled", _("Expelled")
    NOT_EXPELLED = "not_expelled", _("Not expelled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExpulsionRecommendation(OutcomeBase):
    recommended_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.PENDING
    )
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name = _("expulsion recommendation")
        verbose_name_plural = _("expulsion recommendations")

    def __str__(self):
        return gettext("Recommendation for expulsion on %(date)s (%(status)s)") % {
            "date": _day(self.recommended_on),
            "status": self.get_status_display(),
        }


class ExpulsionFinding(OutcomeBase):
    """The administrator's written finding, for a Category 2 offense, that
    expulsion is inappropriate (E.C. 48915(a)): CAT2 lets the referral close."""

    found_on = models.DateField()
    finding = models.TextField()

    class Meta:
        verbose_name = _("expulsion finding")
        verbose_name_plural = _("expulsion findings")

    def __str__(self):
        return gettext("Finding that expulsion is inappropriate, %(date)s") % {
            "date": _day(self.found_on)
        }


class Expulsion(OutcomeBase):
    recommendation = models.OneToOneField(
        ExpulsionRecommendation, on_delete=models.PROTECT, related_name="expulsion"
    )
    ordered_on = models.DateField("Board order date")
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="The expulsion is in force through this day.")
    days_lost = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("expulsion")
        verbose_name_plural = _("expulsions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="expulsion_ends_after_it_starts",
                violation_error_code="DATES",
                violation_error_message=_("[DATES] The expulsion ends before it starts."),
            )
        ]

    def __str__(self):
        return gettext("Expulsion from %(start)s to %(end)s") % {
            "start": _day(self.starts_on),
            "end": _day(self.ends_on),
        }


class LawEnforcementKind(models.TextChoices):
    NOTIFICATION = "notification", _("Law enforcement notification")
    CITATION = "citation", _("Citation")
    ARREST = "arrest", _("Arrest")
    POLICE_COMPLAINT = "police_complaint", _("Police complaint")


class LawEnforcementContact(OutcomeBase):
    kind = models.CharField(max_length=20, choices=LawEnforcementKind.choices)
    occurred_on = models.DateField()
    school_based = models.BooleanField(
        default=True, help_text="For an arrest: made at school or by school police."
    )
    agency = models.CharField(max_length=120, blank=True)
    days_lost = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name = _("law enforcement contact")
        verbose_name_plural = _("law enforcement contacts")

    def __str__(self):
        return gettext("%(kind)s on %(date)s") % {
            "kind": self.get_kind_display(),
            "date": _day(self.occurred_on),
        }


class SafetyFinding(OutcomeBase):
    """The administrator's finding that the student's presence causes a danger
    to persons (E.C. 48900.5): ALT's only override, counted and reported."""

    found_on = models.DateField()
    justification = models.TextField()

    class Meta:
        verbose_name = _("safety finding")
        verbose_name_plural = _("safety findings")

    def __str__(self):
        return gettext("Safety finding on %(date)s") % {"date": _day(self.found_on)}


class PlacementDecision(OutcomeBase):
    """MDR: whether a removal of a student with an IEP or 504 plan is a change
    of placement (34 CFR 300.536), and the manifestation determination review
    that a change of placement requires within 10 school days (300.530(e))."""

    decided_on = models.DateField()
    change_of_placement = models.BooleanField()
    reasoning = models.TextField(blank=True)
    review_held_on = models.DateField(
        "manifestation determination review held on", null=True, blank=True
    )
    behavior_was_manifestation = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("placement decision")
        verbose_name_plural = _("placement decisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_held_on__isnull=True)
                | models.Q(review_held_on__gte=models.F("decided_on")),
                name="review_held_after_the_decision",
                violation_error_code="MDR",
                violation_error_message=_("[MDR] The review is dated before the decision."),
            )
        ]

    def __str__(self):
        verdict = (
            gettext("change of placement")
            if self.change_of_placement
            else gettext("no change of placement")
        )
        return gettext("Placement decision %(date)s: %(verdict)s") % {
            "date": _day(self.decided_on),
            "verdict": verdict,
        }


class AdministrativeAction(OutcomeBase):
    """An entry of the form's administrative-action checklist (detention,
    referral to a community agency, ...) that is not a record of its own."""

    action = models.ForeignKey(AdministrativeActionType, on_delete=models.PROTECT)
    taken_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name = _("administrative action")
        verbose_name_plural = _("administrative actions")

    def __str__(self):
        return gettext("%(kind)s on %(date)s") % {"kind": self.action, "date": _day(self.taken_on)}


class StudentRecordView(models.Model):
    """Who read a student's discipline history, and when (SPEC section 7)."""

    student = models.ForeignKey(Student, on_delete=models.PROTECT, related_name="+")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    viewed_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The page read (its path), e.g. /referrals/12/ or an admin list.
    page = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("student record view")
        verbose_name_plural = _("student record views")
        ordering = ["-viewed_at"]

    def __str__(self):
        return f"{self.viewer} viewed {self.student} at {self.viewed_at:%Y-%m-%d %H:%M}"


@dataclass(frozen=True)
class OutcomeKind:
    """One kind of outcome of a referral: its URL slug, model, title, and the
    fields the rules read (its own date; the written text a finding needs)."""

    slug: str
    model: type
    title: str
    day_field: str
    text_field: str = ""


# The one registry of outcome kinds: URLs, views, selectors, the admin and the
# rules (``OutcomeProposal.kind``) use these slugs.
OUTCOME_KINDS = {
    kind.slug: kind
    for kind in [
        OutcomeKind("suspension", Suspension, _("Record a suspension"), "start_date"),
        OutcomeKind(
            "transfer",
            Transfer,
            _("Record an opportunity or involuntary transfer"),
            "effective_date",
        ),
        OutcomeKind(
            "expulsion-recommendation",
            ExpulsionRecommendation,
            _("Record a recommendation for expulsion"),
            "recommended_on",
        ),
        OutcomeKind(
            "expulsion-finding",
            ExpulsionFinding,
            _("Record a written finding that expulsion is inappropriate"),
            "found_on",
            "finding",
        ),
        OutcomeKind(
            "expulsion", Expulsion, _("Record an expulsion ordered by the Board"), "starts_on"
        ),
        OutcomeKind(
            "law-enforcement",
            LawEnforcementContact,
            _("Record a law-enforcement contact"),
            "occurred_on",
        ),
        OutcomeKind(
            "safety-finding",
            SafetyFinding,
            _("Record a safety finding"),
            "found_on",
            "justification",
        ),
        OutcomeKind(
            "placement-decision",
            PlacementDecision,
            _("Record a placement decision (MDR)"),
            "decided_on",
        ),
        OutcomeKind(
            "administrative-action",
            AdministrativeAction,
            _("Record an administrative action"),
            "taken_on",
        ),
    ]
}
OUTCOME_KIND_OF = {kind.model: kind for kind in OUTCOME_KINDS.values()}


# Every record the rules govern is written only through the services.
govern(
    Referral,
    Suspension,
    Transfer,
    ExpulsionRecommendation,
    ExpulsionFinding,
    Expulsion,
    LawEnforcementContact,
    SafetyFinding,
    PlacementDecision,
    AdministrativeAction,
    m2m=(Referral.reasons.through,),
)
