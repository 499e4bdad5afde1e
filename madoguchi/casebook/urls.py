from django.urls import path

from madoguchi.casebook import views

app_name = "casebook"

urlpatterns = [
    path("", views.case_study_list, name="list"),
    path("start/", views.case_study_start, name="start"),
    path("from/<str:reference>/", views.case_study_create, name="create"),
    path("<int:pk>/", views.case_study_detail, name="detail"),
    path("<int:pk>/edit/", views.case_study_edit, name="edit"),
    path("<int:pk>/submit/", views.case_study_submit, name="submit"),
    path("<int:pk>/publish/", views.case_study_publish, name="publish"),
    path("<int:pk>/return/", views.case_study_return, name="return"),
    path("guidebook/", views.guidebook, name="guidebook"),
    path("guidebook/proposals/", views.proposal_create, name="proposal_create"),
    path("guidebook/proposals/<int:pk>/decide/", views.proposal_decide, name="proposal_decide"),
    path("guidebook/sections/<int:pk>/laws/", views.section_link_law, name="section_link_law"),
    path("guidebook/export/", views.guidebook_export, name="guidebook_export"),
    path("knowhow/", views.knowhow_list, name="knowhow_list"),
    path("knowhow/new/", views.knowhow_create, name="knowhow_create"),
]
