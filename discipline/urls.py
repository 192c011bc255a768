from django.urls import path

from discipline import exports, views

app_name = "discipline"

urlpatterns = [
    path("rules/", views.rule_list, name="rule-list"),
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/new/", views.referral_create, name="referral-create"),
    path("referrals/export.csv", exports.referral_list_csv, name="referral-list-csv"),
    path("referrals/<id:pk>/print/", exports.referral_print, name="referral-print"),
    path("referrals/<id:pk>/referral.pdf", exports.referral_pdf, name="referral-pdf"),
    path("referrals/<id:pk>/", views.referral_detail, name="referral-detail"),
    path("referrals/<id:pk>/close/", views.referral_close, name="referral-close"),
    path("referrals/<id:pk>/incident/", views.incident_process, name="incident-process"),
    path("referrals/<id:pk>/reasons/", views.referral_reasons, name="referral-reasons"),
    path("referrals/<id:pk>/record/<slug:kind>/", views.outcome_create, name="outcome-create"),
    path("records/<slug:kind>/<id:pk>/void/", views.record_void, name="record-void"),
    path("suspensions/<id:pk>/", views.suspension_detail, name="suspension-detail"),
    path("suspensions/<id:pk>/notice/", views.suspension_notice, name="suspension-notice"),
    path("notices/<slug:kind>/<id:pk>/", views.outcome_notice, name="outcome-notice"),
    path(
        "notices/<slug:kind>/<id:pk>/notice.pdf",
        views.outcome_notice_pdf,
        name="outcome-notice-pdf",
    ),
    path(
        "suspensions/<id:pk>/notice.pdf",
        views.suspension_notice_pdf,
        name="suspension-notice-pdf",
    ),
    path("students/search/", views.student_search, name="student-search"),
    path("students/", views.student_find, name="student-find"),
    path("students/record-views/", views.record_view_list, name="record-view-list"),
    path("students/<id:pk>/", views.student_history, name="student-history"),
    path("students/<id:pk>/history.csv", exports.student_history_csv, name="student-history-csv"),
    path("students/<id:pk>/print/", exports.student_history_print, name="student-history-print"),
    path("students/<id:pk>/history.pdf", exports.student_history_pdf, name="student-history-pdf"),
    path("interventions/export.csv", exports.intervention_list_csv, name="intervention-list-csv"),
]
