import pytest

from madoguchi.accounts.models import AuditEvent
from madoguchi.cases.models import Case
from madoguchi.intake import mail
from madoguchi.intake.models import InboundMessage, InboundStatus
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "code"),
    [("garbage_random.eml", "not_mail"), ("garbage_empty.eml", "empty"), ("garbage_no_from.eml", "no_sender")],
)
def test_garbage_is_kept_in_quarantine_with_a_reason(name, code):
    result = mail_intake.ingest_raw(raw=eml(name), transport="pipe")
    assert result.outcome == mail_intake.IngestOutcome.QUARANTINED
    assert result.message.status == InboundStatus.QUARANTINED
    assert result.message.quarantine_code == code
    assert result.message.quarantine_reason
    assert result.message.raw_size == len(eml(name))
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_quarantine_is_listed_for_staff_with_the_reason(tier1_staff, client_for):
    mail_intake.ingest_raw(raw=eml("garbage_no_from.eml"), transport="pipe")
    page = client_for(tier1_staff).get("/staff/intake/mail/quarantine/")
    assert page.status_code == 200
    assert "送信者アドレスがありません。" in page.content.decode()


@pytest.mark.django_db
def test_admin_without_desk_role_does_not_see_the_quarantine(admin_user, client_for):
    mail_intake.ingest_raw(raw=eml("garbage_no_from.eml"), transport="pipe")
    assert client_for(admin_user).get("/staff/intake/mail/quarantine/").status_code == 403


@pytest.mark.django_db
def test_reprocess_after_a_parser_fix_opens_the_case(tier1_staff, client_for, monkeypatch, desk_settings):
    real_parse = mail.parse_message

    def broken(*, raw, limits):
        raise RuntimeError("decoder bug")

    monkeypatch.setattr(mail, "parse_message", broken)
    result = mail_intake.ingest_raw(raw=eml("iso2022jp_outlook.eml"), transport="pipe")
    assert result.message.quarantine_code == "parser_error"
    monkeypatch.setattr(mail, "parse_message", real_parse)  # the fix is deployed

    response = client_for(tier1_staff).post(f"/staff/intake/mail/{result.message.pk}/reprocess/")
    assert response.status_code == 302
    message = InboundMessage.objects.get(pk=result.message.pk)
    assert message.status == InboundStatus.STORED
    assert message.subject == "①㈱サンプル商事でウイルス感染の疑い（髙橋）"
    assert message.message_id == "<000001db3f2a$1c2d3e40$54687980$@sample-shoji.example.jp>"
    assert message.case is not None and message.case.body.startswith("セキュリティ相談窓口 御中")
    assert AuditEvent.objects.filter(actor=tier1_staff, detail__operation="intake_reprocess").exists()


@pytest.mark.django_db
def test_reprocess_that_still_fails_stays_in_quarantine(tier1_staff):
    result = mail_intake.ingest_raw(raw=eml("garbage_no_from.eml"), transport="pipe")
    again = mail_intake.reprocess(actor=tier1_staff, message=result.message)
    assert again.outcome == mail_intake.IngestOutcome.QUARANTINED
    assert InboundMessage.objects.get(pk=result.message.pk).status == InboundStatus.QUARANTINED


@pytest.mark.django_db
def test_dismiss_is_audited_and_keeps_the_record(tier1_staff, client_for):
    result = mail_intake.ingest_raw(raw=eml("garbage_random.eml"), transport="pipe")
    client = client_for(tier1_staff)
    empty = client.post(f"/staff/intake/mail/{result.message.pk}/dismiss/", {"reason": ""})
    assert empty.status_code == 400
    assert "破棄する理由を入力してください。" in empty.content.decode()
    response = client.post(f"/staff/intake/mail/{result.message.pk}/dismiss/", {"reason": "迷惑メールのため"})
    assert response.status_code == 302
    message = InboundMessage.objects.get(pk=result.message.pk)
    assert message.status == InboundStatus.DISMISSED
    assert message.handled_by == tier1_staff
    audit = AuditEvent.objects.get(detail__operation="intake_dismiss")
    assert audit.actor == tier1_staff
    assert audit.detail["reason"] == "迷惑メールのため"
    assert audit.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_other_staff_roles_cannot_dismiss(tier1_staff, admin_user, client_for):
    result = mail_intake.ingest_raw(raw=eml("garbage_random.eml"), transport="pipe")
    response = client_for(admin_user).post(f"/staff/intake/mail/{result.message.pk}/dismiss/", {"reason": "x"})
    assert response.status_code == 403
    assert InboundMessage.objects.get(pk=result.message.pk).status == InboundStatus.QUARANTINED
