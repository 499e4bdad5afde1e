"""Staff answer like their colleagues did: a similar past case shows how it was answered (part ①)."""

import pytest

from madoguchi.answers import services as answer_services
from madoguchi.cases import services
from madoguchi.testing.factories import dispatched_case, make_case
from madoguchi.testing.pages import similar_panel_html

pytestmark = pytest.mark.django_db

TEXT = "取引先を名乗るメールで振込先口座の変更を依頼された。本物かどうか確認する方法を知りたい。"


def test_similar_case_panel_shows_the_sent_answer(client_for, tier1_staff, tier2_staff):
    past = dispatched_case(tier1=tier1_staff, category="prevention", subject="振込先変更の依頼メール", body=TEXT)
    services.case_take(actor=tier2_staff, case=past)
    past.refresh_from_db()
    draft = answer_services.answer_save_draft(
        actor=tier2_staff, case=past, measures="登録済みの電話番号で取引先に直接確認してください。",
        referrals="", channel="phone",
    )  # fmt: skip
    answer_services.answer_send(actor=tier2_staff, draft=draft)

    new = make_case(actor=tier1_staff, subject="振込先変更の依頼メールが来た", body=TEXT + "（別の会社）")
    html = similar_panel_html(client_for(tier2_staff), new)
    similar = html[html.index('id="similar"') :]
    assert past.reference in similar
    assert "登録済みの電話番号で取引先に直接確認してください。" in similar


def test_an_unsent_draft_is_not_shown_as_how_a_similar_case_was_answered(client_for, tier1_staff, tier2_staff):
    past = dispatched_case(tier1=tier1_staff, category="prevention", subject="振込先変更の依頼メール", body=TEXT)
    services.case_take(actor=tier2_staff, case=past)
    past.refresh_from_db()
    answer_services.answer_save_draft(
        actor=tier2_staff, case=past, measures="まだ送っていない下書きの対策です。", referrals="", channel="phone",
    )  # fmt: skip

    new = make_case(actor=tier1_staff, subject="振込先変更の依頼メールが来た", body=TEXT + "（別の会社）")
    html = similar_panel_html(client_for(tier2_staff), new)
    similar = html[html.index('id="similar"') :]
    assert past.reference in similar
    assert "まだ送っていない下書きの対策です。" not in similar
