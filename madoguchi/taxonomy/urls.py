from django.urls import URLPattern, URLResolver, path

from madoguchi.taxonomy import views

app_name = "taxonomy"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.scheme_list, name="schemes"),
    path("schemes/<slug:code>/", views.scheme_detail, name="scheme"),
    path("schemes/<slug:code>/terms/new/", views.term_create, name="term_create"),
    path("schemes/<slug:code>/terms/<int:term_id>/edit/", views.term_edit, name="term_edit"),
    path("schemes/<slug:code>/terms/<int:term_id>/move/", views.term_move, name="term_move"),
    path("cases/<str:reference>/classify/", views.case_classify, name="case_classify"),
]
