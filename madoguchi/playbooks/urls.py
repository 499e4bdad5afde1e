from django.urls import URLPattern, URLResolver

app_name = "playbooks"
urlpatterns: list[URLPattern | URLResolver] = []
