from django.urls import path

from madoguchi.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("monthly.pdf", views.monthly_pdf, name="monthly_pdf"),
    path("handbook/", views.handbook, name="handbook"),
    path("handbook.pdf", views.handbook_download, name="handbook_pdf"),
    path("handbook/procedures/", views.handbook_sections, name="handbook_sections"),
    path("handbook/procedures/<slug:key>/", views.handbook_section_edit, name="handbook_section_edit"),
    path("retention/", views.retention, name="retention"),
    path("retention/run/", views.retention_run, name="retention_run"),
    path("retention/<slug:record_type>/", views.retention_policy, name="retention_policy"),
]
