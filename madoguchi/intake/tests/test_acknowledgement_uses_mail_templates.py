"""Acknowledgements use the admin's mail template when there is one, the file default otherwise."""

import pytest

from madoguchi.answers.models import OutboundEmail
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
def test_admin_override_is_used_for_the_next_acknowledgement(admin_user, client_for, desk_settings):
    client = client_for(admin_user)
    assert client.get("/staff/answers/mail-templates/ack_email/").status_code == 200
    response = client.post(
        "/staff/answers/mail-templates/ack_email/",
        {"subject": "受付しました {{ reference }}", "body": "{{ person_name }} 様\n受付番号 {{ reference }} です。"},
    )
    assert response.status_code == 302
    result = mail_intake.ingest_raw(raw=eml("eucjp_mutt.eml"), transport="pipe")
    ack = OutboundEmail.objects.get(kind="ack")
    assert ack.subject == f"受付しました {result.case.reference}"
    assert ack.body_text == f"試験 二郎 様\n受付番号 {result.case.reference} です。"


@pytest.mark.django_db
def test_default_acknowledgement_comes_from_the_template_file(desk_settings):
    result = mail_intake.ingest_raw(raw=eml("eucjp_mutt.eml"), transport="pipe")
    ack = OutboundEmail.objects.get(kind="ack")
    assert ack.subject.startswith("【中小企業サイバーセキュリティ相談窓口】ご相談メールを受け付けました")
    assert f"受付番号: {result.case.reference}" in ack.body_text
    assert "「①サーバーへの不審なアクセス」" in ack.body_text
