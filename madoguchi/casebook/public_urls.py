from django.urls import path

from madoguchi.casebook import public_views

app_name = "casebook_public"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<int:pk>/", public_views.detail, name="detail"),
    path("booklet.pdf", public_views.booklet, name="booklet"),
]
