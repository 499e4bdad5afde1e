"""The reference data YAML files are sourced, well-formed and free of orphans.

Pure pytest (no Django): the files are loaded with PyYAML exactly as a loader
would see them. Run with ``pytest -p no:django madoguchi/referrals/tests``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

APP_ROOT = Path(__file__).resolve().parents[2]
ORGANIZATIONS = APP_ROOT / "referrals" / "data" / "organizations.yaml"
SITUATIONS = APP_ROOT / "referrals" / "data" / "situations.yaml"
LAWS = APP_ROOT / "referrals" / "data" / "laws.yaml"
TAXONOMIES = APP_ROOT / "taxonomy" / "data" / "taxonomies.yaml"
PLAYBOOKS = APP_ROOT / "playbooks" / "data" / "playbooks.yaml"
LEGAL_CLOCKS = APP_ROOT / "playbooks" / "data" / "legal_clocks.yaml"
ALL_FILES = [ORGANIZATIONS, SITUATIONS, LAWS, TAXONOMIES, PLAYBOOKS, LEGAL_CLOCKS]

# The sources were last read on this date (issue 13 re-check); no source date or check can be newer.
AS_OF_LIMIT = dt.date(2026, 12, 6)

CATEGORIES = frozenset(
    {
        "urgent_breach",
        "crime",
        "legal",
        "urgent_outage",
        "prevention",
        "general",
        "life_safety",
        "out_of_scope",
        "guidebook_request",
    }
)
AS_OF_BASES = frozenset({"published", "snapshot", "month", "effective", "gathered"})
PHASES = [
    "first_response",
    "containment",
    "investigation",
    "notification",
    "recovery",
    "prevention",
]
WHO = frozenset({"consulter", "desk", "vendor", "management"})
CHANNEL_KINDS = frozenset({"phone", "web", "email", "counter"})
AUDIENCES = frozenset({"company", "individual"})
ENTRY_TYPES = frozenset({"consultation", "reporting", "service", "resource", "directory"})
CLOCK_KINDS = frozenset({"hard", "guideline", "promptly"})
CLOCK_STARTS = frozenset({"aware_at", "incident_at"})
CLOCK_FLAGS = frozenset(
    {
        "personal_data",
        "ppc_reportable",
        "unlawful_purpose",
        "eu_residents",
        "high_risk",
        "my_number",
        "mynumber_reportable",
        "gdpr_applies",
        "processor",
        "netbanking_fraud",
        "individual_account",
    }
)
PENALTY_WORDINGS = frozenset({"kokinkei_verified", "kokinkei_by_amendment", "as_source", "none"})
LINK_RELEVANCES = frozenset({"primary", "conditional"})

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
ISO_DURATION = re.compile(r"^P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?)?$")
# Short codes (#9110, 188) or a hyphenated domestic number of 10-11 digits.
PHONE = re.compile(r"^(?:#?\d{3,4}|0(?=(?:-?\d){9,10}$)\d+(?:-\d+)+)$")


@cache
def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict), path
    return data


def _is_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parsed = urlparse(value)
    return parsed.scheme in {"http", "https"} and bool(parsed.netloc)


def _as_date(value: object) -> dt.date | None:
    # YAML turns unquoted YYYY-MM-DD into date objects; accept quoted ISO too.
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _duration(value: str) -> dt.timedelta:
    match = ISO_DURATION.match(value)
    assert match and value not in {"P", "PT"}, f"not an ISO 8601 duration: {value!r}"
    parts = {key: int(number) for key, number in match.groupdict().items() if number}
    return dt.timedelta(**parts)


def _sourced_records() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record that must carry its own source, labelled for test ids."""
    for record in _load(ORGANIZATIONS)["organizations"]:
        yield f"organizations:{record.get('code')}", record
    for record in _load(SITUATIONS)["situations"]:
        yield f"situations:{record.get('code')}", record
    for record in _load(LAWS)["laws"]:
        yield f"laws:{record.get('code')}", record
    for record in _load(LAWS)["events"]:
        yield f"events:{record.get('code')}", record
    for record in _load(TAXONOMIES)["schemes"]:
        yield f"schemes:{record.get('code')}", record
    for record in _load(PLAYBOOKS)["playbooks"]:
        yield f"playbooks:{record.get('code')}", record
    yield "playbooks:intake_facts", _load(PLAYBOOKS)["intake_facts"]
    for record in _load(LEGAL_CLOCKS)["clocks"]:
        yield f"clocks:{record.get('code')}", record


