from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("exports/", views.export_index, name="export-index"),
    path("exports/new/", views.export_create, name="export-create"),
    path("exports/<id:pk>/", views.export_detail, name="export-detail"),
    path("exports/<id:pk>/status/", views.export_status, name="export-status"),
    path("exports/<id:pk>/download/", views.export_download, name="export-download"),
]
