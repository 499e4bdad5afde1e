from django.urls import URLPattern, URLResolver

app_name = "intake_staff"
urlpatterns: list[URLPattern | URLResolver] = []
