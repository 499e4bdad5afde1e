"""The editor's save-then-act paths go through the approval rules: no send without approval, an approved
text goes out only unchanged, and a change on the screen withdraws the approval before anything is sent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft, AnswerStatus, OutboundEmail
from madoguchi.answers.tests.helpers import case_in_progress
from madoguchi.cases.models import CaseEvent
from madoguchi.cases.workflow import Status
from madoguchi.core.errors import DomainError

pytestmark = pytest.mark.django_db

UNAPPROVED = "管理職の承認を受けてから送付してください"


def _approved(tier1, tier2, manager, *, channel: str = "phone") -> AnswerDraft:
    case = case_in_progress(tier1=tier1, tier2=tier2)  # crime: approval needed
    draft = services.answer_save_draft(
        actor=tier2, case=case, measures="承認される対策", referrals="承認される紹介先", channel=channel
    )
    services.answer_submit_for_approval(actor=tier2, draft=draft)
    return services.answer_approve(actor=manager, draft=draft, comment="了承")


def _screen(draft: AnswerDraft, **changes: str) -> dict[str, str]:
    fields = {"measures": draft.measures, "referrals": draft.referrals, "channel": draft.channel}
    fields.update(changes)
    data = {f"answer-{k}": v for k, v in fields.items()}
    data["answer-version"] = str(draft.version)
    return data


def _url(name: str, draft: AnswerDraft) -> str:
    return reverse(f"answers:{name}", kwargs={"reference": draft.case.reference})


def test_save_and_send_on_a_crime_case_without_approval_is_refused(tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    with pytest.raises(DomainError, match=UNAPPROVED):
        services.answer_save_and_send(
            actor=tier2_staff,
            case=case,
            measures="未承認の対策",
            referrals="",
            channel="email",
            expected_version=services.NO_DRAFT_VERSION,
        )
    assert not AnswerDraft.objects.filter(case=case).exists()
    assert not OutboundEmail.objects.exists()


def test_approved_text_unchanged_on_the_screen_is_recorded(client_for, tier1_staff, tier2_staff, manager):
    draft = _approved(tier1_staff, tier2_staff, manager)
    response = client_for(tier2_staff).post(_url("send", draft), _screen(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == AnswerStatus.SENT
    assert draft.revisions.count() == 1, "an unchanged screen is not a new revision"
    assert CaseEvent.objects.get(case=draft.case, kind="answer_sent").text.startswith("電話で回答しました。")


def test_approved_mail_unchanged_on_the_screen_is_previewed_then_queued(client_for, tier1_staff, tier2_staff, manager):
    draft = _approved(tier1_staff, tier2_staff, manager, channel="email")
    client = client_for(tier2_staff)
    response = client.post(_url("send", draft), _screen(draft))
    assert response["Location"].startswith(_url("preview", draft))
    draft.refresh_from_db()
    assert draft.status == AnswerStatus.APPROVED, "going to the preview keeps the approval"
    preview = services.answer_mail_preview(draft=draft)
    confirm = client.post(_url("send", draft), {"version": draft.version, "confirm": "1"})
    assert confirm.status_code == 302
    mail = OutboundEmail.objects.get(case=draft.case)
    assert (mail.subject, mail.body_text, mail.answer_id) == (preview.subject, preview.body, draft.pk)


def test_changed_text_withdraws_the_approval_and_is_not_sent(client_for, tier1_staff, tier2_staff, manager):
    draft = _approved(tier1_staff, tier2_staff, manager)
    response = client_for(tier2_staff).post(_url("send", draft), _screen(draft, measures="承認後に書き足した対策"))
    assert response.status_code == 400
    page = response.content.decode()
    assert UNAPPROVED in page and "承認後に書き足した対策" in page, "refused, with the typing kept"
    draft.refresh_from_db()
    assert (draft.status, draft.measures) == (AnswerStatus.APPROVED, "承認される対策"), "nothing half-done"
    assert not CaseEvent.objects.filter(case=draft.case, kind="answer_sent").exists()


def test_changed_text_saved_by_the_service_is_never_sent_as_approved(tier1_staff, tier2_staff, manager):
    draft = _approved(tier1_staff, tier2_staff, manager, channel="email")
    with pytest.raises(DomainError, match=UNAPPROVED):
        services.answer_save_and_send(
            actor=tier2_staff,
            case=draft.case,
            measures="承認後に差し替えた対策",
            referrals=draft.referrals,
            channel=draft.channel,
            expected_version=draft.version,
        )
    assert not OutboundEmail.objects.exists()


def test_autosave_of_a_change_withdraws_the_approval(client_for, tier1_staff, tier2_staff, manager):
    draft = _approved(tier1_staff, tier2_staff, manager)
    client = client_for(tier2_staff)
    response = client.post(
        _url("autosave", draft), _screen(draft, measures="自動保存された修正"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    draft.case.refresh_from_db()
    assert (draft.status, draft.approved_hash, draft.case.status) == (AnswerStatus.DRAFT, "", Status.IN_PROGRESS)
    # The send that follows (with the autosaved version) is refused: the change needs a new approval.
    sent = client.post(_url("send", draft), _screen(draft))
    assert sent.status_code == 400 and UNAPPROVED in sent.content.decode()


def test_autosave_without_a_change_keeps_the_approval(client_for, tier1_staff, tier2_staff, manager):
    draft = _approved(tier1_staff, tier2_staff, manager)
    response = client_for(tier2_staff).post(_url("autosave", draft), _screen(draft), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["version"] == draft.version
    draft.refresh_from_db()
    assert draft.status == AnswerStatus.APPROVED


def test_panel_shows_the_editor_with_the_send_button_for_an_approved_draft(
    client_for, tier1_staff, tier2_staff, manager
):
    draft = _approved(tier1_staff, tier2_staff, manager)
    page = client_for(tier2_staff).get(draft.case.get_absolute_url()).content.decode()
    assert 'id="answer-form"' in page and 'id="answer-send"' in page
    assert 'id="answer-submit"' not in page, "an approved draft is not submitted again"
    assert f'name="answer-version" value="{draft.version}"' in page
