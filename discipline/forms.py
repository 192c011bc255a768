"""Forms of the referral-to-resolution pages.

A form holds what the user typed and checks its shape (a date is a date);
whether it may be saved is the rules service's to say. Field names are the
record's model field names, so a refusal keyed by field (``RuleViolation``)
lands beside the field it concerns; ``show_refusal`` does that for every form.
"""

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from discipline import selectors
from discipline.models import (
    AdministrativeActionType,
    ContactMethod,
    ContactResult,
    CorrectionMeasure,
    ExpulsionRecommendation,
    LawEnforcementKind,
    Location,
    Motivation,
    ReasonCode,
    RecommendationStatus,
    Suspension,
    SuspensionKind,
    TransferKind,
)
from people.ids import is_id
from people.models import NOTICE_LANGUAGES, HomeLanguage, School, Student, User
from people.submissions import SubmissionTokenMixin, submit_once


def show_refusal(form, error: ValidationError) -> None:
    """Put a refusal of the rules service (or any ValidationError of a
    service) on the form: beside the field it concerns when the form shows
    that field, else at the top. The messages already name the rule id and
    its source ("[ALT] ... (Source: ...)")."""
    aliases = getattr(form, "refusal_fields", {})
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = aliases.get(name, name)
        target = name if name in form.fields and name != NON_FIELD_ERRORS else None
        form.add_error(target, errors)


def refused_by(form, rule_id: str) -> bool:
    """Whether a refusal shown on the form names ``rule_id``."""
    return any(
        error.code == rule_id for errors in form.errors.as_data().values() for error in errors
    )


def school_of(user, students, day):
    """The school a record belongs to: where the first student was enrolled
    on ``day``, when it is one of the user's; else the user's first school
    (and DATES says the student was not enrolled there)."""
    for student in students:
        enrollment = student.enrollment_on(day) if day else None
        if enrollment and enrollment.school_id in user.school_ids:
            return enrollment.school
    return user.schools.order_by("pk").first()


def submit(form, service, /, **kwargs):
    """Call one service; on refusal show it on the form and return None.

    A form with a submission token saves once per token: a second post of it
    returns what the first made (``people.submissions``)."""
    token = kwargs.pop("submission_token", "")
    try:
        return submit_once(user=kwargs["actor"], token=token, create=lambda: service(**kwargs))
    except ValidationError as error:
        show_refusal(form, error)
        return None


