from django.urls import URLPattern, URLResolver

app_name = "triage"
urlpatterns: list[URLPattern | URLResolver] = []
