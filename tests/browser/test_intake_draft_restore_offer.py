"""The same staff member gets an unfinished intake back only by choosing 「復元する」, and only on the same form."""

import time

import pytest
from playwright.sync_api import expect

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.core.models import FormDraft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _type_phone_intake_and_leave(page, live_server):
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    page.fill("#id_org_name", "株式会社サンプル商事")
    page.fill("#id_person_name", "架空 一郎")
    page.fill("#id_phone", "03-0000-1111")
    page.fill("#id_subject", "ランサムウェアの脅迫文が表示された")
    page.fill("#id_body", "朝出社したら共有フォルダのファイルが開けない。")
    page.check("#id_police_referral")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("header >> text=案件一覧")
    page.wait_for_url("**/staff/cases/")
    # pagehide saved the draft on the server (nothing in the browser's storage).
    assert page.evaluate("() => window.localStorage.getItem('intake-draft')") is None


def _draft_saved(user):
    for _ in range(100):
        if FormDraft.objects.filter(user=user, form_key="intake:phone").exists():
            return True
        time.sleep(0.1)
    return False


def test_same_user_is_offered_the_draft_and_restores_it_exactly(page, live_server, login, shot, tier1_staff):
    login(page, "tier1")
    _type_phone_intake_and_leave(page, live_server)
    assert _draft_saved(tier1_staff)

    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    offer = page.locator("#draft-restore")
    expect(offer).to_contain_text("前回の入力を復元しますか")
    shot(page, "drafts-intake-restore-offer")
    # Nothing of the caller is on the page before the user chooses.
    expect(page.locator("#id_person_name")).to_have_value("")
    assert "架空 一郎" not in page.content()
    views_before = AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA).count()

    offer.get_by_role("button", name="復元する").click()
    expect(offer).to_have_count(0)
    expect(page.locator("#id_org_name")).to_have_value("株式会社サンプル商事")
    expect(page.locator("#id_person_name")).to_have_value("架空 一郎")
    expect(page.locator("#id_phone")).to_have_value("03-0000-1111")
    expect(page.locator("#id_subject")).to_have_value("ランサムウェアの脅迫文が表示された")
    expect(page.locator("#id_body")).to_have_value("朝出社したら共有フォルダのファイルが開けない。")
    expect(page.locator("#id_police_referral")).to_be_checked()
    restore = AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA).order_by("pk").last()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_PERSONAL_DATA).count() == views_before + 1
    assert restore.actor == tier1_staff
    assert restore.detail == {"draft": "intake:phone"}

    # Saving the case deletes the draft: the next phone intake offers nothing.
    page.select_option("#id_category", index=1)
    page.click("button.primary")
    expect(page.locator(".messages")).to_contain_text("相談を受け付けました")
    assert not FormDraft.objects.filter(user=tier1_staff).exists()
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    expect(page.locator("#draft-restore")).to_have_count(0)


def test_discard_deletes_the_draft(page, live_server, login, tier1_staff):
    login(page, "tier1")
    _type_phone_intake_and_leave(page, live_server)
    assert _draft_saved(tier1_staff)
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    page.locator("#draft-restore").get_by_role("button", name="破棄する").click()
    expect(page.locator("#draft-restore")).to_have_count(0)
    expect(page.locator("#id_person_name")).to_have_value("")
    page.goto(f"{live_server.url}/staff/cases/new/?channel=phone")
    expect(page.locator("#draft-restore")).to_have_count(0)
    assert not FormDraft.objects.filter(user=tier1_staff).exists()


def test_phone_draft_is_not_offered_on_the_walk_in_form(page, live_server, login, tier1_staff):
    login(page, "tier1")
    _type_phone_intake_and_leave(page, live_server)
    assert _draft_saved(tier1_staff)
    page.goto(f"{live_server.url}/staff/cases/new/?channel=walkin")
    expect(page.locator("h1")).to_have_text("相談受付")
    expect(page.locator("#draft-restore")).to_have_count(0)
    expect(page.locator("#id_person_name")).to_have_value("")
    expect(page.locator("#id_phone")).to_have_value("")
