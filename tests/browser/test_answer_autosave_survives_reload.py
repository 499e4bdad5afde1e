"""Drafts save themselves a few seconds after typing stops; a conflicting autosave never overwrites."""

import re

import pytest
from playwright.sync_api import expect

from madoguchi.answers import services
from madoguchi.answers.models import AnswerDraft
from madoguchi.testing.factories import UserFactory
from tests.browser.answer_editor_helpers import open_case, taken_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_autosaved_text_survives_a_reload(page, live_server, login, tier1_staff, tier2_staff):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    open_case(page, live_server, login, case)
    page.fill("#id_answer-measures", "自動保存される対策の文面")
    page.fill("#id_answer-referrals", "自動保存される紹介先")
    expect(page.locator("#answer-autosave-status")).to_contain_text("自動保存しました")
    page.reload()
    expect(page.locator("#id_answer-measures")).to_have_value("自動保存される対策の文面")
    expect(page.locator("#id_answer-referrals")).to_have_value("自動保存される紹介先")
    # Typing on after the first autosave saves again (the editor carries the new version).
    page.fill("#id_answer-measures", "二回目の自動保存")
    expect(page.locator("#answer-autosave-status")).to_contain_text("未保存の変更があります")
    expect(page.locator("#answer-autosave-status")).to_contain_text("自動保存しました")
    expect(page.locator("#answer-autosave-status")).not_to_have_class(re.compile(r"\berror\b"))
    draft = AnswerDraft.objects.get(case=case)
    assert draft.measures == "二回目の自動保存"


def test_autosave_conflict_is_shown_and_overwrites_nothing(page, live_server, login, tier1_staff, tier2_staff):
    case = taken_case(tier1=tier1_staff, tier2=tier2_staff)
    draft = services.answer_save_draft(
        actor=tier2_staff, case=case, measures="最初の版", referrals="", channel="phone", expected_version=None
    )
    open_case(page, live_server, login, case)
    colleague = UserFactory(username="tier2b", role=tier2_staff.role)
    services.answer_save_draft(
        actor=colleague,
        case=case,
        measures="同僚が先に保存した版",
        referrals="",
        channel="phone",
        expected_version=draft.version,
    )
    page.fill("#id_answer-measures", "自分が入力中の版")
    status = page.locator("#answer-autosave-status")
    expect(status).to_contain_text("他の職員がこの回答案を先に保存しました")
    expect(status).to_have_class(re.compile(r"\berror\b"))
    assert AnswerDraft.objects.get(case=case).measures == "同僚が先に保存した版"
    expect(page.locator("#id_answer-measures")).to_have_value("自分が入力中の版")

    # Saving by hand shows both texts side by side; the typing is still in the editor.
    page.click("#answer-save")
    expect(page.locator("#answer-stored-now")).to_contain_text("同僚が先に保存した版")
    expect(page.locator("#id_answer-measures")).to_have_value("自分が入力中の版")
