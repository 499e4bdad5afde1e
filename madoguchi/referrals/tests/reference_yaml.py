"""The shipped reference YAML files as plain data, for the data checks that need no database."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

APP_ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "organizations": APP_ROOT / "referrals" / "data" / "organizations.yaml",
    "situations": APP_ROOT / "referrals" / "data" / "situations.yaml",
    "laws": APP_ROOT / "referrals" / "data" / "laws.yaml",
    "legal_clocks": APP_ROOT / "playbooks" / "data" / "legal_clocks.yaml",
}


@cache
def load(name: str) -> dict[str, Any]:
    with FILES[name].open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def organizations() -> dict[str, dict[str, Any]]:
    return {o["code"]: o for o in load("organizations")["organizations"]}


def laws() -> dict[str, dict[str, Any]]:
    return {law["code"]: law for law in load("laws")["laws"]}


def events() -> dict[str, dict[str, Any]]:
    return {e["code"]: e for e in load("laws")["events"]}


def clocks() -> dict[str, dict[str, Any]]:
    return {c["code"]: c for c in load("legal_clocks")["clocks"]}


def sourced_records() -> list[tuple[str, dict[str, Any]]]:
    """Every record carrying its own source fields, labelled file:code."""
    out = [(f"organizations:{code}", r) for code, r in organizations().items()]
    out += [(f"situations:{r['code']}", r) for r in load("situations")["situations"]]
    out += [(f"laws:{code}", r) for code, r in laws().items()]
    out += [(f"events:{code}", r) for code, r in events().items()]
    out += [(f"clocks:{code}", r) for code, r in clocks().items()]
    return out


def link(event: dict[str, Any], law: str) -> dict[str, Any]:
    for candidate in event["law_links"]:
        if candidate["law"] == law:
            found: dict[str, Any] = candidate
            return found
    raise AssertionError(f"event {event['code']} has no link to {law}")
