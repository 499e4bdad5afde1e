from django.urls import path

from madoguchi.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cases/", views.case_list, name="list"),
    path("cases/export.csv", views.case_list_export, name="list_export"),
    path("cases/bulk/", views.case_bulk, name="bulk"),
    path("cases/views/", views.saved_view_list, name="saved_views"),
    path("cases/views/new/", views.saved_view_create, name="saved_view_create"),
    path("cases/views/<int:pk>/", views.saved_view_apply, name="saved_view_apply"),
    path("cases/views/<int:pk>/edit/", views.saved_view_update, name="saved_view_update"),
    path("cases/new/", views.case_create, name="create"),
    path("cases/lookup/", views.lookup_reference, name="lookup"),
    path("cases/repeat-consulter/", views.repeat_consulter, name="repeat_consulter"),
    path("cases/<str:reference>/", views.case_detail, name="detail"),
    path("cases/<str:reference>/panels/<slug:key>/", views.case_panel, name="panel"),
    path("cases/<str:reference>/edit/", views.case_edit, name="edit"),
    path("cases/<str:reference>/triage/", views.case_triage, name="triage"),
    path("cases/<str:reference>/dispatch/", views.case_dispatch, name="dispatch"),
    path("cases/<str:reference>/callback/", views.case_callback, name="callback"),
    path("cases/<str:reference>/front-answer/", views.case_front_answer, name="front_answer"),
    path("cases/<str:reference>/note/", views.case_note, name="note"),
    path("cases/<str:reference>/take/", views.case_take, name="take"),
    path("cases/<str:reference>/assessment/", views.case_assessment, name="assessment"),
    path("cases/<str:reference>/inquiry/", views.case_inquiry, name="inquiry"),
    path("cases/<str:reference>/close/", views.case_close, name="close"),
    path("cases/<str:reference>/reopen/", views.case_reopen, name="reopen"),
    path("cases/<str:reference>/merge/", views.case_merge, name="merge"),
    path("callbacks/<int:pk>/done/", views.callback_done, name="callback_done"),
    path("drafts/<str:form_key>/", views.form_draft, name="form_draft"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization"),
    path("settings/", views.desk_settings, name="desk_settings"),
]
