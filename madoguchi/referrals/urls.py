from django.urls import URLPattern, URLResolver, path

from madoguchi.referrals import views

app_name = "referrals"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.directory, name="directory"),
    path("quick/", views.quick, name="quick"),
    path("print/", views.print_list, name="print"),
    path("print.pdf", views.print_pdf, name="print_pdf"),
    path("new/", views.organization_create, name="organization_create"),
    path("org/<slug:code>/", views.organization_detail, name="organization"),
    path("org/<slug:code>/edit/", views.organization_edit, name="organization_edit"),
    path("org/<slug:code>/verify/", views.organization_verify, name="organization_verify"),
    path("laws/", views.law_map, name="law_map"),
    path("laws/event/<slug:code>/", views.event_detail, name="event"),
    path("laws/law/<slug:code>/", views.law_detail, name="law"),
    path("case/<str:reference>/police/", views.case_police_flag, name="case_police"),
]
