"""Issue 4's walk: a newcomer on the demo data starts the leak playbook, sees the 速報/確報 deadlines,
and builds answer part ② from the directory in one step."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from madoguchi.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_newcomer_starts_leak_playbook_sees_deadlines_and_fills_part_two(page, live_server, shot):
    call_command("setup_desk", verbosity=0)
    call_command("seed_demo", verbosity=0)
    case = Case.objects.get(subject="顧客情報が流出したかもしれません")

    page.goto(f"{live_server.url}/staff/accounts/login/")
    page.fill("#id_username", "back1")
    page.fill("#id_password", "demo-back-2026!")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")

    # The directory and the law map are there, with sources.
    page.click("nav >> text=相談・届出先")
    expect(page.locator("main")).to_contain_text("個人情報保護委員会")
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")

    # Start the leak playbook.
    page.select_option("#playbook-template", label="情報漏えい（疑いを含む）（この相談区分に合う）")
    page.click("#playbooks button:has-text('開始する')")
    expect(page.locator("#playbooks")).to_contain_text("初動対応")

    # Record that personal data is involved: the PPC clocks appear, counted from the recorded awareness.
    page.check("#clock-facts-form input[name='facts-personal_data']")
    page.check("#clock-facts-form input[name='facts-ppc_reportable']")
    page.click("#clock-facts-form button[type=submit]")
    deadlines = page.locator("#playbooks")
    expect(deadlines).to_contain_text("速報")
    expect(deadlines).to_contain_text("確報")
    shot(page, "10-leak-deadlines")

    # Build part ② from the directory in one step.
    boxes = page.locator("#referral-insert-form input[name=organizations]")
    first_name = page.locator("#referral-insert-form li").first.inner_text().splitlines()[0]
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.click("#referral-insert-form button[type=submit]")
    part_two = page.locator("#id_answer-referrals")
    expect(part_two).not_to_have_value("")
    assert first_name.strip()[:6] in part_two.input_value()
    assert "に確認した情報です" in part_two.input_value()
    shot(page, "11-part-two-filled")
