"""The organisations, laws and clocks other parts of the desk refer to by code (issue 13) are shipped.

Pure data check: ``pytest -p no:django --noconftest madoguchi/referrals/tests/test_issue13_reference_codes_exist.py``.
"""

from __future__ import annotations

import pytest

from madoguchi.referrals.tests import reference_yaml

ORGS = reference_yaml.organizations()
LAWS = reference_yaml.laws()


@pytest.mark.parametrize(
    "code",
    [
        "card_issuer_or_psp",
        "cyber_insurance_hotline",
        "ipa_vulnerability_report",
        "tokyo_consumer_center",
        "tokyo_bar_associations_legal",
        "zengin_kyokai",
        "npa_online_reporting",
    ],
)
def test_organization_exists_verified_and_public(code: str) -> None:
    org = ORGS[code]
    assert org["verified"] is True and org["public"] is True, code


def test_generic_entries_have_no_channels_to_read_out() -> None:
    # The consulter's own card company and insurer: the number is on their card or policy, not in our data.
    for code in ("card_issuer_or_psp", "cyber_insurance_hotline"):
        assert ORGS[code]["channels"] == [] and ORGS[code]["region"] == "個別", code


def test_online_reporting_form_has_its_address() -> None:
    webs = [c["value"] for c in ORGS["npa_online_reporting"]["channels"] if c["kind"] == "web"]
    assert webs == ["https://www.npa.go.jp/bureau/cyber/soudan.html"]


@pytest.mark.parametrize(
    "code",
    [
        "penal_222",
        "penal_250",
        "penal_163_4",
        "penal_258",
        "penal_259",
        "furikome_relief_act",
        "telecom_business_act_art4",
        "civil_415",
        "trademark_art78",
    ],
)
def test_law_exists_verified_and_linked_from_an_event(code: str) -> None:
    assert LAWS[code]["verified"] is True
    linked = {link["law"] for event in reference_yaml.events().values() for link in event["law_links"]}
    assert code in linked, code


@pytest.mark.parametrize(
    ("code", "law"),
    [
        ("mynumber_preliminary_report", "mynumber_art29_4"),
        ("appi_processor_notice", "appi_rule_art9"),
        ("gdpr_art33_processor", "gdpr_art33"),
    ],
)
def test_clock_exists_for_its_provision(code: str, law: str) -> None:
    assert reference_yaml.clocks()[code]["law"] == law


def test_unverified_my_number_clocks_say_what_to_check() -> None:
    for code, clock in reference_yaml.clocks().items():
        if code.startswith("mynumber_"):
            assert clock["verified"] is False and "第3条" in clock["verification_note"], code
