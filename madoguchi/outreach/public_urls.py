from django.urls import path

from madoguchi.outreach import public_views

app_name = "outreach_public"
urlpatterns = [
    path("", public_views.request_form, name="request"),
    path("done/", public_views.done, name="done"),
]
