from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import CaseEvent
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_note_goes_onto_the_timeline(api_client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    url = reverse("api:consultation_note", kwargs={"reference": case.reference})
    response = _post(api_client_for(tier1_staff), url, {"text": "折り返し電話の予定を確認した。"})
    assert response.status_code == 201
    event = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
    assert event.text == "折り返し電話の予定を確認した。"
    assert event.actor == tier1_staff


def test_blank_note_is_refused_next_to_the_field(api_client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    url = reverse("api:consultation_note", kwargs={"reference": case.reference})
    response = _post(api_client_for(tier1_staff), url, {"text": "   "})
    assert response.status_code == 400
    assert "text" in response.json()
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).exists()


def test_research_note_needs_tier2(api_client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    url = reverse("api:consultation_note", kwargs={"reference": case.reference})
    response = _post(api_client_for(tier1_staff), url, {"kind": "research", "text": "調査"})
    assert response.status_code == 404  # access_case refuses the action like a missing case
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.RESEARCH).exists()


def test_admin_cannot_write_notes(api_client_for, tier1_staff, admin_user):
    case = make_case(actor=tier1_staff)
    url = reverse("api:consultation_note", kwargs={"reference": case.reference})
    assert _post(api_client_for(admin_user), url, {"text": "メモ"}).status_code == 404
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).exists()


def test_note_on_another_staff_members_back_office_case_is_404(api_client_for, tier1_staff, other_tier1_staff):
    hidden = dispatched_case(tier1=other_tier1_staff)
    url = reverse("api:consultation_note", kwargs={"reference": hidden.reference})
    assert _post(api_client_for(tier1_staff), url, {"text": "メモ"}).status_code == 404
    assert not CaseEvent.objects.filter(case=hidden, kind=EventKind.NOTE).exists()


def test_triage_suggests_a_category(api_client_for, tier1_staff):
    response = _post(
        api_client_for(tier1_staff), reverse("api:triage"), {"text": "ファイルが暗号化されて身代金を要求された"}
    )
    # The suite runs with the trained model (MADOGUCHI_TRIAGE_MODEL_DIR), so a suggestion is expected.
    assert response.status_code == 200, response.content
    assert response.json()["category"]
    assert 0.0 <= response.json()["confidence"] <= 1.0
    body = response.json()
    # The same situations, answer-② organisations (with reasons) and laws (with conditions) as the case panels.
    assert "ransomware_infection" in [s["code"] for s in body["situations"]]
    assert body["referrals"] and all(r["reason"].strip() for r in body["referrals"])
    assert body["laws"] and all(law["condition"].strip() for law in body["laws"])


def test_admin_cannot_run_triage(api_client_for, admin_user):
    assert _post(api_client_for(admin_user), reverse("api:triage"), {"text": "テスト"}).status_code == 403


def _entry(code: str, *, public: bool) -> ReferralOrganization:
    return ReferralOrganization.objects.create(
        code=code,
        name=f"架空相談センター {code}",
        short_name=code,
        entry_type="consultation",
        handles="サンプルの対応内容",
        region="東京都",
        source_url="https://example.jp/source",
        as_of=dt.date(2026, 1, 1),
        as_of_basis="published",
        verified=public,
        public=public,
        channels=[{"kind": "phone", "value": "03-0000-2222"}],
    )


def test_directory_lists_only_public_verified_entries(api_client_for, tier1_staff):
    public = _entry("api-public-sample", public=True)
    private = _entry("api-private-sample", public=False)
    client = api_client_for(tier1_staff)
    codes = {row["code"] for row in client.get(reverse("api:directory")).json()}
    assert public.code in codes
    assert private.code not in codes
    assert client.get(reverse("api:directory_entry", kwargs={"code": public.code})).status_code == 200
    assert client.get(reverse("api:directory_entry", kwargs={"code": private.code})).status_code == 404
