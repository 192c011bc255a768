from django.urls import path, re_path

from reporting import views, views_public
from reporting.reports import views as reports

app_name = "reporting"

MONTH = r"(?P<month>\d{4}-\d{2})"
VERSION = r"v(?P<version>[1-9]\d{0,3})"
UNIT = r"(?P<unit>district|region-[\w.-]+|school-[\w.-]+)"

urlpatterns = [
    path("public/", views_public.public_index, name="public-index"),
    path("public/find/", views_public.public_find, name="public-find"),
    path("public/glossary/", views_public.public_glossary, name="public-glossary"),
    path("public/open-data/", views_public.public_open_data, name="public-open-data"),
    path(
        "public/publications.json",
        views_public.public_publications_json,
        name="public-publications-json",
    ),
    re_path(
        r"^public/schema/(?P<name>[a-z]+)\.json$", views_public.public_schema, name="public-schema"
    ),
    re_path(rf"^public/{MONTH}/$", views_public.public_month, name="public-month"),
    re_path(rf"^public/{MONTH}/{VERSION}/$", views_public.public_pick, name="public-pick"),
    re_path(
        rf"^public/{MONTH}/{VERSION}/units\.json$",
        views_public.public_version_units,
        name="public-version-units",
    ),
    re_path(rf"^public/{MONTH}/{VERSION}/{UNIT}/$", views_public.public_unit, name="public-unit"),
    re_path(
        rf"^public/{MONTH}/{VERSION}/{UNIT}\.(?P<fmt>csv|json)$",
        views_public.public_download,
        name="public-download",
    ),
    path("reporting/district/", views.district_index, name="district-index"),
    path("reporting/reports/", reports.district_home, name="reports-home"),
    path("reporting/reports/glance/", reports.glance_report, name="report-glance"),
    path("reporting/reports/referrals/", reports.referrals_report, name="report-referrals"),
    path(
        "reporting/reports/disproportionality/",
        reports.disproportionality_report,
        name="report-disproportionality",
    ),
    path("reporting/reports/restorative-justice/", reports.rj_report, name="report-rj"),
    path("reporting/reports/watch-lists/", reports.watchlists_report, name="report-watchlists"),
    path("reporting/reports/deployments/", reports.deployments_report, name="report-deployments"),
    path("reporting/reports/deployments/new/", reports.deployment_create, name="deployment-create"),
    path("reporting/reports/staffing/", reports.staffing_report, name="report-staffing"),
    path("reporting/reports/staffing/new/", reports.staffing_create, name="staffing-create"),
    path("reporting/reports/roi/", reports.roi_entry, name="roi-entry"),
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
