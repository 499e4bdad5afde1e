from django.urls import path

from madoguchi.intake import public_views

app_name = "intake"
urlpatterns = [
    path("", public_views.home, name="home"),
]
