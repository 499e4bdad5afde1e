from django.urls import path

from madoguchi.intake import public_views

urlpatterns = [
    path("", public_views.home, name="public_home"),
]
