from django.urls import URLPattern, URLResolver, path

from madoguchi.knowledge import archive_views, canned_views, faq_views, views

app_name = "knowledge"
urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search, name="search"),
    path("canned/", canned_views.canned_list, name="canned_list"),
    path("canned/new/", canned_views.canned_create, name="canned_create"),
    path("canned/<int:pk>/", canned_views.canned_edit, name="canned_edit"),
    # --- Archive ---
    path("archive/", archive_views.archive_list, name="archive_list"),
    path("archive/new/", archive_views.archive_create, name="archive_create"),
    path("archive/<int:pk>/", archive_views.archive_detail, name="archive_detail"),
    path("archive/<int:pk>/edit/", archive_views.archive_edit, name="archive_edit"),
    path("archive/<int:pk>/cases/", archive_views.archive_link_case, name="archive_link_case"),
    path(
        "archive/<int:pk>/cases/<str:reference>/remove/", archive_views.archive_unlink_case, name="archive_unlink_case"
    ),
    path("archive/<int:pk>/faq/", archive_views.archive_link_faq, name="archive_link_faq"),
    path("archive/<int:pk>/files/", archive_views.archive_attachment_add, name="archive_attachment_add"),
    path("archive/files/<int:pk>/", archive_views.archive_attachment_download, name="archive_attachment_download"),
    path("archive/feeds/", archive_views.feed_list, name="feed_list"),
    path("archive/feeds/<int:pk>/toggle/", archive_views.feed_toggle, name="feed_toggle"),
    path("archive/inbox/", archive_views.inbox, name="inbox"),
    path("archive/inbox/<int:pk>/keep/", archive_views.inbox_keep, name="inbox_keep"),
    path("archive/inbox/<int:pk>/dismiss/", archive_views.inbox_dismiss, name="inbox_dismiss"),
    path("faq/", faq_views.faq_list, name="faq_list"),
    path("faq/new/", faq_views.faq_create, name="faq_create"),
    path("faq/from-cases/", faq_views.faq_from_cases, name="faq_from_cases"),
    path("faq/<int:pk>/", faq_views.faq_detail, name="faq_detail"),
    path("faq/<int:pk>/edit/", faq_views.faq_edit, name="faq_edit"),
    path("faq/<int:pk>/status/", faq_views.faq_transition, name="faq_transition"),
    path("faq/<int:pk>/mask/", faq_views.faq_mask, name="faq_mask"),
    path("faq/<int:pk>/unmask/<int:index>/", faq_views.faq_unmask, name="faq_unmask"),
    path("faq/<int:pk>/versions/<int:number>/", faq_views.faq_version, name="faq_version"),
    path("links/", faq_views.link_list, name="link_list"),
    path("links/new/", faq_views.link_create, name="link_create"),
    path("links/<int:pk>/", faq_views.link_edit, name="link_edit"),
]
