"""Data check for referral_rules.yaml and situation_laws.yaml: every code they name exists in the directory,
the law map and the situation vocabulary, or is one the reference-data round is adding (then skipped with a
warning until it arrives)."""

from __future__ import annotations

import logging

import yaml

from madoguchi.referrals import situation_rules

# Codes the refdata round adds to organizations.yaml / laws.yaml (issue 13). Once they are merged this set
# may be emptied; the test passes either way.
# Every code the rule files name exists in the shipped reference data (the refdata codes landed).
PENDING_CODES: set[str] = set()


def _load(name: str):
    with (situation_rules.DATA_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_every_code_in_the_rule_files_is_known_or_pending():
    table = situation_rules.rules()
    referral = _load("referral_rules.yaml")
    mapping = _load("situation_laws.yaml")
    orgs = set()
    for section in ("flags", "audience", "situations"):
        for rows in referral[section].values():
            orgs |= {row["org"] for row in rows}
    for codes in referral["categories"].values():
        orgs |= set(codes)
    laws = {row["law"] for rows in mapping["situations"].values() for row in rows}
    assert orgs - set(table.organization_names) <= PENDING_CODES
    assert laws - set(table.law_names) <= PENDING_CODES
    situations = set(referral["situations"]) | set(mapping["situations"])
    assert situations <= set(table.situation_names)


def test_every_rule_has_a_japanese_reason_or_condition():
    referral = _load("referral_rules.yaml")
    for section in ("flags", "audience", "situations"):
        for name, rows in referral[section].items():
            for row in rows:
                assert str(row["reason"]).strip(), (section, name, row)
    for name, rows in _load("situation_laws.yaml")["situations"].items():
        for row in rows:
            assert str(row["condition"]).strip(), (name, row)


def test_an_unknown_code_is_skipped_with_a_warning(tmp_path, monkeypatch, caplog):
    for name in ("organizations.yaml", "laws.yaml", "situations.yaml", "situation_laws.yaml"):
        (tmp_path / name).write_text((situation_rules.DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "referral_rules.yaml").write_text(
        "situations:\n  spam:\n    - {org: no_such_desk, rank: 1, reason: x}\n"
        "    - {org: dekyo_spam_center, rank: 2, reason: y}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(situation_rules, "DATA_DIR", tmp_path)
    situation_rules.rules.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="madoguchi.referrals.situation_rules"):
            picks = situation_rules.select_referrals(
                situations=["spam"], police=False, urgent=False, individual=False, category=None
            )
        assert [pick.code for pick in picks] == ["dekyo_spam_center"]
        assert "no_such_desk" in caplog.text
    finally:
        situation_rules.rules.cache_clear()
