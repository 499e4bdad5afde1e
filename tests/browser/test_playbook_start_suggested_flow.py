"""Issue 10: 開始する starts the flow triage suggested (攻撃), not the last of several pre-selected options."""

import pytest
from playwright.sync_api import expect

from madoguchi.cases.choices import Channel
from madoguchi.playbooks import reference_loader
from madoguchi.playbooks.models import PlaybookRun
from madoguchi.testing.factories import make_case
from madoguchi.triage import services as triage_services
from madoguchi.triage.models import TriageSuggestion
from madoguchi.triage.tests._urgent_text import EMOTET_BODY, EMOTET_SUBJECT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_start_button_starts_the_suggested_attack_flow(page, live_server, login, tier1_staff, shot):
    reference_loader.load(force=False, stdout=None)
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)
    # Staff accept the suggestion: 緊急：セキュリティ侵害発生 fits both the attack and the leak flow.
    triage_services.accept(actor=tier1_staff, suggestion=TriageSuggestion.objects.get(case=case))
    login(page, tier1_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    expect(page.locator("#playbook-template option:checked")).to_contain_text("情報システムへの攻撃")
    page.click("#playbooks button:has-text('開始する')")
    expect(page.locator("#playbooks")).to_contain_text("情報システムへの攻撃")
    run = PlaybookRun.objects.get(case=case)
    assert run.family == "attack"
    shot(page, "issue10-suggested-flow-started")
