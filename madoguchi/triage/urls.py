from django.urls import path

from madoguchi.triage import views

app_name = "triage"
urlpatterns = [
    path("suggest/", views.suggest, name="suggest"),
    path("cases/<str:reference>/accept/<int:pk>/", views.accept, name="accept"),
]
