from django.urls import path

from interventions import views

app_name = "interventions"

urlpatterns = [
    path("interventions/", views.intervention_list, name="intervention-list"),
    path("interventions/open/", views.open_list, name="open-list"),
    path("interventions/new/", views.intervention_create, name="intervention-create"),
    path("interventions/<id:pk>/", views.intervention_detail, name="intervention-detail"),
    path("interventions/<id:pk>/follow-up/", views.follow_up_add, name="follow-up-add"),
]
