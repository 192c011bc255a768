from django.urls import path, re_path

from reporting import views

app_name = "reporting"

MONTH = r"(?P<month>\d{4}-\d{2})"
VERSION = r"v(?P<version>[1-9]\d{0,3})"
UNIT = r"(?P<unit>district|region-[\w.-]+|school-[\w.-]+)"

urlpatterns = [
    path("public/", views.public_index, name="public-index"),
    re_path(rf"^public/{MONTH}/$", views.public_month, name="public-month"),
    re_path(rf"^public/{MONTH}/{VERSION}/$", views.public_pick, name="public-pick"),
    re_path(rf"^public/{MONTH}/{VERSION}/{UNIT}/$", views.public_unit, name="public-unit"),
    re_path(
        rf"^public/{MONTH}/{VERSION}/{UNIT}\.(?P<fmt>csv|json)$",
        views.public_download,
        name="public-download",
    ),
    path("reporting/district/", views.district_index, name="district-index"),
    path("reporting/publish/", views.publication_create, name="publication-create"),
    path(
        "reporting/publications/<id:pk>/",
        views.publication_detail,
        name="publication-detail",
    ),
    path(
        "reporting/publications/<id:pk>/status/",
        views.publication_status,
        name="publication-status",
    ),
]
