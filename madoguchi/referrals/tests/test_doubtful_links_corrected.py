"""The audit's doubtful links and stale addresses (issue 13) stay corrected.

Pure data check: ``pytest -p no:django --noconftest madoguchi/referrals/tests/test_doubtful_links_corrected.py``.
"""

from __future__ import annotations

from madoguchi.referrals.tests import reference_yaml

EVENTS = reference_yaml.events()
ORGS = reference_yaml.organizations()


def _laws(event: str) -> list[str]:
    return [x["law"] for x in EVENTS[event]["law_links"]]


def test_phishing_is_not_linked_to_the_advertising_mail_act() -> None:
    assert not [law for law in _laws("phishing") if law.startswith("spam_")]


def test_web_skimming_points_at_access_skimming_and_use_not_card_forgery() -> None:
    skimming = [
        code for code, e in EVENTS.items() if "web_skimming" in e["situations"] and code != "personal_data_breach"
    ]
    assert skimming == ["web_skimming"]
    assert _laws("web_skimming") == ["uaa_art3", "penal_168_2_2", "penal_163_4", "penal_246_2"]
    assert reference_yaml.link(EVENTS["web_skimming"], "penal_246_2")["relevance"] == "conditional"


def test_insider_theft_corporate_penalty_is_conditional() -> None:
    link = reference_yaml.link(EVENTS["insider_database_theft"], "appi_art184")
    assert link["relevance"] == "conditional" and link["condition"]


def test_gdpr_breach_notice_depends_on_article_3() -> None:
    assert _laws("eu_data_breach")[0] == "gdpr_art3"
    art33 = reference_yaml.link(EVENTS["eu_data_breach"], "gdpr_art33")
    assert art33["relevance"] == "conditional" and "第3条第2項" in art33["condition"]
    clock = reference_yaml.clocks()["gdpr_art33_authority"]
    assert clock["applies_when"]["gdpr_applies"] is True


def test_extortion_mail_is_usually_attempted_extortion() -> None:
    assert _laws("extortion")[:2] == ["penal_249", "penal_250"]
    assert EVENTS["extortion"]["verified"] is True


def test_jpcert_office_line_is_not_offered_as_the_incident_line() -> None:
    phone = next(c for c in ORGS["jpcert_incident_report"]["channels"] if c["value"] == "03-6271-8901")
    assert "事務所" in phone["note"] and "案内しない" in phone["note"]


def test_no_public_channel_uses_a_stale_address() -> None:
    stale = ("keishicho.metro.tokyo.jp/", "npa.go.jp/cyber/", "security-portal.nisc.go.jp")
    for code, org in ORGS.items():
        if not org["public"]:
            continue
        for channel in org["channels"]:
            assert not any(s in str(channel["value"]) for s in stale), (code, channel["value"])


def test_nisc_became_nco() -> None:
    org = ORGS["nco_security_portal"]
    assert "国家サイバー統括室" in org["name"]
    assert [c["value"] for c in org["channels"]] == ["https://www.cyber.go.jp/"]
    # The new portal address comes from the audit, not from a page we read: not shown to the public yet.
    assert org["verified"] is False and org["public"] is False
