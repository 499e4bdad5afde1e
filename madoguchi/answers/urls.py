from django.urls import path

from madoguchi.answers import mail_template_views, views

app_name = "answers"
urlpatterns = [
    path("outbox/", views.outbox_list, name="outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="outbox_retry"),
    path("mail-templates/", mail_template_views.mail_templates, name="mail_templates"),
    path("mail-templates/<str:code>/", mail_template_views.mail_template_edit, name="mail_template_edit"),
    path("<str:reference>/draft/", views.save_draft, name="save_draft"),
    path("<str:reference>/autosave/", views.autosave, name="autosave"),
    path("<str:reference>/referrals/", views.insert_referrals, name="insert_referrals"),
    path("<str:reference>/canned/", views.insert_canned, name="insert_canned"),
    path("<str:reference>/faq/", views.insert_faq, name="insert_faq"),
    path("<str:reference>/preview/", views.preview, name="preview"),
    path("<str:reference>/submit/", views.submit, name="submit"),
    path("<str:reference>/review/", views.review, name="review"),
    path("<str:reference>/send/", views.send, name="send"),
]
