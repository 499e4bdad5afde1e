from django.urls import path

from madoguchi.intake import public_views

app_name = "intake"
urlpatterns = [
    path("", public_views.home, name="home"),
    path("consult/", public_views.consult, name="form"),
    path("consult/done/", public_views.done, name="done"),
    path("privacy/", public_views.privacy, name="privacy"),
]
