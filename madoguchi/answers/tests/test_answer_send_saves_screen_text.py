"""Recording or sending uses exactly the texts on the screen: saved first (optimistic lock), then sent."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.urls import reverse

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerStatus, OutboundEmail
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Category
from madoguchi.cases.models import CaseEvent
from madoguchi.testing.factories import UserFactory, dispatched_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(tier1_staff, tier2_staff):
    return case_services.case_take(actor=tier2_staff, case=dispatched_case(tier1=tier1_staff))


@pytest.fixture
def draft(case, tier2_staff):
    return services.answer_save_draft(
        actor=tier2_staff, case=case, measures="古い下書き", referrals="", channel="phone", expected_version=None
    )


def _post(client, case, **fields):
    data = {f"answer-{k}": v for k, v in fields.items()}
    return client.post(reverse("answers:send", kwargs={"reference": case.reference}), data)


def _textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea name="answer-{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match
    return html_lib.unescape(match.group(1)).lstrip("\n")


def test_phone_answer_records_the_screen_text_and_says_phone(client_for, tier2_staff, case, draft):
    response = _post(
        client_for(tier2_staff), case, measures="最新の対策", referrals="紹介先", channel="phone", version=draft.version
    )
    assert response.status_code == 302
    answer = AnswerDraft.objects.get(pk=draft.pk)
    assert (answer.status, answer.measures, answer.referrals) == (AnswerStatus.SENT, "最新の対策", "紹介先")
    event = CaseEvent.objects.get(case=case, kind="answer_sent")
    assert event.text.startswith("電話で回答しました。")
    assert "最新の対策" in event.text and "様" not in event.text
    assert not OutboundEmail.objects.exists()


def test_new_answer_can_be_recorded_without_saving_first(client_for, tier2_staff, case):
    # The editor of a case without a draft says so with version 0.
    response = _post(
        client_for(tier2_staff), case, measures="一度も保存していない対策", referrals="", channel="walkin", version=0
    )
    assert response.status_code == 302
    answer = AnswerDraft.objects.get(case=case)
    assert (answer.status, answer.measures) == (AnswerStatus.SENT, "一度も保存していない対策")
    assert CaseEvent.objects.get(case=case, kind="answer_sent").text.startswith("対面で回答しました。")


def test_conflict_shows_typing_and_stored_text_and_records_nothing(client_for, tier2_staff, case, draft):
    colleague = UserFactory(username="tier2b", role=tier2_staff.role)
    services.answer_save_draft(
        actor=colleague, case=case, measures="同僚の版", referrals="", channel="phone", expected_version=draft.version
    )
    response = _post(
        client_for(tier2_staff), case, measures="自分の版", referrals="", channel="phone", version=draft.version
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert _textarea(page, "measures") == "自分の版"
    assert "他の職員がこの回答案を先に保存しました" in page
    assert 'id="answer-stored-now"' in page and "同僚の版" in page
    answer = AnswerDraft.objects.get(pk=draft.pk)
    assert (answer.status, answer.measures) == (AnswerStatus.DRAFT, "同僚の版")
    assert not CaseEvent.objects.filter(case=case, kind="answer_sent").exists()
    # The refused form carries the current version: saving again is a deliberate, informed overwrite.
    assert f'name="answer-version" value="{answer.version}"' in page


def test_refused_send_keeps_the_save_out_too(client_for, tier1_staff, tier2_staff):
    crime = case_services.case_take(actor=tier2_staff, case=dispatched_case(tier1=tier1_staff, category=Category.CRIME))
    response = _post(client_for(tier2_staff), crime, measures="承認前の対策", referrals="", channel="phone", version=0)
    assert response.status_code == 400
    assert "承認を受けてから" in response.content.decode()
    assert _textarea(response.content.decode(), "measures") == "承認前の対策"
    assert not AnswerDraft.objects.filter(case=crime).exists()  # one transaction: no half-done save


def test_email_answer_is_saved_then_previewed_not_queued(client_for, tier2_staff, case, draft):
    client = client_for(tier2_staff)
    response = _post(client, case, measures="メールの対策", referrals="", channel="email", version=draft.version)
    assert response.status_code == 302
    assert response["Location"] == reverse("answers:preview", kwargs={"reference": case.reference}) + "#answer-preview"
    answer = AnswerDraft.objects.get(pk=draft.pk)
    assert (answer.status, answer.measures, answer.channel) == (AnswerStatus.DRAFT, "メールの対策", "email")
    assert not OutboundEmail.objects.exists()


def test_confirm_of_an_outdated_preview_queues_nothing(client_for, tier2_staff, case, draft):
    client = client_for(tier2_staff)
    _post(client, case, measures="プレビューした版", referrals="", channel="email", version=draft.version)
    previewed = AnswerDraft.objects.get(pk=draft.pk).version
    services.answer_save_draft(
        actor=tier2_staff, case=case, measures="その後の版", referrals="", channel="email", expected_version=previewed
    )
    url = reverse("answers:send", kwargs={"reference": case.reference})
    response = client.post(url, {"version": previewed, "confirm": "1"}, follow=True)
    assert "他の職員がこの回答案を先に更新しました" in response.content.decode()
    assert not OutboundEmail.objects.exists()
    assert AnswerDraft.objects.get(pk=draft.pk).status == AnswerStatus.DRAFT


def test_confirm_queues_exactly_the_previewed_mail(client_for, tier2_staff, case, draft):
    client = client_for(tier2_staff)
    _post(client, case, measures="送る対策", referrals="送る紹介先", channel="email", version=draft.version)
    answer = AnswerDraft.objects.get(pk=draft.pk)
    preview = services.answer_mail_preview(draft=answer)
    url = reverse("answers:send", kwargs={"reference": case.reference})
    response = client.post(url, {"version": answer.version, "confirm": "1"})
    assert response.status_code == 302
    mail = OutboundEmail.objects.get(case=case)
    assert (mail.subject, mail.body_text) == (preview.subject, preview.body)


def test_wrong_role_cannot_send(client_for, tier1_staff, case, draft):
    assert _post(client_for(tier1_staff), case, measures="x", channel="phone").status_code == 403
