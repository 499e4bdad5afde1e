"""Casebook screens after a mistake: an unknown 受付番号 and a decision without its reason are said next to the
control in Japanese, with what was typed and chosen kept (not an error page, not a message at the top)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.casebook import services
from madoguchi.casebook.models import ProposalStatus, RevisionProposal
from madoguchi.casebook.services import ProposalText
from madoguchi.casebook.tests.helpers import guidebook

pytestmark = pytest.mark.django_db


def test_an_unknown_reference_is_said_next_to_the_box_with_the_typing_kept(client_for, tier2_staff):
    response = client_for(tier2_staff).get(reverse("casebook:start"), {"reference": "W-2026-99999"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "その受付番号の相談案件は見つかりませんでした。" in html
    assert 'value="W-2026-99999"' in html
    assert 'aria-describedby="start-reference-error"' in html and 'id="start-reference-error"' in html


def test_a_decision_without_its_reason_is_said_next_to_the_reason(client_for, tier2_staff, manager):
    section = guidebook()["mission1"]
    proposal = services.proposal_create(
        actor=tier2_staff, section=section, text=ProposalText(title="提案", change="点", reason="理由")
    )
    url = reverse("casebook:proposal_decide", kwargs={"pk": proposal.pk})
    response = client_for(manager).post(url, {"status": "declined", "note": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="decide-note-{proposal.pk}-error"' in html
    assert "採用・見送りの理由を入力してください。" in html.split(f'id="decide-note-{proposal.pk}-error"', 1)[1]
    assert '<option value="declined" selected>' in html
    assert RevisionProposal.objects.get().status == ProposalStatus.PROPOSED
