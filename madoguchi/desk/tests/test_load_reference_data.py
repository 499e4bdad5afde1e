"""load_reference_data loads every shipped record, is idempotent and keeps staff edits unless --force."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from madoguchi.desk.management.commands.load_reference_data import discover_loaders
from madoguchi.referrals.models import EventLawLink, EventType, LawEntry, ReferralOrganization, Situation
from madoguchi.referrals.reference_loader import load, read_file

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("load_reference_data", *args, app=["referrals"], stdout=out)
    return out.getvalue()


def test_loader_loads_every_shipped_record():
    output = _run()
    situations = read_file("situations.yaml")["situations"]
    organizations = read_file("organizations.yaml")["organizations"]
    law_map = read_file("laws.yaml")
    assert set(Situation.objects.values_list("code", flat=True)) == {s["code"] for s in situations}
    assert set(ReferralOrganization.objects.values_list("code", flat=True)) == {o["code"] for o in organizations}
    assert set(LawEntry.objects.values_list("code", flat=True)) == {law["code"] for law in law_map["laws"]}
    assert set(EventType.objects.values_list("code", flat=True)) == {e["code"] for e in law_map["events"]}
    assert EventLawLink.objects.count() == sum(len(e["law_links"]) for e in law_map["events"])
    for raw in organizations:
        org = ReferralOrganization.objects.get(code=raw["code"])
        assert sorted(org.situations.values_list("code", flat=True)) == sorted(raw["situations"])
        assert [c["value"] for c in org.channels] == [str(c["value"]) for c in raw["channels"]]
    assert f"created={len(organizations)}" in output


def test_second_run_changes_nothing():
    _run()
    before = list(ReferralOrganization.objects.order_by("code").values())
    result = load(force=False)
    assert all(counts["created"] == 0 and counts["updated"] == 0 for counts in result.values()), result
    assert result["referralorganization"]["unchanged"] == ReferralOrganization.objects.count()
    assert list(ReferralOrganization.objects.order_by("code").values()) == before


def test_a_value_drifted_from_the_file_is_restored():
    _run()
    ReferralOrganization.objects.filter(code="mpd_cybercrime_division").update(handles="古い説明")
    result = load(force=False)
    assert result["referralorganization"]["updated"] == 1
    assert ReferralOrganization.objects.get(code="mpd_cybercrime_division").handles != "古い説明"


def test_staff_edit_is_kept_unless_forced():
    _run()
    ReferralOrganization.objects.filter(code="ipa_cs_support").update(
        short_name="IPA（職員が修正）", edited_at=timezone.now()
    )
    output = _run()
    assert "kept_staff_edit=1" in output
    assert ReferralOrganization.objects.get(code="ipa_cs_support").short_name == "IPA（職員が修正）"
    _run("--force")
    assert ReferralOrganization.objects.get(code="ipa_cs_support").short_name == "IPA 企業組織向け相談窓口"


def test_dry_run_saves_nothing():
    output = _run("--dry-run")
    assert "dry run" in output
    assert ReferralOrganization.objects.count() == 0


def test_referrals_loader_is_discovered_first():
    labels = [label for label, _load in discover_loaders()]
    assert labels[0] == "referrals"
    assert len(labels) == len(set(labels))
