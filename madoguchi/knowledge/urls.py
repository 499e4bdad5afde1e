from django.urls import URLPattern, URLResolver, path

from madoguchi.knowledge import canned_views, faq_views, views

app_name = "knowledge"
urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search, name="search"),
    path("canned/", canned_views.canned_list, name="canned_list"),
    path("canned/new/", canned_views.canned_create, name="canned_create"),
    path("canned/<int:pk>/", canned_views.canned_edit, name="canned_edit"),
    path("faq/", faq_views.faq_list, name="faq_list"),
    path("faq/new/", faq_views.faq_create, name="faq_create"),
    path("faq/from-cases/", faq_views.faq_from_cases, name="faq_from_cases"),
    path("faq/<int:pk>/", faq_views.faq_detail, name="faq_detail"),
    path("faq/<int:pk>/edit/", faq_views.faq_edit, name="faq_edit"),
    path("faq/<int:pk>/status/", faq_views.faq_transition, name="faq_transition"),
    path("faq/<int:pk>/mask/", faq_views.faq_mask, name="faq_mask"),
    path("faq/<int:pk>/unmask/<int:index>/", faq_views.faq_unmask, name="faq_unmask"),
    path("faq/<int:pk>/versions/<int:number>/", faq_views.faq_version, name="faq_version"),
    path("links/", faq_views.link_list, name="link_list"),
    path("links/new/", faq_views.link_create, name="link_create"),
    path("links/<int:pk>/", faq_views.link_edit, name="link_edit"),
]
