from django.urls import path

from madoguchi.outreach import views

app_name = "outreach"
urlpatterns = [
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/export/", views.request_export, name="request_export"),
    path("requests/bulk/", views.request_bulk, name="request_bulk"),
    path("requests/<str:reference>/", views.request_detail, name="request_detail"),
    path("requests/<str:reference>/status/", views.request_transition, name="request_transition"),
    path("editions/", views.editions, name="editions"),
    path("editions/<int:pk>/restock/", views.edition_restock, name="edition_restock"),
    path("events/", views.event_list, name="events"),
    path("events/new/<str:kind>/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/link/", views.event_link, name="event_link"),
    path("materials/", views.material_list, name="materials"),
    path("materials/new/", views.material_create, name="material_create"),
    path("materials/<int:pk>/", views.material_detail, name="material_detail"),
    path("materials/<int:pk>/versions/", views.material_version_create, name="material_version_create"),
    path("materials/<int:pk>/classify/", views.material_classify, name="material_classify"),
    path("materials/versions/<int:pk>/download/", views.material_download, name="material_download"),
]
