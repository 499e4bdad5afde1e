from django.urls import path

from madoguchi.api import staff_views

app_name = "api_staff"

urlpatterns = [
    path("", staff_views.token_list, name="tokens"),
    path("<int:pk>/revoke/", staff_views.token_revoke, name="revoke"),
]
