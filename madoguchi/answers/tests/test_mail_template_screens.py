"""Admins edit the mail templates on their screens; a broken placeholder is refused next to the field."""

import pytest

from madoguchi.accounts.models import AuditEvent
from madoguchi.answers.models import MailTemplate


@pytest.mark.django_db
def test_broken_template_is_refused_with_a_message(admin_user, client_for):
    response = client_for(admin_user).post(
        "/staff/answers/mail-templates/ack_web/", {"subject": "件名", "body": "{% if %}"}
    )
    assert response.status_code == 400
    assert "差し込み項目の書き方に誤りがあります" in response.content.decode()
    assert not MailTemplate.objects.exists()


@pytest.mark.django_db
def test_only_admins_edit_mail_templates(manager, tier1_staff, client_for):
    for user in (manager, tier1_staff):
        assert client_for(user).get("/staff/answers/mail-templates/").status_code == 403
        assert (
            client_for(user).post("/staff/answers/mail-templates/ack_web/", {"subject": "x", "body": "y"}).status_code
            == 403
        )
    assert not MailTemplate.objects.exists()


@pytest.mark.django_db
def test_save_then_reset_goes_back_to_the_file_default(admin_user, client_for):
    client = client_for(admin_user)
    saved = client.post("/staff/answers/mail-templates/ack_web/", {"subject": "件名 {{ reference }}", "body": "本文"})
    assert saved.status_code == 302 and saved["Location"] == "/staff/answers/mail-templates/"
    template = MailTemplate.objects.get(code="ack_web")
    assert (template.subject, template.body, template.updated_by) == ("件名 {{ reference }}", "本文", admin_user)
    listing = client.get("/staff/answers/mail-templates/").content.decode()
    assert "変更済み" in listing

    reset = client.post("/staff/answers/mail-templates/ack_web/", {"reset": "1"})
    assert reset.status_code == 302
    assert not MailTemplate.objects.exists()
    details = list(AuditEvent.objects.filter(action="update").values_list("detail", flat=True))
    assert {"mail_template": "ack_web"} in details and {"mail_template": "ack_web", "reset": True} in details


@pytest.mark.django_db
def test_unknown_template_code_is_not_found(admin_user, client_for):
    assert client_for(admin_user).get("/staff/answers/mail-templates/no_such_mail/").status_code == 404
