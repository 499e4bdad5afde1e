"""The timeline speaks the desk's language: field labels, Japanese dates and staff names, no codes."""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from madoguchi.cases import services
from madoguchi.cases.choices import Category, Urgency
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def _timeline(client, case) -> str:
    response = client.get(reverse("cases:detail", args=[case.reference]))
    assert response.status_code == 200
    section = re.search(r'<section class="card" id="timeline">(.*?)</section>', response.content.decode(), re.S)
    assert section is not None
    return html.unescape(re.sub(r"<[^>]+>", " ", section.group(1)))


def test_edited_field_shows_its_label_and_a_japanese_date(tier1_staff, client_for):
    case = make_case(actor=tier1_staff)
    services.case_update_intake(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        aware_at=dt.datetime(2026, 12, 7, 2, 50, tzinfo=TOKYO),
    )

    text = _timeline(client_for(tier1_staff), case)

    assert "事案を認知した日時" in text
    assert "2026年12月7日(月) 02:50" in text
    assert "aware_at" not in text
    assert "+09:00" not in text


def test_dispatch_names_the_assignee_by_display_name(tier1_staff, tier2_staff, client_for):
    case = make_case(actor=tier1_staff)
    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.PREVENTION,
        urgency=Urgency.NORMAL,
        police_referral=False,
        assignee=tier2_staff,
    )

    text = _timeline(client_for(tier2_staff), case)

    assert "→ 二次 次郎" in text
    assert re.search(r"→\s*tier2\b", text) is None


def test_model_version_of_an_accepted_suggestion_only_for_managers(tier1_staff, tier2_staff, manager, client_for):
    case = make_case(actor=tier1_staff)
    services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=None,
        category=Category.CRIME,
        urgency=Urgency.CRITICAL,
        police_referral=True,
        source="triage:4+0123456789ab",
    )
    case.refresh_from_db()
    services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.CRIME,
        urgency=Urgency.CRITICAL,
        police_referral=True,
    )

    desk = _timeline(client_for(tier2_staff), case)
    managers = _timeline(client_for(manager), case)

    assert "判定支援の提案を採用" in desk
    assert "0123456789ab" not in desk
    assert "0123456789ab" in managers
