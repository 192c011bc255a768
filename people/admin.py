from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import Http404, HttpResponseNotAllowed
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from people.models import (
    BoardDistrict,
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

admin.site.site_header = gettext_lazy("Discipline records: district administration")
admin.site.site_title = gettext_lazy("Discipline records")


class ScopedAdmin(admin.ModelAdmin):
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


class CatalogAdmin(admin.ModelAdmin):
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
class StaffAdmin(UserAdmin):
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
