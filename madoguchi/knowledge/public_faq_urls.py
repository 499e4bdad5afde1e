from django.urls import URLPattern, URLResolver, path

from madoguchi.knowledge import public_faq_views

app_name = "faq_public"
urlpatterns: list[URLPattern | URLResolver] = [
    path("faq/", public_faq_views.index, name="index"),
    path("faq/search/", public_faq_views.search, name="search"),
    path("faq/<int:pk>/", public_faq_views.detail, name="detail"),
    path("faq/<slug:scheme>/<slug:code>/", public_faq_views.term, name="term"),
    path("links/", public_faq_views.links, name="links"),
]
