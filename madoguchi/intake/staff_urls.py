from django.urls import path

from madoguchi.intake import staff_views

app_name = "intake_staff"
urlpatterns = [
    path("mail/", staff_views.inbound_list, name="inbound"),
    path("mail/quarantine/", staff_views.quarantine_list, name="quarantine"),
    path("mail/<int:pk>/", staff_views.message_detail, name="message"),
    path("mail/<int:pk>/html/", staff_views.message_html, name="message_html"),
    path("mail/<int:pk>/raw/", staff_views.raw_download, name="message_raw"),
    path("mail/<int:pk>/reprocess/", staff_views.reprocess, name="reprocess"),
    path("mail/<int:pk>/dismiss/", staff_views.dismiss, name="dismiss"),
    path("attachments/<int:pk>/", staff_views.attachment_download, name="attachment"),
]
