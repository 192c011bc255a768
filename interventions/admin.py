from django.contrib import admin

from discipline.admin import RecordAdmin, SpanishBesideEnglish
from interventions.models import Intervention, InterventionType, MatrixEntry
from people.admin import CatalogAdmin


@admin.register(InterventionType)
class InterventionTypeAdmin(SpanishBesideEnglish, CatalogAdmin):
    list_display = ("english_label", "label_es", "source", "default_tier", "active")
    list_filter = ("source", "default_tier", "active")
    search_fields = ("label", "label_es")


@admin.register(MatrixEntry)
class MatrixEntryAdmin(CatalogAdmin):
    list_display = ("reason_code", "grade_band", "tier", "intervention_type", "position")
    list_filter = ("grade_band", "tier", "reason_code__category")
    list_select_related = ("reason_code", "intervention_type")


@admin.register(Intervention)
class InterventionAdmin(RecordAdmin):
    list_display = ("pk", "student", "school", "tier", "intervention_type", "started_on")
    list_filter = ("tier", "school_year")
    raw_id_fields = ("student", "referral", "provider", "recorded_by")
    exclude = ()
