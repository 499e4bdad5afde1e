import pytest

from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
def test_case_screen_lists_the_case_mail_and_attachments(tier1_staff, client_for, desk_settings):
    result = mail_intake.ingest_raw(raw=eml("rfc2231_filenames.eml"), transport="pipe")
    page = client_for(tier1_staff).get(result.case.get_absolute_url()).content.decode()
    assert "受信メールと添付ファイル" in page
    assert f"/staff/intake/mail/{result.message.pk}/" in page
    for name in ["①見積書㈱サンプル.pdf", "ソフト一覧表.txt", "ログ（髙橋）.csv", "請求書№5.xlsx"]:
        assert name in page


@pytest.mark.django_db
def test_case_without_mail_has_no_intake_panel(tier1_staff, client_for):
    from madoguchi.testing.factories import make_case

    case = make_case(actor=tier1_staff)
    assert "受信メールと添付ファイル" not in client_for(tier1_staff).get(case.get_absolute_url()).content.decode()