SOURCED = list(_sourced_records())
SOURCED_IDS = [label for label, _ in SOURCED]
SOURCED_RECORDS = [record for _, record in SOURCED]


def _codes(records: list[dict[str, Any]]) -> set[str]:
    return {record["code"] for record in records}


def _assert_unique_slugs(*, codes: list[str], where: str) -> None:
    duplicates = [code for code, count in Counter(codes).items() if count > 1]
    assert not duplicates, f"duplicate codes in {where}: {duplicates}"
    bad = [code for code in codes if not isinstance(code, str) or not SLUG.match(code)]
    assert not bad, f"codes in {where} are not slug-shaped: {bad}"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda path: path.name)
def test_file_declares_schema_version_one(path: Path) -> None:
    assert _load(path)["schema_version"] == 1


@pytest.mark.parametrize("record", SOURCED_RECORDS, ids=SOURCED_IDS)
def test_record_has_http_source_url(record: dict[str, Any]) -> None:
    assert _is_url(record.get("source_url")), record.get("source_url")
    for extra in record.get("see_also") or []:
        assert _is_url(extra), extra


@pytest.mark.parametrize("record", SOURCED_RECORDS, ids=SOURCED_IDS)
def test_record_as_of_is_a_past_date_with_known_basis(record: dict[str, Any]) -> None:
    as_of = _as_date(record.get("as_of"))
    assert as_of is not None, f"as_of is not a date: {record.get('as_of')!r}"
    assert as_of <= AS_OF_LIMIT
    basis = record.get("as_of_basis")
    assert basis in AS_OF_BASES
    if basis == "month":
        # Only a year-month was known: the convention is the 1st, explained in source_note.
        assert as_of.day == 1
        assert record.get("source_note")


@pytest.mark.parametrize("record", SOURCED_RECORDS, ids=SOURCED_IDS)
def test_unverified_record_explains_what_to_check(record: dict[str, Any]) -> None:
    assert isinstance(record.get("verified"), bool)
    if not record["verified"]:
        note = record.get("verification_note")
        assert isinstance(note, str) and note.strip()


def test_codes_are_unique_slugs_in_every_file() -> None:
    _assert_unique_slugs(codes=[r["code"] for r in _load(ORGANIZATIONS)["organizations"]], where="organizations")
    _assert_unique_slugs(codes=[r["code"] for r in _load(SITUATIONS)["situations"]], where="situations")
    _assert_unique_slugs(codes=[r["code"] for r in _load(LAWS)["laws"]], where="laws")
    _assert_unique_slugs(codes=[r["code"] for r in _load(LAWS)["events"]], where="events")
    _assert_unique_slugs(codes=[r["code"] for r in _load(LEGAL_CLOCKS)["clocks"]], where="clocks")
    schemes = _load(TAXONOMIES)["schemes"]
    _assert_unique_slugs(codes=[s["code"] for s in schemes], where="schemes")
    for scheme in schemes:
        _assert_unique_slugs(codes=[t["code"] for t in scheme["terms"]], where=f"scheme {scheme['code']}")
    playbooks = _load(PLAYBOOKS)["playbooks"]
    _assert_unique_slugs(codes=[p["code"] for p in playbooks], where="playbooks")
    item_codes = [item["code"] for p in playbooks for phase in p["phases"] for item in phase["items"]]
    _assert_unique_slugs(codes=item_codes, where="playbook items")
    _assert_unique_slugs(codes=[i["code"] for i in _load(PLAYBOOKS)["intake_facts"]["items"]], where="intake_facts")


def test_category_codes_are_the_nine_desk_categories() -> None:
    holders = (
        _load(ORGANIZATIONS)["organizations"]
        + _load(SITUATIONS)["situations"]
        + _load(LAWS)["events"]
        + _load(PLAYBOOKS)["playbooks"]
    )
    for record in holders:
        categories = record["categories"]
        assert categories, record["code"]
        assert set(categories) <= CATEGORIES, (record["code"], set(categories) - CATEGORIES)


def test_situation_references_exist() -> None:
    known = _codes(_load(SITUATIONS)["situations"])
    holders = _load(ORGANIZATIONS)["organizations"] + _load(LAWS)["events"] + _load(PLAYBOOKS)["playbooks"]
    for record in holders:
        missing = set(record["situations"]) - known
        assert not missing, (record["code"], missing)


