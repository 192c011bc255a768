"""Forms to record and follow interventions (other means of correction)."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from discipline import selectors
from discipline.forms import DATE, TEXT, RecordDateField
from discipline.models import Referral
from interventions.models import InterventionOutcome, InterventionType, Tier
from people.ids import is_id
from people.models import Student, User
from people.submissions import SubmissionTokenMixin


def _providers(user):
    return User.objects.for_user(user).filter(is_active=True).order_by("last_name", "first_name")


def _check_end(form, started_on):
    ended_on = form.cleaned_data.get("ended_on")
    if started_on and ended_on and ended_on < started_on:
        form.add_error("ended_on", _("The intervention cannot end before it started."))


class InterventionForm(SubmissionTokenMixin, forms.Form):
    """One intervention for one student; teachers record Tier I and II ones
    they carried out themselves (SPEC section 2)."""

    student = forms.ModelChoiceField(
        queryset=Student.objects.none(),
        widget=forms.HiddenInput,
        label=_("Student"),
        error_messages={"required": _("Find and choose the student.")},
    )
    referral = forms.ModelChoiceField(
        queryset=Referral.objects.none(), required=False, widget=forms.HiddenInput
    )
    intervention_type = forms.ModelChoiceField(
        queryset=InterventionType.objects.filter(active=True), label=_("Intervention")
    )
    tier = forms.TypedChoiceField(label=_("Tier"), choices=Tier.choices, coerce=int)
    started_on = RecordDateField(label=_("Started on"), **DATE)
    ended_on = RecordDateField(label=_("Ended on"), required=False, **DATE)
    provider = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Provider"))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=InterventionOutcome.choices)
    notes = forms.CharField(label=_("Notes"), required=False, **TEXT)

    def __init__(self, *args, user, **kwargs):
        kwargs["initial"] = {
            "started_on": timezone.localdate(),
            "provider": user.pk,
            "outcome": InterventionOutcome.IN_PROGRESS,
            **kwargs.get("initial", {}),
        }
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["student"].queryset = Student.objects.for_user(user)
        self.fields["referral"].queryset = Referral.objects.for_user(user)
        self.fields["provider"].queryset = _providers(user)
        if not user.has_perm("interventions.record_tier_3"):
            self.fields["tier"].choices = [c for c in Tier.choices if c[0] != Tier.THREE]
            self.fields["tier"].help_text = _("Teachers record Tier I and Tier II interventions.")
            self.fields["provider"].queryset = User.objects.filter(pk=user.pk)

    def chosen_student(self):
        value = self["student"].value()
        if not is_id(value):
            return None
        return selectors.with_current_grade(
            self.fields["student"].queryset.filter(pk=value)
        ).first()

    def clean(self):
        cleaned = super().clean()
        referral, student = cleaned.get("referral"), cleaned.get("student")
        if referral and student and referral.student_id != student.pk:
            self.add_error("referral", _("The referral is about another student."))
        _check_end(self, cleaned.get("started_on"))
        return cleaned


class InterventionUpdateForm(forms.Form):
    """Follow an intervention: when it ended, how it went, notes."""

    ended_on = RecordDateField(label=_("Ended on"), required=False, **DATE)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=InterventionOutcome.choices)
    provider = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Provider"))

    def __init__(self, *args, user, intervention, **kwargs):
        # Notes are no longer overwritten here: follow-up goes to the dated
        # log (FollowUpForm), one entry at a time.
        kwargs.setdefault(
            "initial",
            {
                "ended_on": intervention.ended_on,
                "outcome": intervention.outcome,
                "provider": intervention.provider_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.intervention = intervention
        self.fields["provider"].queryset = User.objects.filter(
            Q(pk__in=_providers(user).values("pk")) | Q(pk=intervention.provider_id)
        ).order_by("last_name", "first_name")

    def clean(self):
        cleaned = super().clean()
        _check_end(self, self.intervention.started_on)
        return cleaned


class FollowUpForm(SubmissionTokenMixin, forms.Form):
    written_on = RecordDateField(label=_("Date"), **DATE)
    entry = forms.CharField(label=_("What was done or observed"), **TEXT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"written_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
