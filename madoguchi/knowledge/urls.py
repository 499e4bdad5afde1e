from django.urls import URLPattern, URLResolver, path

from madoguchi.knowledge import canned_views, views

app_name = "knowledge"
urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search, name="search"),
    path("canned/", canned_views.canned_list, name="canned_list"),
    path("canned/new/", canned_views.canned_create, name="canned_create"),
    path("canned/<int:pk>/", canned_views.canned_edit, name="canned_edit"),
]
