from django.contrib import admin

from district.models import PoliceDeployment, RjTraining, RoiScore, SafetyStaffingLine
from people.admin import CatalogAdmin


class DistrictDataAdmin(CatalogAdmin):
    """District data: kept by district staff (``reporting.edit_district_data``).
    The report pages have forms for each; the admin lists and corrects them."""

    permission = "reporting.edit_district_data"
    list_filter = ()


@admin.register(RoiScore)
class RoiScoreAdmin(DistrictDataAdmin):
    list_display = ("school", "school_year", "total", "rank")
    list_filter = ("school_year",)
    list_select_related = ("school", "school_year")
    search_fields = ("school__name", "school__code")


@admin.register(PoliceDeployment)
class PoliceDeploymentAdmin(DistrictDataAdmin):
    list_display = ("school", "starts_on", "ends_on", "reason", "school_year")
    list_filter = ("school_year", "reason")
    list_select_related = ("school", "school_year")


@admin.register(SafetyStaffingLine)
class SafetyStaffingLineAdmin(DistrictDataAdmin):
    list_display = ("position", "location", "ftes", "budget", "school_year")
    list_filter = ("school_year",)


@admin.register(RjTraining)
class RjTrainingAdmin(DistrictDataAdmin):
    list_display = ("school", "school_year", "found_on", "due_on", "trained_on")
    list_filter = ("school_year",)
    list_select_related = ("school", "school_year")
