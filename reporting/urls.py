from django.urls import path
from django.views.generic import TemplateView

app_name = "reporting"

urlpatterns = [
    path(
        "public/",
        TemplateView.as_view(template_name="reporting/public_index.html"),
        name="public-index",
    ),
]
