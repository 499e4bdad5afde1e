from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from madoguchi.api import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/<str:reference>/", views.consultation, name="consultation"),
    path("consultations/<str:reference>/notes/", views.consultation_note, name="consultation_note"),
    path("triage/", views.triage, name="triage"),
    path("directory/", views.directory, name="directory"),
    path("directory/<str:code>/", views.directory_entry, name="directory_entry"),
]
