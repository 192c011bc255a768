from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.import_index, name="import-index"),
    path("imports/<id:pk>/", views.import_detail, name="import-detail"),
    path("imports/<id:pk>/status/", views.import_status, name="import-status"),
    path("imports/<id:pk>/run/", views.import_run, name="import-run"),
]
