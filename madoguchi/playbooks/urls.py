from django.urls import URLPattern, URLResolver, path

from madoguchi.playbooks import views

app_name = "playbooks"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.template_list, name="templates"),
    path("cases/<str:reference>/start/", views.run_start, name="start"),
    path("cases/<str:reference>/aware-at/", views.aware_at_set, name="aware_at"),
    path("cases/<str:reference>/clock-facts/", views.facts_set, name="facts"),
    path("cases/<str:reference>/clocks/<slug:code>/filed/", views.clock_filed, name="filed"),
    path("cases/<str:reference>/runs/<int:run_id>/items/<int:item_id>/tick/", views.item_tick, name="tick"),
    path("cases/<str:reference>/runs/<int:run_id>/print/", views.run_print, name="print"),
    path("cases/<str:reference>/runs/<int:run_id>/pdf/", views.run_pdf, name="pdf"),
    path("cases/<str:reference>/runs/<int:run_id>/mail/", views.run_mail, name="mail"),
]
