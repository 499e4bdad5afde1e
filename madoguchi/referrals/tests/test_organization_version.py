"""Every write to a directory entry moves its version on: staff edits, 本日確認済みにする and data-file reloads."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.referrals.tests.helpers import organization_form_data

pytestmark = pytest.mark.django_db


def _edit(client, org: ReferralOrganization, **overrides: object):
    url = reverse("referrals:organization_edit", kwargs={"code": org.code})
    return client.post(url, organization_form_data(org, **overrides))


def test_loaded_entries_start_at_version_1(reference_data):
    assert set(ReferralOrganization.objects.values_list("version", flat=True)) == {1}


def test_edit_bumps_the_version(client_for, tier2_staff, reference_data):
    org = ReferralOrganization.objects.get(code="mpd_cybercrime_division")
    assert _edit(client_for(tier2_staff), org, notes="テスト：版の確認").status_code == 302
    org.refresh_from_db()
    assert org.version == 2
    assert org.notes == "テスト：版の確認"
    # The version is bookkeeping, not an edit: the audit trail lists only what staff changed.
    event = AuditEvent.objects.get(target_type="referrals.ReferralOrganization", target_id=str(org.pk))
    assert set(event.detail["changes"]) == {"notes"}


def test_saving_an_unchanged_form_keeps_the_version(client_for, tier2_staff, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    assert _edit(client_for(tier2_staff), org).status_code == 302
    org.refresh_from_db()
    assert org.version == 1


def test_mark_verified_bumps_the_version(client_for, tier2_staff, reference_data):
    url = reverse("referrals:organization_verify", kwargs={"code": "houterasu"})
    assert client_for(tier2_staff).post(url).status_code == 302
    org = ReferralOrganization.objects.get(code="houterasu")
    assert org.version == 2
    assert org.last_verified_by == tier2_staff
    event = AuditEvent.objects.get(target_type="referrals.ReferralOrganization")
    assert set(event.detail["changes"]) == {"last_verified_at", "last_verified_by"}


def test_form_opened_before_mark_verified_is_refused(client_for, tier2_staff, manager, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    loaded_at_version_1 = organization_form_data(org, notes="テスト：確認前に開いた画面")
    verify = reverse("referrals:organization_verify", kwargs={"code": org.code})
    assert client_for(manager).post(verify).status_code == 302

    url = reverse("referrals:organization_edit", kwargs={"code": org.code})
    response = client_for(tier2_staff).post(url, loaded_at_version_1)

    assert response.status_code == 400
    assert "他の職員がこの紹介先を先に更新しました" in response.content.decode()
    org.refresh_from_db()
    assert (org.notes, org.version) == ("", 2)


def test_tier1_mark_verified_leaves_the_version(client_for, tier1_staff, reference_data):
    url = reverse("referrals:organization_verify", kwargs={"code": "houterasu"})
    assert client_for(tier1_staff).post(url).status_code == 403
    assert ReferralOrganization.objects.get(code="houterasu").version == 1


def test_forced_reload_from_the_data_files_bumps_the_version(client_for, tier2_staff, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    assert _edit(client_for(tier2_staff), org, notes="テスト：読込で戻る備考").status_code == 302

    call_command("load_reference_data", app=["referrals"], force=True, stdout=io.StringIO())

    org.refresh_from_db()
    assert org.notes == ""
    assert org.version == 3
