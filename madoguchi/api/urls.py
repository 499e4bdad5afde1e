from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from madoguchi.api import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("consultations/", views.consultations, name="consultations"),
    re_path(rf"^consultations/(?P<reference>{views.REFERENCE})/$", views.consultation, name="consultation"),
    re_path(
        rf"^consultations/(?P<reference>{views.REFERENCE})/notes/$", views.consultation_note, name="consultation_note"
    ),
    path("triage/", views.triage, name="triage"),
    path("directory/", views.directory, name="directory"),
    re_path(rf"^directory/(?P<code>{views.CODE})/$", views.directory_entry, name="directory_entry"),
    path("faq/", views.faq_list, name="faq_list"),
    path("faq/<int:id>/", views.faq_entry, name="faq_entry"),
]
