"""Filters of the intervention list, on top of an already-scoped queryset."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from interventions.models import Intervention, InterventionOutcome, InterventionType, Tier

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InterventionFilter(django_filters.FilterSet):
    tier = django_filters.ChoiceFilter(choices=Tier.choices, label=_("Tier"))
    outcome = django_filters.ChoiceFilter(choices=InterventionOutcome.choices, label=_("Outcome"))
    intervention_type = django_filters.ModelChoiceFilter(
        queryset=InterventionType.objects.filter(active=True), label=_("Intervention")
    )
    started_from = django_filters.DateFilter(
        field_name="started_on", lookup_expr="gte", label=_("Started from"), widget=DATE
    )
    started_to = django_filters.DateFilter(
        field_name="started_on", lookup_expr="lte", label=_("Started to"), widget=DATE
    )
    open = django_filters.BooleanFilter(
        method="filter_open", widget=forms.CheckboxInput, label=_("Open only")
    )
    include_voided = django_filters.BooleanFilter(
        method="filter_nothing", widget=forms.CheckboxInput, label=_("Include voided")
    )

    class Meta:
        model = Intervention
        fields = []

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("include_voided"):
            queryset = queryset.valid()
        return super().filter_queryset(queryset)

    def filter_open(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(ended_on__isnull=True, outcome=InterventionOutcome.IN_PROGRESS)

    def filter_nothing(self, queryset, name, value):
        return queryset
