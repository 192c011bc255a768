from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from discipline import rules, services
from discipline.models import (
    OUTCOME_KINDS,
    AdministrativeActionType,
    CorrectionMeasure,
    Location,
    Motivation,
    ReasonCode,
    Referral,
    StudentRecordView,
    Suspension,
)
from people.admin import CatalogAdmin, ReadOnlyHistoryAdmin, ScopedAdmin
from people.models import Enrollment


class SpanishRequired:
    """A catalog entry is saved with its Spanish text, so a Spanish page never
    falls back to the English one (issue 16, item 10). Each box says which
    language it holds (``lang``), so a screen reader reads it in that one."""

    spanish_fields = ("label_es",)
    english_fields = ("label",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        for name in self.spanish_fields:
            if name in form.base_fields:
                form.base_fields[name].required = True
                form.base_fields[name].widget.attrs["lang"] = "es"
        for name in self.english_fields:
            if name in form.base_fields:
                form.base_fields[name].widget.attrs["lang"] = "en"
        return form

    @admin.display(description=_("label"), ordering="label")
    def english_label(self, obj):
        return format_html('<span lang="en">{}</span>', obj.label)


class SpanishBesideEnglish(SpanishRequired):
    """The Spanish text is edited beside the English, in the list itself;
    each box is named for its entry (the list's inputs have no label)."""

    list_editable = ("label_es",)

    def get_changelist_form(self, request, **kwargs):
        base = super().get_changelist_form(request, **kwargs)

        class Labelled(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if "label_es" in self.fields:
                    self.fields["label_es"].required = True
                    self.fields["label_es"].widget.attrs["lang"] = "es"
                    self.fields["label_es"].widget.attrs["aria-label"] = gettext(
                        "Spanish text of “%(label)s”"
                    ) % {"label": self.instance.label}

        return Labelled


class BilingualCatalogAdmin(SpanishBesideEnglish, CatalogAdmin):
    list_display = ("english_label", "label_es", "active")
    search_fields = ("label", "label_es")


for catalog in (Location, Motivation, CorrectionMeasure, AdministrativeActionType):
    admin.site.register(catalog, BilingualCatalogAdmin)


@admin.register(ReasonCode)
class ReasonCodeAdmin(SpanishRequired, CatalogAdmin):
    spanish_fields = ("definition_es",)
    english_fields = ("title", "definition")
    list_display = (
        "code",
        "shown_title",
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

    @admin.display(description=_("title"), ordering="title")
    def shown_title(self, obj):
        """The title in the viewer's language; one not translated yet is marked English."""
        shown = obj.display_title
        if shown == obj.title and not (get_language() or "en").startswith("en"):
            return format_html('<span lang="en">{}</span>', shown)
        return shown


class ServiceWrittenForm(forms.ModelForm):
    """An admin add/change form that writes through the services.

    Once the fields are valid, the form hands the record (and its reasons) to
    ``services.record_save_by_steward``, which judges it by the rules under
    the student's lock and saves it; a refusal is shown on the form with its
    rule ids. ``RecordAdmin.save_model`` then has nothing left to write.
    """

    steward = None  # the request's user, set by ``RecordAdmin.get_form``
    through_service = ("reasons", "prior_corrections")

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        m2m = {
            name: self.cleaned_data[name] for name in self.through_service if name in self.fields
        }
        try:
            services.record_save_by_steward(steward=self.steward, record=self.instance, **m2m)
        except rules.RuleViolation as refusal:
            self.add_error(
                None, [ValidationError(v.text(), code=v.rule_id) for v in refusal.violations]
            )
        except ValidationError as error:
            self.add_error(None, error.messages)
        except PermissionDenied as denied:
            self.add_error(None, str(denied))
        else:
            self.saved_by_service = True


class ServiceWrittenAdmin(ScopedAdmin):
    """An admin whose add and change forms write through the services."""

    form = ServiceWrittenForm

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"steward": request.user})

    def save_model(self, request, obj, form, change):
        if not getattr(form, "saved_by_service", False):
            raise PermissionDenied("records are written through the services")

    def save_related(self, request, form, formsets, change):
        # The service wrote the reasons with the record; nothing else to save.
        pass


class RecordAdmin(ServiceWrittenAdmin, ReadOnlyHistoryAdmin):
    """Discipline records: readable by district staff, each with its history;
    a superuser's add or change goes through the services."""

    readonly_fields = ("voided_at", "voided_by", "void_reason", "created_at")
    list_select_related = ("student", "school")
    raw_id_fields = ("referral",)


@admin.register(Referral)
class ReferralAdmin(RecordAdmin):
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


for model in (kind.model for kind in OUTCOME_KINDS.values() if kind.model is not Suspension):
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
        return request.user.is_staff and request.user.has_perm("discipline.view_record_log")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enrollment)
class EnrollmentAdmin(ServiceWrittenAdmin):
    """Enrollments are judged by EXPELLED (BUL-5808.3), so their admin lives
    here, beside the services that judge them."""

    list_display = ("student", "school", "grade", "start", "end")
    list_select_related = ("student", "school")
    raw_id_fields = ("student",)
