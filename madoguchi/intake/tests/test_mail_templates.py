import pytest

from madoguchi.answers.models import MailTemplate, OutboundEmail
from madoguchi.intake import services
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
def test_admin_override_is_used_for_the_next_acknowledgement(admin_user, client_for, desk_settings):
    client = client_for(admin_user)
    assert client.get("/staff/intake/mail-templates/ack_email/").status_code == 200
    response = client.post(
        "/staff/intake/mail-templates/ack_email/",
        {"subject": "受付しました {{ reference }}", "body": "{{ person_name }} 様\n受付番号 {{ reference }} です。"},
    )
    assert response.status_code == 302
    result = services.ingest_raw(raw=eml("eucjp_mutt.eml"), transport="pipe")
    ack = OutboundEmail.objects.get(kind="ack")
    assert ack.subject == f"受付しました {result.case.reference}"
    assert ack.body_text == f"試験 二郎 様\n受付番号 {result.case.reference} です。"


@pytest.mark.django_db
def test_broken_template_is_refused_with_a_message(admin_user, client_for):
    response = client_for(admin_user).post(
        "/staff/intake/mail-templates/ack_web/", {"subject": "件名", "body": "{% if %}"}
    )
    assert response.status_code == 400
    assert "差し込み項目の書き方に誤りがあります" in response.content.decode()
    assert not MailTemplate.objects.exists()


@pytest.mark.django_db
def test_only_admins_edit_mail_templates(manager, tier1_staff, client_for):
    for user in (manager, tier1_staff):
        assert client_for(user).get("/staff/intake/mail-templates/").status_code == 403
        assert (
            client_for(user).post("/staff/intake/mail-templates/ack_web/", {"subject": "x", "body": "y"}).status_code
            == 403
        )
    assert not MailTemplate.objects.exists()


@pytest.mark.django_db
def test_default_acknowledgement_comes_from_the_template_file(desk_settings):
    result = services.ingest_raw(raw=eml("eucjp_mutt.eml"), transport="pipe")
    ack = OutboundEmail.objects.get(kind="ack")
    assert ack.subject.startswith("【中小企業サイバーセキュリティ相談窓口】ご相談メールを受け付けました")
    assert f"受付番号: {result.case.reference}" in ack.body_text
    assert "「①サーバーへの不審なアクセス」" in ack.body_text
