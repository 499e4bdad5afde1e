"""Case hits in search results carry the triage suggestion, marked as suggested, like every other list."""

import pytest
from django.urls import reverse

from madoguchi.cases import services
from madoguchi.cases.choices import Category, Channel, Urgency
from madoguchi.testing.factories import make_case
from madoguchi.triage.tests._urgent_text import EMOTET_BODY, EMOTET_SUBJECT

pytestmark = pytest.mark.django_db


def _hit(html: str, case) -> str:
    start = html.index(case.get_absolute_url())
    return html[start : html.index("</li>", start)]


def test_undecided_urgent_case_is_marked_suggested_in_search_results(client_for, tier1_staff):
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)

    html = client_for(tier1_staff).get(reverse("knowledge:search"), {"q": "Emotet"}).content.decode()

    hit = _hit(html, case)
    assert 'class="badge suggested urgent"' in hit
    assert "推定: 至急" in hit
    assert "AI による推定（未確定）" in hit


def test_decided_case_shows_no_suggested_mark(client_for, tier1_staff):
    case = make_case(actor=None, channel=Channel.WEB, subject=EMOTET_SUBJECT, body=EMOTET_BODY)
    services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=None,
        category=Category.URGENT_BREACH,
        urgency=Urgency.CRITICAL,
        police_referral=True,
    )

    html = client_for(tier1_staff).get(reverse("knowledge:search"), {"q": "Emotet"}).content.decode()

    hit = _hit(html, case)
    assert "suggested" not in hit
    assert 'class="badge urgent"' in hit
