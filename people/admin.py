from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from people.models import (
    BoardDistrict,
    NonInstructionalDay,
    Region,
    RegionAlias,
    School,
    SchoolYear,
    Student,
    User,
)
from people.scoping import VIEW

admin.site.site_header = "Discipline records: district administration"
admin.site.site_title = "Discipline records"


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

    def has_delete_permission(self, request, obj=None):
        return False


class CatalogAdmin(admin.ModelAdmin):
    """District staff maintain catalogs; entries are deactivated, never deleted."""

    list_display = ("__str__", "active")
    list_filter = ("active",)

    def _district(self, request):
        return request.user.is_active and request.user.is_staff and request.user.is_district_staff

    def has_view_permission(self, request, obj=None):
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
