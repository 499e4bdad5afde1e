"""相談フォーム: input -> confirmation -> done, attachments carried across the confirmation step."""

import re

import pytest

from madoguchi.answers.models import OutboundEmail
from madoguchi.cases.choices import Channel
from madoguchi.cases.models import Case
from madoguchi.intake.models import Attachment
from madoguchi.intake.tests._form_helpers import VALID, pdf, png


def _tokens(html: str) -> list[str]:
    return re.findall(r'name="pending" value="([^"]+)"', html)


@pytest.mark.django_db
def test_input_confirm_done_opens_a_web_case_and_queues_both_mails(client, desk_settings):
    form_page = client.get("/consult/")
    assert form_page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in form_page.content.decode()

    confirm = client.post("/consult/", {**VALID, "step": "input", "attachments": [png(), pdf()]})
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "入力内容の確認" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    tokens = _tokens(html)
    assert len(tokens) == 2
    assert Case.objects.count() == 0, "nothing is created before the consulter confirms"

    done = client.post("/consult/", {**VALID, "step": "confirm", "pending": tokens}, follow=True)
    case = Case.objects.get()
    assert case.reference in done.content.decode()
    assert case.channel == Channel.WEB
    assert case.created_by is None
    assert case.body == VALID["body"], "stored verbatim"
    assert case.organization.name == "株式会社サンプル商事"
    assert case.person.email == "taro@sample-shoji.example.jp"
    assert sorted(a.filename for a in Attachment.objects.filter(case=case)) == ["画面.png", "請求書.pdf"]
    ack = OutboundEmail.objects.get(kind="ack")
    assert (
        ack.to == ["taro@sample-shoji.example.jp"] and case.reference in ack.subject and case.reference in ack.body_text
    )
    notify = OutboundEmail.objects.get(kind="notify")
    assert notify.to == ["desk-notify@madoguchi.example.jp"] and case.reference in notify.subject
    assert VALID["body"] not in notify.body_text, "the notification carries no personal details"
    assert OutboundEmail.objects.filter(status="pending").count() == 2, "nothing is sent inside the request"


@pytest.mark.django_db
def test_back_from_confirmation_keeps_everything_including_files(client, desk_settings):
    confirm = client.post("/consult/", {**VALID, "step": "input", "attachments": [png()]})
    tokens = _tokens(confirm.content.decode())
    back = client.post("/consult/", {**VALID, "step": "edit", "pending": tokens})
    html = back.content.decode()
    assert back.status_code == 200
    assert 'value="株式会社サンプル商事"' in html
    assert "取引先を装ったメールの添付ファイルを開いてしまいました。" in html
    assert "画面.png" in html
    assert _tokens(html) == tokens
    assert re.search(r'<input type="checkbox" name="consent"[^>]*checked', html)


@pytest.mark.django_db
def test_a_file_can_be_removed_before_sending(client, desk_settings):
    confirm = client.post("/consult/", {**VALID, "step": "input", "attachments": [png(), pdf()]})
    tokens = _tokens(confirm.content.decode())
    again = client.post("/consult/", {**VALID, "step": "input", "pending": tokens, "remove": [tokens[0]]})
    assert _tokens(again.content.decode()) == [tokens[1]]


@pytest.mark.django_db
def test_forged_pending_token_is_not_accepted(client, desk_settings):
    response = client.post("/consult/", {**VALID, "step": "confirm", "pending": ["../../etc/passwd"]})
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "添付ファイルの保存期限が切れた" in response.content.decode()


@pytest.mark.django_db
def test_done_page_without_a_submission_goes_back_to_the_form(client):
    response = client.get("/consult/done/")
    assert response.status_code == 302 and response["Location"] == "/consult/"


def test_privacy_notice_is_public(client):
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert "個人情報の取扱い" in response.content.decode()