def test_every_situation_is_reachable_from_some_organization() -> None:
    used = {code for org in _load(ORGANIZATIONS)["organizations"] for code in org["situations"]}
    unused = _codes(_load(SITUATIONS)["situations"]) - used
    assert not unused, f"situations no referral covers: {unused}"


def test_situations_carry_keywords_and_labels() -> None:
    for situation in _load(SITUATIONS)["situations"]:
        assert situation["label"].strip()
        keywords = situation["keywords"]
        assert keywords and all(isinstance(k, str) and len(k) >= 2 for k in keywords), situation["code"]


def test_organization_fields_are_well_formed() -> None:
    for org in _load(ORGANIZATIONS)["organizations"]:
        code = org["code"]
        assert org["name"].strip() and org["short_name"].strip() and org["handles"].strip(), code
        assert org["entry_type"] in ENTRY_TYPES, code
        assert org["audience"] and set(org["audience"]) <= AUDIENCES, code
        assert isinstance(org["public"], bool), code
        assert org["region"], code
        for channel in org["channels"]:
            kind, value = channel["kind"], channel["value"]
            assert kind in CHANNEL_KINDS, code
            if kind == "web":
                assert _is_url(value), (code, value)
            elif kind == "email":
                assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", value), (code, value)
            elif kind == "phone":
                assert PHONE.match(str(value)), (code, value)


def test_unverified_organizations_are_not_public() -> None:
    leaked = [o["code"] for o in _load(ORGANIZATIONS)["organizations"] if o["public"] and not o["verified"]]
    assert not leaked


def test_law_entries_are_well_formed() -> None:
    for law in _load(LAWS)["laws"]:
        code = law["code"]
        assert law["law_name"].strip() and law["law_short_name"].strip() and law["article"].strip(), code
        assert law["covers"].strip(), code
        assert isinstance(law["police_indicated"], bool), code
        assert law["primary_checked"] is False or law["verified"] is True, code
        wording = law["penalty_wording"]
        assert wording in PENALTY_WORDINGS, code
        if wording == "none":
            assert law["penalty"] is None, code
        else:
            assert law["penalty"], code
        if wording == "kokinkei_verified":
            # Only sources that show the post-2025-06-01 text may claim it.
            penalty = str(law["penalty"])
            assert "拘禁刑" in penalty and "懲役" not in penalty, code
            as_of = _as_date(law["as_of"])
            assert as_of is not None and as_of >= dt.date(2025, 6, 1), code


def test_event_links_point_at_existing_laws() -> None:
    laws = {law["code"]: law for law in _load(LAWS)["laws"]}
    for event in _load(LAWS)["events"]:
        assert isinstance(event["police_indicated"], bool), event["code"]
        assert event["law_links"], event["code"]
        for link in event["law_links"]:
            assert link["law"] in laws, (event["code"], link["law"])
            assert link["relevance"] in LINK_RELEVANCES, (event["code"], link["law"])
            if link["relevance"] == "conditional":
                assert link["condition"], (event["code"], link["law"])
            assert isinstance(link["verified"], bool)
            if link["verified"]:
                # A link cannot be more certain than the provision it points at.
                assert laws[link["law"]]["verified"], (event["code"], link["law"])
            else:
                assert link["verification_note"], (event["code"], link["law"])


def test_verified_event_has_a_verified_primary_link() -> None:
    for event in _load(LAWS)["events"]:
        if event["verified"]:
            assert any(link["verified"] and link["relevance"] == "primary" for link in event["law_links"]), event[
                "code"
            ]


def test_taxonomy_terms_have_existing_parents_and_orders() -> None:
    for scheme in _load(TAXONOMIES)["schemes"]:
        assert isinstance(scheme["staff_maintained"], bool)
        terms = scheme["terms"]
        assert terms, scheme["code"]
        codes = _codes(terms)
        for term in terms:
            where = (scheme["code"], term["code"])
            assert term["label"].strip(), where
            assert isinstance(term["order"], int), where
            assert term["parent"] is None or term["parent"] in codes, where
            assert term["parent"] != term["code"], where
            assert isinstance(term["verified"], bool), where
            if not term["verified"]:
                assert term.get("verification_note"), where
            if "page_url" in term:
                assert _is_url(term["page_url"]), where


