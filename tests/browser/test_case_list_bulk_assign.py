"""In a real browser: tick two rows of the case list, assign them in one go, see the result; no axe violations."""

import pytest
from playwright.sync_api import expect

from madoguchi.cases.models import SavedCaseView
from madoguchi.testing.factories import dispatched_case
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_select_two_rows_and_bulk_assign(page, live_server, login, tier1_staff, tier2_staff, shot):
    one = dispatched_case(tier1=tier1_staff, subject="一括割当の一件目")
    two = dispatched_case(tier1=tier1_staff, subject="一括割当の二件目", email="b@example.jp")
    untouched = dispatched_case(tier1=tier1_staff, subject="選ばない案件", email="c@example.jp")
    SavedCaseView.objects.create(owner=tier2_staff, name="二次対応待ち", query="status=dispatched", shared=True)
    login(page, "tier2")
    page.goto(f"{live_server.url}/staff/cases/?sort=reference")
    assert_no_axe_violations(page)
    # The header checkbox (static/js/case-list.js) ticks and clears the whole page.
    page.check("#select-all")
    expect(page.locator("input[name=cases]:checked")).to_have_count(3)
    page.uncheck("#select-all")
    expect(page.locator("input[name=cases]:checked")).to_have_count(0)
    page.check(f"#select-{one.reference}")
    page.check(f"#select-{two.reference}")
    page.select_option("#id_bulk-action", "assign")
    page.select_option("#id_bulk-assignee", str(tier2_staff.pk))
    page.click("#bulk-form button[type=submit]")
    page.wait_for_url("**/staff/cases/?sort=reference")
    expect(page.get_by_text("2 件に担当者を割り当てました。")).to_be_visible()
    shot(page, "case-list-bulk-assign")
    for case in (one, two):
        case.refresh_from_db()
        assert case.assignee == tier2_staff
    untouched.refresh_from_db()
    assert untouched.assignee is None
    assert_no_axe_violations(page)
