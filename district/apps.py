from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "district"
    verbose_name = _("District data")
