"""Every error path of the public form: a Japanese message next to the field, everything typed kept."""

import pytest

from madoguchi.cases.models import Case
from madoguchi.intake.tests._form_helpers import VALID, exe_as_pdf, png


def _post(client, **changes):
    data = {**VALID, "step": "input", **changes}
    return client.post("/consult/", {k: v for k, v in data.items() if v is not None})


def _assert_kept(html: str) -> None:
    assert 'value="株式会社サンプル商事"' in html
    assert 'value="架空 太郎"' in html
    assert "取引先を装ったメールの添付ファイルを開いてしまいました。" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"consent": None}, "consent", "個人情報の取扱いに同意いただく必要があります。"),
        ({"email": "taro@@example"}, "email", "メールアドレスの形式が正しくありません"),
        ({"email": ""}, "email", "メールアドレスを入力してください。"),
        ({"phone": "03-12"}, "phone", "電話番号の形式が正しくありません"),
        ({"body": ""}, "body", "ご相談内容を入力してください。"),
    ],
)
def test_bad_input_is_reported_next_to_the_field_and_kept(client, changes, field, message):
    response = _post(client, **changes)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="{field}-error"' in html
    assert message in html
    assert f'href="#id_{field}"' in html, "the error summary links to the field"
    assert f'aria-describedby="{field}-error' in html
    assert 'aria-invalid="true"' in html
    if field != "body":
        _assert_kept(html)
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_honeypot_refuses_and_keeps_input(client):
    response = _post(client, website="https://spam.example.com/")
    assert response.status_code == 400
    assert "送信できませんでした" in response.content.decode()
    _assert_kept(response.content.decode())
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_exe_named_pdf_is_refused_by_content(client):
    response = _post(client, attachments=[exe_as_pdf()])
    html = response.content.decode()
    assert response.status_code == 400
    assert "「請求書.pdf」は、ファイル名と中身の形式が一致しません。" in html
    _assert_kept(html)


@pytest.mark.django_db
def test_too_large_file_is_refused(client, settings):
    settings.MADOGUCHI_PUBLIC_FORM_MAX_FILE_BYTES = 50
    response = _post(client, attachments=[png()])
    assert response.status_code == 400
    assert "は大きすぎます。" in response.content.decode()


@pytest.mark.django_db
def test_too_many_files_are_refused_beyond_the_limit(client, settings):
    settings.MADOGUCHI_PUBLIC_FORM_MAX_FILES = 1
    response = _post(client, attachments=[png("a.png"), png("b.png")])
    html = response.content.decode()
    assert response.status_code == 400
    assert "添付できるファイルは1件までです。" in html
    assert "a.png" in html and "b.png" not in html, "the first file is kept, the extra one dropped"


@pytest.mark.django_db
def test_file_names_are_sanitised(client):
    response = _post(client, attachments=[png('..\\..\\evil"<b>.png')])
    html = response.content.decode()
    assert response.status_code == 200
    assert "evil_" in html and "..\\" not in html and "<b>" not in html


@pytest.mark.django_db
def test_error_on_the_confirmation_step_returns_to_input_with_everything(client):
    # The hidden fields came back altered (or expired): the consulter sees the form again, filled in.
    response = client.post("/consult/", {**VALID, "step": "confirm", "email": "broken"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "メールアドレスの形式が正しくありません" in html
    _assert_kept(html)
    assert Case.objects.count() == 0
