"""A worker types a note on the case screen while the data dir fills up (a real 1 MB tmpfs, needs root): the
autosave is refused with a Japanese notice above the form, the typing stays in the field, the screen stays
accessible; a save on the full disk shows the Japanese 507 page with the typing; once space returns the next
autosave clears the notice and the note is saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import CaseEvent
from madoguchi.testing.factories import make_case
from tests.browser.axe import axe_violations
from tests.faults.full_disk import FullDisk, full_data_dir

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "先方の総務担当から電話。不審なメールの添付ファイルを開いた端末は1台のみとのこと（架空の記録）。"
MORE = "LANケーブルは抜いてもらった。"
NOTICE = "保存領域が不足しているため、読み取り専用モードです。下書きを保存できません。"


@pytest.fixture
def disk(settings) -> Iterator[FullDisk]:  # type: ignore[no-untyped-def]
    # Probe on every request: the desk notices the full disk (and the space coming back) at once.
    settings.MADOGUCHI_STORAGE_CHECK_SECONDS = 0
    settings.MADOGUCHI_MIN_FREE_BYTES = 0
    with full_data_dir(settings) as filled:
        filled.free()  # the worker starts on a healthy desk
        yield filled


def _draft_saved(page: Page, url_part: str, typing: str, field: str) -> int:
    with page.expect_response(lambda r: url_part in r.url and r.request.method == "POST") as answer:
        page.locator(field).press_sequentially(typing)
    return answer.value.status


def _open_note(page: Page) -> None:
    details = page.locator("#act-note")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def test_autosave_on_a_full_disk_shows_a_notice_keeps_the_typing_and_saves_once_space_returns(
    page, live_server, login, tier1_staff, disk
):
    case = make_case(actor=tier1_staff)
    login(page, "tier1")
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    _open_note(page)
    field = "#act-note textarea[name=note-text]"
    draft = f"/staff/drafts/case:{case.reference}:note/"

    assert _draft_saved(page, draft, NOTE, field) == 200

    disk.fill()
    assert _draft_saved(page, draft, MORE, field) == 507
    notice = page.locator("#act-note .draft-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(NOTICE)
    expect(page.locator(field)).to_have_value(NOTE + MORE)
    assert axe_violations(page) == []

    # Saving the note now: the Japanese 507 page, in Japanese, showing the typing to copy, accessible.
    page.locator("#act-note button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("保存領域が不足しています（507）")
    assert page.locator("html").get_attribute("lang") == "ja"
    expect(page.locator("main")).to_contain_text("読み取り専用モードです。この操作は保存していません。")
    typed = page.get_by_role("textbox", name="入力欄 2")
    expect(typed).to_have_value(NOTE + MORE)
    expect(typed).to_have_attribute("readonly", "")
    assert axe_violations(page) == []
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).exists()

    page.go_back()
    page.wait_for_load_state()
    if page.locator("[data-draft-restore]").count():
        page.locator("[data-draft-restore]").click()
    _open_note(page)
    page.fill(field, NOTE + MORE)

    disk.free()
    assert _draft_saved(page, draft, "。", field) == 200
    expect(page.locator("#act-note .draft-notice")).to_be_hidden()
    page.locator("#act-note button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("記録を追加しました")
    expect(page.locator("#timeline")).to_contain_text(NOTE + MORE + "。")
    assert CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).count() == 1
