"""Staff edit directory entries; every change is audited with old and new values; tier 1 cannot edit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.referrals.tests.helpers import organization_form_data as _form

pytestmark = pytest.mark.django_db


def test_tier2_edits_a_phone_number_and_it_is_audited(client_for, tier2_staff, reference_data):
    org = ReferralOrganization.objects.get(code="mpd_cybercrime_division")
    url = reverse("referrals:organization_edit", kwargs={"code": org.code})
    assert client_for(tier2_staff).get(url).status_code == 200
    channels = "電話 | ０３－５８０５－９９９９ | 平日 9:00〜17:00\nWeb | https://www.keishicho.metro.tokyo.lg.jp/"
    response = client_for(tier2_staff).post(url, _form(org, channels=channels))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.channels[0] == {"kind": "phone", "value": "03-5805-9999", "hours": "平日 9:00〜17:00", "note": ""}
    assert org.edited_by == tier2_staff
    event = AuditEvent.objects.get(target_type="referrals.ReferralOrganization", target_id=str(org.pk))
    assert event.action == "update"
    assert event.actor == tier2_staff
    old, new = event.detail["changes"]["channels"]
    assert old[0]["value"] == "03-5805-1731"
    assert new[0]["value"] == "03-5805-9999"
    assert "name" not in event.detail["changes"]
    # The keyword search follows the edit.
    assert "03-5805-9999" in org.search_key


def test_saving_without_changes_writes_no_audit_event(client_for, tier2_staff, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    url = reverse("referrals:organization_edit", kwargs={"code": org.code})
    response = client_for(tier2_staff).post(url, _form(org))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(target_type="referrals.ReferralOrganization").exists()
    org.refresh_from_db()
    assert org.edited_at is None


def test_public_entry_must_be_verified(client_for, manager, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    url = reverse("referrals:organization_edit", kwargs={"code": org.code})
    data = _form(org, verification_note="電話番号を公式ページで確認する")
    data.pop("verified")
    response = client_for(manager).post(url, data)
    assert response.status_code == 400
    assert "公開ページに掲載できません" in response.content.decode()
    org.refresh_from_db()
    assert org.verified


def test_bad_channel_line_is_refused(client_for, tier2_staff, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    url = reverse("referrals:organization_edit", kwargs={"code": org.code})
    response = client_for(tier2_staff).post(url, _form(org, channels="FAX | 03-0000-0000"))
    assert response.status_code == 400
    assert "1行目" in response.content.decode()


def test_tier1_cannot_edit(client_for, tier1_staff, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    url = reverse("referrals:organization_edit", kwargs={"code": org.code})
    assert client_for(tier1_staff).get(url).status_code == 403
    assert client_for(tier1_staff).post(url, _form(org, short_name="改ざん")).status_code == 403
    org.refresh_from_db()
    assert org.short_name == "法テラス"


def test_anonymous_is_sent_to_login(anonymous, reference_data):
    url = reverse("referrals:organization_edit", kwargs={"code": "houterasu"})
    response = anonymous.post(url, {"short_name": "改ざん"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert ReferralOrganization.objects.get(code="houterasu").short_name == "法テラス"


def test_mark_verified_today(client_for, tier2_staff, reference_data):
    url = reverse("referrals:organization_verify", kwargs={"code": "houterasu"})
    response = client_for(tier2_staff).post(url)
    assert response.status_code == 302
    org = ReferralOrganization.objects.get(code="houterasu")
    assert org.last_verified_by == tier2_staff
    assert org.last_verified_at is not None
    event = AuditEvent.objects.get(target_type="referrals.ReferralOrganization")
    assert event.detail["changes"]["last_verified_by"] == [None, "tier2"]


def test_tier1_cannot_mark_verified(client_for, tier1_staff, reference_data):
    url = reverse("referrals:organization_verify", kwargs={"code": "houterasu"})
    assert client_for(tier1_staff).post(url).status_code == 403
    assert ReferralOrganization.objects.get(code="houterasu").last_verified_at is None


def test_tier2_creates_an_entry(client_for, tier2_staff, reference_data):
    data = {
        "code": "sample_support_desk",
        "name": "サンプル支援センター",
        "short_name": "サンプル支援",
        "entry_type": "consultation",
        "handles": "架空の相談窓口。",
        "audience": ["company"],
        "channels": "電話 | 03-0000-0000 | 平日 9:00〜17:00",
        "region": "東京都",
        "categories": ["prevention"],
        "situations": ["prevention_advice"],
        "source_url": "https://www.example.jp/support",
        "as_of": "2026-11-01",
        "as_of_basis": "published",
        "verification_note": "公式ページで受付時間を確認する",
    }
    response = client_for(tier2_staff).post(reverse("referrals:organization_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    org = ReferralOrganization.objects.get(code="sample_support_desk")
    assert not org.verified and not org.public
    assert AuditEvent.objects.filter(action="create", target_id=str(org.pk)).exists()
    # A record staff created is theirs: the loader leaves it alone.
    assert org.edited_after_load
