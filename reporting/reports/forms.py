"""The reports' filter forms (GET) and the district data forms (POST).

A filter that does not validate is shown with its message and the report runs
on the defaults; choices are narrowed to the user's scope. Every data form
carries a submission token (``people.submissions``): posted twice, it saves once."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from district.models import (
    ROI_FEATURES,
    PoliceDeployment,
    RjTraining,
    SafetyStaffingLine,
)
from people.models import Disability, Gender, RaceEthnicity, ReportingUnit, School, SchoolYear
from people.submissions import SubmissionTokenMixin
from reporting.reports.disproportionality import OUTCOMES


def _year_choices():
    return [(y.name, y.name) for y in SchoolYear.objects.all()]


class YearForm(forms.Form):
    year = forms.ChoiceField(label=_("School year"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["year"].choices = [("", _("This school year")), *_year_choices()]


class UnitYearForm(YearForm):
    unit = forms.ModelChoiceField(
        label=_("Local District or region"),
        queryset=ReportingUnit.objects.all(),
        required=False,
        empty_label=_("The whole district"),
        to_field_name="code",
    )
    as_of = forms.DateField(
        label=_("As of (for a year in progress)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def subgroup_choices():
    choices = [("", _("All students"))]
    choices += [(f"race:{v}", label) for v, label in RaceEthnicity.choices]
    choices += [("el:yes", _("English learners")), ("el:no", _("Not English learners"))]
    choices += [(f"dis:{v}", label) for v, label in Disability.choices]
    choices += [(f"gender:{v}", label) for v, label in Gender.choices]
    choices += [
        ("ses:yes", _("Socioeconomically disadvantaged")),
        ("ses:no", _("Not socioeconomically disadvantaged")),
    ]
    return choices


GRADES = [("", _("Every grade")), ("-1", "TK"), ("0", "K")] + [
    (str(g), str(g)) for g in range(1, 13)
]


class Big5Form(UnitYearForm):
    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.none(), required=False, to_field_name="code"
    )
    grade = forms.TypedChoiceField(
        label=_("Grade"), choices=GRADES, coerce=int, required=False, empty_value=None
    )
    subgroup = forms.ChoiceField(label=_("Subgroup"), required=False)
    first = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    last = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["as_of"]
        self.fields["school"].queryset = School.objects.for_user(self.user)
        self.fields["school"].empty_label = _("Every school")
        self.fields["subgroup"].choices = subgroup_choices()

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and last < first:
            self.add_error("last", _("The end date must be on or after the start date."))
        return cleaned


class DisproportionalityForm(YearForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[(k, v[0]) for k, v in OUTCOMES.items()], required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Local District or region"),
        queryset=ReportingUnit.objects.all(),
        required=False,
        empty_label=_("The whole district"),
        to_field_name="code",
    )
    school = forms.ModelChoiceField(
        label=_("School (instead of a region)"),
        queryset=School.objects.none(),
        required=False,
        to_field_name="code",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.for_user(self.user)
        self.fields["school"].empty_label = "—"


class DeploymentForm(SubmissionTokenMixin, forms.ModelForm):
    class Meta:
        model = PoliceDeployment
        fields = [
            "school",
            "starts_on",
            "ends_on",
            "reason",
            "region_staff",
            "mental_health",
            "community_resources",
            "notes",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.for_user(user)


class StaffingLineForm(SubmissionTokenMixin, forms.ModelForm):
    class Meta:
        model = SafetyStaffingLine
        fields = ["school_year", "position", "location", "ftes", "budget"]


class RoiForm(SubmissionTokenMixin, forms.Form):
    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.all(), to_field_name="code"
    )
    school_year = forms.ModelChoiceField(
        label=_("Spring of school year"), queryset=SchoolYear.objects.all()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in ROI_FEATURES:
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=[(str(i), str(i)) for i in range(1, 5)], coerce=int
            )


class RoiUploadForm(SubmissionTokenMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: school_code, school_year, leadership, team, expectations, taught, "
            "recognition, responses, data, alternatives (each score 1 to 4)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2_000_000:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from error


class RjFindingForm(SubmissionTokenMixin, forms.Form):
    found_on = forms.DateField(
        label=_("Date of the finding"), widget=forms.DateInput(attrs={"type": "date"})
    )


class RjTrainingForm(SubmissionTokenMixin, forms.Form):
    finding = forms.ModelChoiceField(label=_("School"), queryset=RjTraining.objects.none())
    trained_on = forms.DateField(
        label=_("Date trained"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user=None, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = RjTraining.objects.for_user(user).select_related("school")
        if year is not None:
            queryset = queryset.filter(school_year=year)
        self.fields["finding"].queryset = queryset
        self.fields["finding"].label_from_instance = lambda f: f.school.name

    def clean(self):
        cleaned = super().clean()
        finding, trained_on = cleaned.get("finding"), cleaned.get("trained_on")
        if finding and trained_on and trained_on < finding.found_on:
            self.add_error("trained_on", _("Training comes after the finding."))
        return cleaned
