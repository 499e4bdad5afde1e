"""The tier-1 intake screen: saves a consultation, and bad input keeps every character typed."""

import pytest
from django.urls import reverse

from madoguchi.cases.models import Case, Person

pytestmark = pytest.mark.django_db

VALID = {
    "channel": "phone",
    "received_at": "2026-11-25T10:05",
    "subject": "ウイルス感染の疑い",
    "body": "ＰＣの動作が重く、見知らぬウィンドウが出る。①と㈱と髙の字もそのまま残ること。<script>alert(1)</script>",
    "org_name": "株式会社サンプル商事",
    "person_name": "架空 太郎",
    "phone": "０３（１２３４）５６７８",
    "email": "Taro@Sample-Shoji.EXAMPLE.jp",
    "prefecture": "東京都",
    "municipality": "港区",
    "category": "",
    "urgency": "1",
    "tags": "Emotet、メール",
}


def test_tier1_saves_a_phone_consultation_and_gets_a_reference(client_for, tier1_staff):
    response = client_for(tier1_staff).post(reverse("cases:create"), VALID)
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", kwargs={"reference": case.reference})
    assert case.body == VALID["body"], "the consulter's words are kept verbatim"
    assert case.person.phone == "03-1234-5678", "full-width digits and brackets are normalised"
    assert case.person.email == "Taro@sample-shoji.example.jp"
    assert sorted(case.tags.values_list("name", flat=True)) == ["Emotet", "メール"]
    assert case.created_by == tier1_staff


def test_consulter_text_is_escaped_on_the_case_screen(client_for, tier1_staff):
    client = client_for(tier1_staff)
    client.post(reverse("cases:create"), VALID)
    case = Case.objects.get()
    html = client.get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "①と㈱と髙" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("body", "", "相談内容を入力してください。"),
        ("phone", "03-12ab", "電話番号の形式が正しくありません"),
        ("email", "taro@", "メールアドレスの形式が正しくありません"),
        ("received_at", "2099-01-01T10:00", "受付日時に未来の日時は入れられません。"),
    ],
)
def test_bad_input_gets_a_japanese_message_next_to_the_field_and_keeps_the_typing(
    client_for, tier1_staff, field, value, message
):
    data = {**VALID, field: value}
    response = client_for(tier1_staff).post(reverse("cases:create"), data)
    assert response.status_code == 400
    assert not Case.objects.exists()
    form = response.context["form"]
    assert any(message in e for e in form.errors[field])
    html = response.content.decode()
    assert message in html
    # Everything else typed is still in the form.
    assert "見知らぬウィンドウが出る" in html or field == "body"
    assert "架空 太郎" in html
    assert "株式会社サンプル商事" in html


def test_walkin_needs_a_responder_and_records_responder_and_scribe(client_for, tier1_staff, tier2_staff):
    data = {**VALID, "channel": "walkin"}
    response = client_for(tier1_staff).post(reverse("cases:create"), data)
    assert response.status_code == 400
    assert "来訪相談では相談対応者を選んでください。" in response.content.decode()
    data.update(responder=str(tier1_staff.pk), scribe=str(tier2_staff.pk))
    response = client_for(tier1_staff).post(reverse("cases:create"), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.responder, case.scribe) == (tier1_staff, tier2_staff)


def test_a_repeat_consulter_is_recognised_by_email(client_for, tier1_staff):
    client = client_for(tier1_staff)
    client.post(reverse("cases:create"), VALID)
    client.post(reverse("cases:create"), {**VALID, "email": "taro@sample-shoji.example.jp", "subject": "二回目"})
    assert Person.objects.count() == 1
    first = Case.objects.order_by("id").first()
    html = client.get(reverse("cases:repeat_consulter"), {"email": "taro@sample-shoji.example.jp"}).content.decode()
    assert first.reference in html and "過去の相談があります" in html
