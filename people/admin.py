from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from people.models import (
    BoardDistrict,
    FormSubmission,
    NonInstructionalDay,
    Region,
    RegionAlias,
    ReportingUnit,
    School,
    SchoolYear,
    Student,
    UnitMembership,
    User,
)
from people.scoping import VIEW
from people.submissions import TOKEN, SubmissionTokenMixin, loaded, reference

admin.site.site_header = gettext_lazy("Discipline records: district administration")
admin.site.site_title = gettext_lazy("Discipline records")

TOKEN_FIELD = "submission_token"


class SubmittedOnceAdmin(admin.ModelAdmin):
    """Add and change pages that save once per submission token (issue 10, fault 5).

    Their forms carry the hidden ``submission_token`` the application's forms
    carry (``people.submissions``). Django runs the whole add or change view in
    one transaction; this admin claims the token there first (a
    ``FormSubmission`` row, unique per user and token). A post whose form is
    refused gives the token back, so the corrected form can be posted again. A
    second post of a token already saved (a double click, a reload, or a post
    at the same moment on another connection, which waits for the first)
    saves nothing and is answered as the first was, with the first one's record.
    A page that only shows (no permission to change) carries no token.
    """

    def _writes(self, request, obj):
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if "fields" not in kwargs:  # as Django's own, from the fieldsets
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"]:  # the token is the form's own field, not the model's
            kwargs["fields"] = [name for name in kwargs["fields"] if name != TOKEN_FIELD]
        form = super().get_form(request, obj, **kwargs)
        if not self._writes(request, obj):
            return form
        return type(form.__name__, (form, SubmissionTokenMixin), {})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self._writes(request, obj) and TOKEN_FIELD not in flatten_fieldsets(fieldsets):
            # Declared fieldsets (the accounts' pages) list the model's fields only.
            fieldsets = [*fieldsets, (None, {"fields": [TOKEN_FIELD], "classes": ["hidden"]})]
        return fieldsets

    def _changeform_view(self, request, object_id, form_url, extra_context):
        token = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
        if not TOKEN.fullmatch(token):  # none (a GET, a script), or one the form refuses
            return super()._changeform_view(request, object_id, form_url, extra_context)
        adding = object_id is None or "_saveasnew" in request.POST
        try:
            with transaction.atomic():
                claim = FormSubmission.objects.create(user=request.user, token=token)
        except IntegrityError:
            earlier = FormSubmission.objects.filter(user=request.user, token=token).first()
            if earlier is None:
                raise
            return self._answer_again(request, loaded(earlier), adding)
        response = super()._changeform_view(request, object_id, form_url, extra_context)
        saved = getattr(request, "_saved_by_admin", None)
        if saved is None:
            claim.delete()  # refused: the corrected form is posted with this token again
        else:
            claim.records = [reference(saved)]
            claim.save(update_fields=["records"])
        return response

    def _answer_again(self, request, record, adding):
        if record is None:
            opts = self.opts
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            )
        if adding:
            return self.response_add(request, record)
        return self.response_change(request, record)

    def response_add(self, request, obj, post_url_continue=None):
        request._saved_by_admin = obj
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        request._saved_by_admin = obj
        return super().response_change(request, obj)


class ScopedAdmin(SubmittedOnceAdmin):
    """The admin reads through the same scope as every view.

    Only district staff reach the admin (``is_staff``). They read every school
    and maintain catalogs; school records are changed at the schools, through
    the application, except by a superuser acting as data steward, and even
    then every save runs the rules.
    """

    def get_queryset(self, request):
        return self.model.objects.for_user(request.user, VIEW)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        # Without this the admin index asks for Django model permissions the
        # district account has not been given, lists nothing, and an app's
        # breadcrumb ("Discipline") answers 404.
        return self.has_view_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History pages that only show (issue 10, fault 2).

    django-simple-history's page for one past version is a "revert" form that
    saves whatever is posted to it whenever the user may *view* the record;
    hiding its button does not close it. Records change only through the
    services, which run the rules, so a history page answers nothing but
    GET and HEAD, for everyone, superusers included.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def _keeps_versions(self):
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    def history_view(self, request, object_id, extra_context=None):
        if not self._keeps_versions():  # Django's own log of admin changes
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not self._keeps_versions():
            raise Http404  # a model without kept versions (e.g. Enrollment)
        return super().history_form_view(request, object_id, version_id, extra_context)


class CatalogAdmin(SubmittedOnceAdmin):
    """District staff maintain catalogs; entries are deactivated, never deleted."""

    list_display = ("__str__", "active")
    list_filter = ("active",)

    permission = "catalogs.edit"

    def _district(self, request):
        user = request.user
        return user.is_active and user.is_staff and user.has_perm(self.permission)

    def has_view_permission(self, request, obj=None):
        return self._district(request)

    def has_module_permission(self, request):
        return self._district(request)

    def has_add_permission(self, request):
        return self._district(request)

    def has_change_permission(self, request, obj=None):
        return self._district(request)

    def has_delete_permission(self, request, obj=None):
        return False


class AliasInline(admin.TabularInline):
    model = RegionAlias
    extra = 0


@admin.register(Region)
class RegionAdmin(CatalogAdmin):
    list_display = ("name", "code")
    list_filter = ()
    inlines = [AliasInline]


class MembershipInline(admin.TabularInline):
    model = UnitMembership
    extra = 1
    autocomplete_fields = ("school",)


@admin.register(ReportingUnit)
class ReportingUnitAdmin(CatalogAdmin):
    """Local Districts and regions, and which schools belonged to each when."""

    list_display = ("name", "kind", "region")
    list_filter = ("kind",)
    inlines = [MembershipInline]


@admin.register(BoardDistrict)
class BoardDistrictAdmin(CatalogAdmin):
    list_display = ("number",)
    list_filter = ()


@admin.register(School)
class SchoolAdmin(CatalogAdmin):
    list_display = ("code", "name", "level", "region", "board_district", "active")
    list_filter = ("level", "region", "board_district", "active")
    search_fields = ("code", "name")


class NonInstructionalDayInline(admin.TabularInline):
    model = NonInstructionalDay
    extra = 1


@admin.register(SchoolYear)
class SchoolYearAdmin(CatalogAdmin):
    list_display = ("name", "first_day", "last_day", "ada_daily_rate")
    list_filter = ()
    inlines = [NonInstructionalDayInline]


@admin.register(Student)
class StudentAdmin(ScopedAdmin):
    list_display = ("student_id", "last_name", "first_name", "disability", "english_learner")
    search_fields = ("student_id", "last_name", "first_name")


@admin.register(User)
class StaffAdmin(SubmittedOnceAdmin, UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "schools__region")
    fieldsets = UserAdmin.fieldsets + (
        ("District role", {"fields": ("role", "position", "schools")}),
    )
    filter_horizontal = ("schools", "groups", "user_permissions")

    def has_module_permission(self, request):
        return request.user.is_superuser

    def get_queryset(self, request):
        return User.objects.for_user(request.user, VIEW)


# The data steward adds groups and second-factor devices on Django's and
# django-otp's own pages: the same token on theirs.
for _model, _admin in ((Group, GroupAdmin), (TOTPDevice, TOTPDeviceAdmin)):
    admin.site.unregister(_model)
    admin.site.register(
        _model, type(_admin.__name__, (SubmittedOnceAdmin, _admin), {"__module__": __name__})
    )
