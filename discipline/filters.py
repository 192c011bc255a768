"""The referral queue's filters, applied on top of an already-scoped queryset."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from discipline.models import Category, ReasonCode, Referral, ReferralStatus
from people.models import Role, User

GRADES = [(str(g), {-1: "TK", 0: "K"}.get(g, str(g))) for g in range(-1, 13)]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _staff(request):
    if request is None:
        return User.objects.none()
    return User.objects.for_user(request.user).order_by("last_name", "first_name")


class ReferralFilter(django_filters.FilterSet):
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
    include_voided = django_filters.BooleanFilter(
        method="filter_nothing", widget=forms.CheckboxInput, label=_("Include voided referrals")
    )

    class Meta:
        model = Referral
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and request.user.role == Role.TEACHER:
            # A teacher's queue is their own referrals: who referred is them.
            for name in ("referred_by", "overdue"):
                del self.filters[name]
        elif request is not None and request.user.is_district_staff:
            # Every school's staff would make a list nobody can pick from.
            del self.filters["referred_by"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("include_voided"):
            queryset = queryset.valid()
        return super().filter_queryset(queryset)

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