# Dates a record can hold: a typo such as 9999 or 0202 is a form error, not a
# date the school calendar cannot count to.
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class InRangeMixin:
    def validate(self, value):
        super().validate(value)
        day = value.date() if isinstance(value, datetime.datetime) else value
        if day and not EARLIEST <= day <= LATEST:
            raise ValidationError(
                _("Enter a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={"earliest": EARLIEST.year, "latest": LATEST.year},
            )


class RecordDateField(InRangeMixin, forms.DateField):
    pass


class RecordDateTimeField(InRangeMixin, forms.DateTimeField):
    pass


DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
TIME = {"widget": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
DATETIME = {
    "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
}
TEXT = {"widget": forms.Textarea(attrs={"rows": 3})}
LONG_TEXT = {"widget": forms.Textarea(attrs={"rows": 4})}


def _with_blank(choices):
    return [("", "---------"), *choices]


class ReasonsMixin:
    """Reason codes grouped by category, with each code's definition; codes
    for grades 4-12 are shown disabled when a selected student is in K-3
    (GRADE refuses them anyway if posted)."""

    k3_selected = False

    def reason_groups(self):
        groups = selectors.reason_codes_grouped()
        chosen = {str(v) for v in (self["reasons"].value() or [])}
        # Willful defiance first: it is the most frequent classroom referral and
        # was lost after 35 Category 3 codes.
        legends = [
            ("wd", _("Willful defiance (E.C. 48900(k)): interventions only, never suspension")),
            (1, _("Category 1 (E.C. 48915(c)): requires a recommendation for expulsion")),
            (2, _("Category 2 (E.C. 48915(a))")),
            (3, _("Category 3")),
        ]
        return [
            {
                "key": key,
                "legend": legend,
                "items": [
                    {
                        "reason": reason,
                        "checked": str(reason.pk) in chosen,
                        "disabled": reason.grades_4_12_only and self.k3_selected,
                    }
                    for reason in groups[key]
                ],
            }
            for key, legend in legends
            if groups[key]
        ]


def _reasons_field():
    return forms.ModelMultipleChoiceField(
        queryset=ReasonCode.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        label=_("Reasons for referral"),
    )


class ReferralForm(ReasonsMixin, SubmissionTokenMixin, forms.Form):
    """The MiSiS office discipline referral, for one or several students."""

    refusal_fields = {"student": "students"}

    students = forms.ModelMultipleChoiceField(
        queryset=Student.objects.none(),
        widget=forms.MultipleHiddenInput,
        label=_("Students"),
        error_messages={"required": _("Find and choose at least one student.")},
    )
    incident_date = RecordDateField(label=_("Incident date"), **DATE)
    incident_time = forms.TimeField(label=_("Incident time"), required=False, **TIME)
    referred_on = RecordDateField(label=_("Date of referral"), **DATE)
    location = forms.ModelChoiceField(
        queryset=Location.objects.filter(active=True), label=_("Location/context")
    )
    reasons = _reasons_field()
    motivation = forms.ModelChoiceField(
        queryset=Motivation.objects.filter(active=True),
        required=False,
        label=_("Possible motivation"),
    )
    description = forms.CharField(label=_("Description of incident"), **LONG_TEXT)
    prior_corrections = forms.ModelMultipleChoiceField(
        queryset=CorrectionMeasure.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Other means of correction already tried"),
    )

    def __init__(self, *args, user, **kwargs):
        kwargs["initial"] = {
            "referred_on": timezone.localdate(),
            **kwargs.get("initial", {}),
        }
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["students"].queryset = Student.objects.for_user(user)
        self.chosen_students = list(self._chosen_students())
        self.k3_selected = any(
            s.current_grade is not None and s.current_grade <= 3 for s in self.chosen_students
        )

    def _chosen_students(self):
        values = self["students"].value() or []
        pks = [int(v) for v in values if is_id(v)]
        if not pks:
            return []
        return selectors.with_current_grade(self.fields["students"].queryset.filter(pk__in=pks))

    def clean_referred_on(self):
        referred_on = self.cleaned_data["referred_on"]
        if referred_on > timezone.localdate():
            raise ValidationError(_("The date of referral cannot be in the future."))
        return referred_on


class ReasonsForm(ReasonsMixin, forms.Form):
    """An administrator corrects a referral's reasons (GRADE, WD, NOEXP)."""

    reasons = _reasons_field()

    def __init__(self, *args, referral, **kwargs):
        kwargs.setdefault("initial", {"reasons": [r.pk for r in referral.reasons.all()]})
        super().__init__(*args, **kwargs)
        self.k3_selected = referral.grade is not None and referral.grade <= 3


class CloseForm(forms.Form):
    admin_notes = forms.CharField(label=_("Administrator/designee notes"), required=False, **TEXT)


class VoidForm(forms.Form):
    void_reason = forms.CharField(
        label=_("Reason for voiding"),
        help_text=_("The record stays in history, marked as voided, with this reason."),
        **TEXT,
    )


# --- outcomes of a referral, recorded by an administrator ----------------------------


class OutcomeForm(SubmissionTokenMixin, forms.Form):
    """An outcome's form: built for one referral and one acting user; each
    post of it saves once (its submission token)."""

    def __init__(self, *args, referral, user, **kwargs):
        self.referral = referral
        self.user = user
        super().__init__(*args, **kwargs)


PARENT_CONTACT_FIELDS = (
    "parent_contacted_at",
    "parent_contact_method",
    "parent_contacted_by",
    "parent_contact_result",
)


class SuspensionForm(OutcomeForm):
    kind = forms.ChoiceField(label=_("Type of suspension"), choices=SuspensionKind.choices)
    start_date = RecordDateField(label=_("First day"), **DATE)
    school_days = forms.IntegerField(
        label=_("School days"),
        min_value=1,
        max_value=60,
        help_text=_("The end date is computed on the school calendar."),
    )
    extends = forms.ModelChoiceField(
        queryset=Suspension.objects.none(),
        required=False,
        label=_("Extends suspension (pending a recommendation for expulsion)"),
    )
    parent_contacted_at = RecordDateTimeField(
        label=_("Parent contact attempted at"), required=False, **DATETIME
    )
    parent_contact_method = forms.ChoiceField(
        label=_("How"), choices=_with_blank(ContactMethod.choices), required=False
    )
    parent_contacted_by = forms.ModelChoiceField(
        queryset=User.objects.none(), label=_("By whom"), required=False
    )
    parent_contact_result = forms.ChoiceField(
        label=_("Result"), choices=_with_blank(ContactResult.choices), required=False
    )
    notice_language = forms.ChoiceField(
        label=_("Language of the written notice"),
        choices=[(code, label) for code, label in HomeLanguage.choices if code in NOTICE_LANGUAGES],
    )

    def __init__(self, *args, referral, user, **kwargs):
        kwargs["initial"] = {
            "kind": SuspensionKind.OUT_OF_SCHOOL,
            "notice_language": referral.student.notice_language,
            "parent_contacted_by": user.pk,
            **kwargs.get("initial", {}),
        }
        super().__init__(*args, referral=referral, user=user, **kwargs)
        self.fields["extends"].queryset = Suspension.objects.valid().filter(referral=referral)
        self.fields["parent_contacted_by"].queryset = (
            User.objects.for_user(user).filter(is_active=True).order_by("last_name")
        )
        # NOTICE requires all four; the rules judge them (so the refusal names
        # the rule), but the form marks them required for the person filling it.
        for name in PARENT_CONTACT_FIELDS:
            self.fields[name].widget.attrs["aria-required"] = "true"
            self.fields[name].label = format_lazy("{} *", self.fields[name].label)


class TransferForm(OutcomeForm):
    kind = forms.ChoiceField(label=_("Type of transfer"), choices=TransferKind.choices)
    effective_date = RecordDateField(label=_("Effective date"), **DATE)
    receiving_school = forms.ModelChoiceField(
        queryset=School.objects.filter(active=True), required=False, label=_("Receiving school")
    )
    days_lost = forms.IntegerField(
        label=_("Instructional days lost"), min_value=0, max_value=200, initial=0
    )


class ExpulsionRecommendationForm(OutcomeForm):
    recommended_on = RecordDateField(label=_("Date of recommendation"), **DATE)
    notes = forms.CharField(label=_("Notes"), required=False, **TEXT)


class ExpulsionFindingForm(OutcomeForm):
    found_on = RecordDateField(label=_("Date of finding"), **DATE)
    finding = forms.CharField(
        label=_("Written finding that expulsion is inappropriate"),
        help_text=_(
            "E.C. 48915(a): the particular circumstances that make expulsion inappropriate."
        ),
        **LONG_TEXT,
    )


class ExpulsionForm(OutcomeForm):
    recommendation = forms.ModelChoiceField(
        queryset=ExpulsionRecommendation.objects.none(), label=_("Recommendation for expulsion")
    )
    ordered_on = RecordDateField(label=_("Board order date"), **DATE)
    starts_on = RecordDateField(label=_("First day"), **DATE)
    ends_on = RecordDateField(label=_("Last day"), **DATE)
    days_lost = forms.IntegerField(
        label=_("Instructional days lost"), min_value=0, max_value=400, initial=0
    )

    def __init__(self, *args, referral, user, **kwargs):
        super().__init__(*args, referral=referral, user=user, **kwargs)
        self.fields["recommendation"].queryset = ExpulsionRecommendation.objects.valid().filter(
            referral=referral, status=RecommendationStatus.PENDING
        )


class LawEnforcementContactForm(OutcomeForm):
    kind = forms.ChoiceField(label=_("Type of contact"), choices=LawEnforcementKind.choices)
    occurred_on = RecordDateField(label=_("Date"), **DATE)
    school_based = forms.BooleanField(
        label=_("School-based (made at school or by school police)"), required=False, initial=True
    )
    agency = forms.CharField(label=_("Agency"), max_length=120, required=False)
    days_lost = forms.IntegerField(
        label=_("Instructional days lost"), min_value=0, max_value=200, initial=0
    )
    notes = forms.CharField(label=_("Notes"), required=False, **TEXT)


class SafetyFindingForm(OutcomeForm):
    found_on = RecordDateField(label=_("Date of finding"), **DATE)
    justification = forms.CharField(
        label=_("Written justification"),
        help_text=_(
            "E.C. 48900.5: why the student's presence causes a danger to persons. "
            "Safety findings are counted and reported by school."
        ),
        **LONG_TEXT,
    )


class PlacementDecisionForm(OutcomeForm):
    decided_on = RecordDateField(label=_("Date of decision"), **DATE)
    change_of_placement = forms.TypedChoiceField(
        label=_("Is the removal a change of placement?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reasoning = forms.CharField(
        label=_("Reasoning"),
        required=False,
        help_text=_(
            "A pattern is decided case by case: more than 10 days in the year, substantially "
            "similar behavior, and the length and proximity of removals (34 CFR 300.536)."
        ),
        **TEXT,
    )
    review_held_on = RecordDateField(
        label=_("Manifestation determination review held on"), required=False, **DATE
    )
    behavior_was_manifestation = forms.NullBooleanField(
        label=_("Was the behavior a manifestation of the disability?"),
        required=False,
        widget=forms.NullBooleanSelect,
    )


class AdministrativeActionForm(OutcomeForm):
    action = forms.ModelChoiceField(
        queryset=AdministrativeActionType.objects.filter(active=True),
        label=_("Administrative action"),
    )
    taken_on = RecordDateField(label=_("Date"), **DATE)
    notes = forms.CharField(label=_("Notes"), required=False, **TEXT)


class IncidentProcessForm(SubmissionTokenMixin, forms.Form):
    """The same administrative action or intervention for several students of
    one incident; each is then recorded, and judged by the rules, on its own."""

    ACTION = "administrative-action"
    INTERVENTION = "intervention"

    referrals = forms.ModelMultipleChoiceField(
        queryset=ReasonCode.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Students of this incident"),
        error_messages={"required": _("Choose at least one student.")},
    )
    record = forms.ChoiceField(
        label=_("Record for each"),
        widget=forms.RadioSelect,
        choices=[
            (ACTION, _("An administrative action")),
            (INTERVENTION, _("An intervention")),
        ],
        initial=ACTION,
    )
    action = forms.ModelChoiceField(
        queryset=AdministrativeActionType.objects.filter(active=True),
        label=_("Administrative action"),
        required=False,
    )
    intervention_type = forms.ModelChoiceField(
        queryset=None, label=_("Intervention"), required=False
    )
    tier = forms.TypedChoiceField(
        label=_("Tier"), choices=[(1, "I"), (2, "II"), (3, "III")], coerce=int, initial=2
    )
    on = RecordDateField(label=_("Date"), **DATE)
    notes = forms.CharField(label=_("Notes"), required=False, **TEXT)

    def __init__(self, *args, referrals, **kwargs):
        from interventions.models import InterventionType

        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("on", timezone.localdate())
        kwargs["initial"].setdefault("referrals", [r.pk for r in referrals])
        super().__init__(*args, **kwargs)
        self.fields["referrals"].queryset = referrals
        self.fields["referrals"].label_from_instance = lambda r: f"{r.student.name} ({r.pk})"
        self.fields["intervention_type"].queryset = InterventionType.objects.filter(active=True)

    def clean(self):
        data = super().clean()
        if data.get("record") == self.ACTION and not data.get("action"):
            self.add_error("action", _("Choose the administrative action."))
        if data.get("record") == self.INTERVENTION and not data.get("intervention_type"):
            self.add_error("intervention_type", _("Choose the intervention."))
        return data
