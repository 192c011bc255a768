from django.contrib import admin

from notifications.models import FamilyNoticeDelivery


@admin.register(FamilyNoticeDelivery)
class FamilyNoticeDeliveryAdmin(admin.ModelAdmin):
    list_display = ("suspension", "status", "address", "language", "attempted_at")
    list_filter = ("status",)
    readonly_fields = ("suspension", "status", "address", "language", "error", "attempted_at")

    def has_add_permission(self, request):
        return False