def test_nist_csf_2_0_has_six_functions_and_22_categories() -> None:
    scheme = next(s for s in _load(TAXONOMIES)["schemes"] if s["code"] == "nist_csf_2_0")
    functions = [t for t in scheme["terms"] if t["parent"] is None]
    categories = [t for t in scheme["terms"] if t["parent"] is not None]
    assert [f["ref"] for f in functions] == ["GV", "ID", "PR", "DE", "RS", "RC"]
    assert len(categories) == 22
    for category in categories:
        parent_ref = next(f["ref"] for f in functions if f["code"] == category["parent"])
        assert category["ref"].startswith(parent_ref + ".")


def test_ipa_threat_lists_have_ten_ranks_each() -> None:
    lists = [s for s in _load(TAXONOMIES)["schemes"] if s["family"] == "ipa_10_threats_org"]
    assert lists
    for scheme in lists:
        assert sorted(t["order"] for t in scheme["terms"]) == list(range(1, 11)), scheme["code"]


def test_playbooks_have_all_six_phases_in_order() -> None:
    for playbook in _load(PLAYBOOKS)["playbooks"]:
        assert [phase["phase"] for phase in playbook["phases"]] == PHASES, playbook["code"]
        for phase in playbook["phases"]:
            assert phase["items"], (playbook["code"], phase["phase"])


def test_playbook_families_cover_outage_attack_and_leak() -> None:
    families = {p["family"] for p in _load(PLAYBOOKS)["playbooks"]}
    assert families == {"outage", "attack", "leak"}


def test_playbook_items_are_well_formed_and_reference_existing_codes() -> None:
    clocks = _codes(_load(LEGAL_CLOCKS)["clocks"])
    organizations = _codes(_load(ORGANIZATIONS)["organizations"])
    for playbook in _load(PLAYBOOKS)["playbooks"]:
        assert playbook["version"] == 1
        items = [item for phase in playbook["phases"] for item in phase["items"]]
        assert 12 <= len(items) <= 25, (playbook["code"], len(items))
        for extra in playbook["sources"]:
            assert _is_url(extra["url"]), extra
            assert (_as_date(extra["as_of"]) or AS_OF_LIMIT + dt.timedelta(days=1)) <= AS_OF_LIMIT, extra
        for item in items:
            where = (playbook["code"], item["code"])
            assert item["text"].strip() and item["record"].strip(), where
            assert item["who"] in WHO, where
            clock = item.get("legal_clock")
            assert clock is None or clock in clocks, where
            missing = set(item.get("organizations") or []) - organizations
            assert not missing, (where, missing)


def test_legal_clocks_are_consistent() -> None:
    laws = _codes(_load(LAWS)["laws"])
    for clock in _load(LEGAL_CLOCKS)["clocks"]:
        code = clock["code"]
        assert clock["name"].strip() and clock["authority"].strip(), code
        assert clock["law"] is None or clock["law"] in laws, code
        assert clock["starts_from"] in CLOCK_STARTS, code
        # Statutory clocks run through weekends and holidays.
        assert clock["calendar"] == "calendar days", code
        assert clock["applies_when"] and set(clock["applies_when"]) <= CLOCK_FLAGS, code
        assert all(isinstance(v, bool) for v in clock["applies_when"].values()), code
        kind = clock["kind"]
        assert kind in CLOCK_KINDS, code
        if kind == "promptly":
            assert clock["duration"] is None and clock["soft_duration"] is None, code
        else:
            duration = _duration(clock["duration"])
            assert duration > dt.timedelta(0), code
            if clock["soft_duration"] is not None:
                assert kind == "guideline", code
                assert _duration(clock["soft_duration"]) < duration, code


def test_ppc_clocks_encode_the_sourced_deadlines() -> None:
    clocks = {clock["code"]: clock for clock in _load(LEGAL_CLOCKS)["clocks"]}
    assert (clocks["appi_preliminary_report"]["soft_duration"], clocks["appi_preliminary_report"]["duration"]) == (
        "P3D",
        "P5D",
    )
    assert clocks["appi_final_report"]["duration"] == "P30D"
    assert clocks["appi_final_report_unlawful"]["duration"] == "P60D"
    assert clocks["gdpr_art33_authority"]["duration"] == "PT72H"
    # The 30- and 60-day rules must never both apply to one case.
    assert clocks["appi_final_report"]["applies_when"]["unlawful_purpose"] is False
    assert clocks["appi_final_report_unlawful"]["applies_when"]["unlawful_purpose"] is True
