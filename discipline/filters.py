"""The referral queue's filters, applied on top of an already-scoped queryset."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from discipline.models import Category, ReasonCode, Referral, ReferralStatus
from people.models import School, Student, User

GRADES = [(str(g), {-1: "TK", 0: "K"}.get(g, str(g))) for g in range(-1, 13)]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _schools(request):
    if request is None:
        return School.objects.none()
    return School.objects.for_user(request.user).filter(active=True)


def _staff(request):
    if request is None:
        return User.objects.none()
    return User.objects.for_user(request.user).order_by("last_name", "first_name")


class ReferralFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_student", label=_("Student name or ID"))
    # The queue opens on the open referrals; "Any" (an empty value) shows all.
    status = django_filters.ChoiceFilter(
        choices=ReferralStatus.choices, empty_label=_("Any"), label=_("Status")
    )
    reason = django_filters.ModelChoiceFilter(
        queryset=ReasonCode.objects.filter(active=True),
        method="filter_reason",
        label=_("Reason code"),
    )
    category = django_filters.ChoiceFilter(
        choices=Category.choices, method="filter_category", label=_("Category")
    )
    grade = django_filters.ChoiceFilter(choices=GRADES, label=_("Grade"))
    incident_from = django_filters.DateFilter(
        field_name="incident_date", lookup_expr="gte", label=_("Incident from"), widget=DATE
    )
    incident_to = django_filters.DateFilter(
        field_name="incident_date", lookup_expr="lte", label=_("Incident to"), widget=DATE
    )
    referred_by = django_filters.ModelChoiceFilter(queryset=_staff, label=_("Referring staff"))
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        widget=forms.CheckboxInput,
        label=_("Willful-defiance follow-up overdue"),
    )
    sort = django_filters.OrderingFilter(
        fields=(("referred_on", "referred"), ("incident_date", "incident")),
        field_labels={
            "referred_on": _("Date of referral"),
            "incident_date": _("Incident date"),
        },
        choices=[
            ("referred", _("Oldest referral first")),
            ("-referred", _("Newest referral first")),
            ("-incident", _("Newest incident first")),
            ("incident", _("Oldest incident first")),
        ],
        empty_label=_("Newest incident first"),
        label=_("Sort by"),
    )
    include_voided = django_filters.BooleanFilter(
        method="filter_nothing", widget=forms.CheckboxInput, label=_("Include voided referrals")
    )

    class Meta:
        model = Referral
        fields = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        # A teacher's own referrals: what became of them, not a queue to work.
        teacher = request is not None and not request.user.has_perm("discipline.view_outcomes")
        if data is not None and "status" not in data and not teacher:
            data = data.copy()
            data["status"] = ReferralStatus.OPEN
        super().__init__(data, *args, request=request, **kwargs)
        if teacher:
            # A teacher's queue is their own referrals: who referred is them.
            for name in ("referred_by", "overdue"):
                del self.filters[name]
        elif request is not None and request.user.has_perm("people.view_all_schools"):
            # Every school's staff would make a list nobody can pick from.
            del self.filters["referred_by"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("include_voided"):
            queryset = queryset.valid()
        return super().filter_queryset(queryset)

    def filter_student(self, queryset, name, value):
        """Every word typed begins the student's ID, first or last name."""
        for term in value.split()[:4]:
            queryset = queryset.filter(
                Q(student__student_id__startswith=term)
                | Q(student__first_name__istartswith=term)
                | Q(student__last_name__istartswith=term)
            )
        return queryset

    def filter_reason(self, queryset, name, value):
        if not value:
            return queryset
        through = Referral.reasons.through.objects.filter(reasoncode=value)
        return queryset.filter(pk__in=through.values("referral_id"))

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        through = Referral.reasons.through.objects.filter(reasoncode__category=value)
        return queryset.filter(pk__in=through.values("referral_id"))

    def filter_overdue(self, queryset, name, value):
        # The queryset carries ``wd_overdue`` (selectors.with_wd_follow_up).
        return queryset.filter(wd_overdue=True) if value else queryset

    def filter_nothing(self, queryset, name, value):
        return queryset


class StudentFilter(django_filters.FilterSet):
    """Find a student (issue 16): on top of ``Student.objects.for_user``."""

    q = django_filters.CharFilter(method="filter_text", label=_("Name or student ID"))
    grade = django_filters.ChoiceFilter(choices=GRADES, method="filter_grade", label=_("Grade"))
    school = django_filters.ModelChoiceFilter(
        queryset=_schools, method="filter_school", label=_("School")
    )

    class Meta:
        model = Student
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is None or not request.user.has_perm("people.view_all_schools"):
            del self.filters["school"]

    def filter_text(self, queryset, name, value):
        for term in value.split()[:4]:
            queryset = queryset.filter(
                Q(student_id__startswith=term)
                | Q(first_name__istartswith=term)
                | Q(last_name__istartswith=term)
            )
        return queryset

    def filter_grade(self, queryset, name, value):
        # The grade of the student's latest enrollment (selectors.with_current_grade).
        return queryset.filter(current_grade=int(value))

    def filter_school(self, queryset, name, value):
        return queryset.filter(enrollments__school=value).distinct()
