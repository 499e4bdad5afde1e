from django.urls import URLPattern, URLResolver, path

from madoguchi.knowledge import views

app_name = "knowledge"
urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search, name="search"),
]
