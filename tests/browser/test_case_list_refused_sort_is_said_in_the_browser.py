"""In a real browser: a desk worker clicks the 件名 header of a list past FULL_SORT_CAP, reads why the rows are
still newest first, narrows the list and then gets the sort; no axe violations in either state.

The live server runs in this process, so the cap is lowered to 2 here.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from madoguchi.cases import selectors
from madoguchi.cases.choices import Channel
from madoguchi.testing.factories import make_case
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_refused_sort_is_explained_and_narrowing_sorts(page, live_server, login, manager, tier1_staff, monkeypatch):
    monkeypatch.setattr(selectors, "FULL_SORT_CAP", 2)
    now = timezone.now()
    # Newest first is C, B, A; by subject it is A, B, C. A and B came by mail.
    for i, (subject, channel) in enumerate(
        [("A 並べ替え確認", Channel.EMAIL), ("B 並べ替え確認", Channel.EMAIL), ("C 並べ替え確認", Channel.PHONE)]
    ):
        make_case(
            actor=tier1_staff,
            channel=channel,
            subject=subject,
            email=f"sort{i}@example.jp",
            phone=f"03-0000-{i:04d}",
            received_at=now - dt.timedelta(hours=3 - i),
        )
    login(page, "manager")
    page.goto(f"{live_server.url}/staff/cases/")
    page.get_by_role("link", name="件名", exact=True).click()
    note = page.locator("#sort-refused")
    expect(note).to_be_visible()
    expect(note).to_contain_text("「件名」では並べ替えず、受付日時の新しい順に表示しています")
    expect(note).to_contain_text("CSV 出力も同じ順です")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("C 並べ替え確認")
    expect(rows.nth(2)).to_contain_text("A 並べ替え確認")
    # The header says the rows are in receipt order, not by subject.
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("受付日時")
    assert_no_axe_violations(page)

    # Narrowing to the two mails (the cap) keeps the asked sort (a hidden field of the filter form) and honours it.
    page.select_option("#id_channel", "email")
    page.get_by_role("button", name="絞り込む").click()
    expect(page.locator("#sort-refused")).to_have_count(0)
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("A 並べ替え確認")
    expect(rows.nth(1)).to_contain_text("B 並べ替え確認")
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("件名")
    assert_no_axe_violations(page)
