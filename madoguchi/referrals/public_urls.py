from django.urls import URLPattern, URLResolver

app_name = "referrals_public"
urlpatterns: list[URLPattern | URLResolver] = []
