from django import forms
from django.contrib import admin

from discipline import rules
from discipline.models import (
    AdministrativeAction,
    AdministrativeActionType,
    CorrectionMeasure,
    Expulsion,
    ExpulsionFinding,
    ExpulsionRecommendation,
    LawEnforcementContact,
    Location,
    Motivation,
    PlacementDecision,
    ReasonCode,
    Referral,
    SafetyFinding,
    StudentRecordView,
    Suspension,
    Transfer,
)
from people.admin import CatalogAdmin, ReadOnlyHistoryAdmin, ScopedAdmin


class BilingualCatalogAdmin(CatalogAdmin):
    """The Spanish text is edited beside the English, in the list itself."""

    list_display = ("label", "label_es", "active")
    list_editable = ("label_es",)
    search_fields = ("label", "label_es")


for catalog in (Location, Motivation, CorrectionMeasure, AdministrativeActionType):
    admin.site.register(catalog, BilingualCatalogAdmin)


@admin.register(ReasonCode)
class ReasonCodeAdmin(CatalogAdmin):
    list_display = (
        "code",
        "title",
        "category",
        "education_code",
        "grades_4_12_only",
        "admin_only",
        "suspension_not_expulsion",
        "requires_expulsion_recommendation",
        "active",
    )
    list_filter = ("category", "active")
    search_fields = ("code", "title")


class RecordAdmin(ScopedAdmin, ReadOnlyHistoryAdmin):
    """Discipline records: readable by district staff, each with its history."""

    readonly_fields = ("voided_at", "voided_by", "void_reason", "created_at")
    list_select_related = ("student", "school")
    raw_id_fields = ("referral",)


class ReferralAdminForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = "__all__"

    def clean(self):
        # The reasons are written after the referral row (m2m); judge them
        # here so a refusal is shown on the form instead of failing the save.
        cleaned = super().clean()
        reasons = cleaned.get("reasons")
        referral = self.instance
        if not referral.pk:
            referral = Referral(
                student=cleaned.get("student"),
                school=cleaned.get("school"),
                incident_date=cleaned.get("incident_date"),
            )
        if reasons is not None and referral.student_id and referral.incident_date:
            for violation in rules.check_referral_reasons(referral, reasons):
                self.add_error("reasons", violation.text())
        return cleaned


@admin.register(Referral)
class ReferralAdmin(RecordAdmin):
    form = ReferralAdminForm
    list_display = ("pk", "student", "school", "incident_date", "status", "referred_by")
    list_filter = ("status", "school__region")
    raw_id_fields = ("student", "incident", "referred_by")
    search_fields = ("student__student_id", "student__last_name")
    readonly_fields = RecordAdmin.readonly_fields + ("grade", "closed_at", "closed_by")


@admin.register(Suspension)
class SuspensionAdmin(RecordAdmin):
    list_display = ("pk", "student", "school", "kind", "start_date", "school_days", "end_date")
    list_filter = ("kind", "school_year")
    readonly_fields = RecordAdmin.readonly_fields + ("end_date",)
    raw_id_fields = ("referral", "extends", "decided_by", "parent_contacted_by")
    exclude = ("student", "school")


for model in (
    Transfer,
    ExpulsionRecommendation,
    ExpulsionFinding,
    Expulsion,
    LawEnforcementContact,
    SafetyFinding,
    PlacementDecision,
    AdministrativeAction,
):
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (RecordAdmin,),
            {
                "list_display": ("pk", "student", "school", "__str__"),
                "exclude": ("student", "school"),
                "raw_id_fields": ("referral", "decided_by"),
            },
        ),
    )


@admin.register(StudentRecordView)
class StudentRecordViewAdmin(admin.ModelAdmin):
    """Who read which student's discipline history: district staff read it."""

    list_display = ("viewed_at", "viewer", "student")
    list_select_related = ("viewer", "student")
    date_hierarchy = "viewed_at"
    search_fields = ("student__student_id", "viewer__username")

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff and request.user.is_district_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
