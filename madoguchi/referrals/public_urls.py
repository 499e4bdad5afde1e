from django.urls import URLPattern, URLResolver, path

from madoguchi.referrals import public_views

app_name = "referrals_public"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", public_views.directory, name="directory"),
]
