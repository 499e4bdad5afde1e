"""Legal reporting clocks appear on the case screen only for data leaks, or when staff add them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.cases.choices import Category
from madoguchi.playbooks import services
from madoguchi.playbooks.models import PlaybookTemplate
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db


def _panel(client, case) -> str:
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    start = page.index('id="playbooks"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def prevention_case(tier1_staff):
    return dispatched_case(
        tier1=tier1_staff,
        category=Category.PREVENTION,
        subject="パスワードの決め方を知りたい",
        body="社員のパスワードのルールをどう決めればよいか教えてほしい。",
    )


def test_prevention_case_shows_only_a_way_to_add_clocks(client_for, tier2_staff, prevention_case, playbook_data):
    panel = _panel(client_for(tier2_staff), prevention_case)

    assert 'id="aware-at-missing"' not in panel
    assert "報告期限の判断材料" not in panel
    assert 'id="clock-add"' in panel
    assert "報告期限を追加する" in panel


def test_leak_case_shows_the_clocks(client_for, tier2_staff, leak_case, playbook_data):
    panel = _panel(client_for(tier2_staff), leak_case)

    assert 'id="aware-at-missing"' in panel
    assert "報告期限の判断材料" in panel
    assert 'id="clock-add"' not in panel


def test_clocks_appear_once_staff_add_the_facts(client_for, tier2_staff, prevention_case, playbook_data):
    client = client_for(tier2_staff)
    response = client.post(
        reverse("playbooks:facts", args=[prevention_case.reference]),
        {"facts-personal_data": "on", "facts-ppc_reportable": "on"},
    )
    assert response.status_code == 302

    panel = _panel(client, prevention_case)

    assert 'id="aware-at-missing"' in panel
    assert 'id="clock-add"' not in panel


def test_clocks_appear_when_a_leak_playbook_runs(client_for, tier2_staff, prevention_case, playbook_data):
    leak = PlaybookTemplate.objects.get(code="leak_v1")
    services.playbook_start(actor=tier2_staff, case=prevention_case, template=leak)

    panel = _panel(client_for(tier2_staff), prevention_case)

    assert 'id="aware-at-missing"' in panel
