"""Loads legal_clocks.yaml and playbooks.yaml: create or update by code, idempotent, staff edits kept unless forced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils.dateparse import parse_duration

from madoguchi.core import yamlfiles
from madoguchi.core.reference_data import apply_changes
from madoguchi.playbooks.models import LegalClockRule, PlaybookTemplate, TemplateItem

DATA_DIR = Path(__file__).resolve().parent / "data"
CLOCKS_FILE = DATA_DIR / "legal_clocks.yaml"
PLAYBOOKS_FILE = DATA_DIR / "playbooks.yaml"


def read_yaml(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yamlfiles.read_yaml(path)
    return data


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def duration(value: str | None) -> dt.timedelta | None:
    if not value:
        return None
    parsed = parse_duration(value)
    if parsed is None:
        raise ValueError(f"not an ISO 8601 duration: {value!r}")
    return parsed


def clock_fields(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": raw["name"],
        "authority": raw.get("authority") or "",
        "description": raw.get("description") or "",
        "law": raw.get("law") or "",
        "starts_from": raw["starts_from"],
        "duration": duration(raw.get("duration")),
        "soft_duration": duration(raw.get("soft_duration")),
        "counts_in": "hours" if "T" in str(raw.get("duration") or "") else "days",
        "kind": raw["kind"],
        "calendar": raw.get("calendar") or "calendar days",
        "applies_when": dict(raw.get("applies_when") or {}),
        "source_url": raw["source_url"],
        "as_of": _date(raw["as_of"]),
        "as_of_basis": raw.get("as_of_basis") or "",
        "source_note": raw.get("source_note") or "",
        "verified": bool(raw.get("verified")),
        "verification_note": raw.get("verification_note") or "",
        "notes": raw.get("notes") or "",
        "checked_on": _date(raw["checked_on"]) if raw.get("checked_on") else None,
    }


def template_fields(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "family": raw["family"],
        "version": int(raw["version"]),
        "title": raw["title"],
        "situations": list(raw.get("situations") or []),
        "categories": list(raw.get("categories") or []),
        "source_url": raw["source_url"],
        "as_of": _date(raw["as_of"]),
        "as_of_basis": raw.get("as_of_basis") or "",
        "source_note": raw.get("source_note") or "",
        "sources": [{**s, "as_of": str(s.get("as_of") or "")} for s in raw.get("sources") or []],
        "verified": bool(raw.get("verified")),
        "verification_note": raw.get("verification_note") or "",
    }


def item_rows(raw: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    position = 0
    for phase in raw["phases"]:
        for item in phase["items"]:
            position += 1
            rows.append(
                {
                    "code": item["code"],
                    "phase": phase["phase"],
                    "phase_label": phase["label"],
                    "position": position,
                    "text": item["text"],
                    "who": item["who"],
                    "record": item.get("record") or "",
                    "legal_clock": item.get("legal_clock") or "",
                    "organizations": list(item.get("organizations") or []),
                }
            )
    return rows


@transaction.atomic
def load(
    *,
    force: bool = False,
    stdout: IO[str] | None = None,
    clocks_path: Path = CLOCKS_FILE,
    playbooks_path: Path = PLAYBOOKS_FILE,
) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept_staff_edits": 0}
    for raw in read_yaml(clocks_path)["clocks"]:
        rule = LegalClockRule.objects.filter(code=raw["code"]).first()
        if rule is None:
            LegalClockRule.objects.create(code=raw["code"], **clock_fields(raw))
            counts["created"] += 1
        elif rule.edited_by_staff and not force:
            counts["kept_staff_edits"] += 1
        else:
            fields = clock_fields(raw)
            if force:
                fields["edited_by_staff"] = False
            counts["updated" if apply_changes(rule, fields) else "unchanged"] += 1

    for raw in read_yaml(playbooks_path)["playbooks"]:
        # Runs hold copies of their items, so refreshing a template row never changes a running checklist.
        template = PlaybookTemplate.objects.filter(code=raw["code"]).first()
        if template is None:
            template = PlaybookTemplate.objects.create(code=raw["code"], **template_fields(raw))
            counts["created"] += 1
        else:
            counts["updated" if apply_changes(template, template_fields(raw)) else "unchanged"] += 1
        existing = {i.code: i for i in template.items.all()}
        wanted = item_rows(raw)
        for row in wanted:
            item = existing.get(row["code"])
            if item is None:
                TemplateItem.objects.create(template=template, **row)
                counts["created"] += 1
            else:
                counts["updated" if apply_changes(item, row) else "unchanged"] += 1
        stale = set(existing) - {row["code"] for row in wanted}
        if stale:
            template.items.filter(code__in=stale).delete()
            counts["updated"] += len(stale)
    if stdout is not None:
        stdout.write(
            "playbooks: {created} created, {updated} updated, {unchanged} unchanged, "
            "{kept_staff_edits} kept (staff edits)\n".format(**counts)
        )
    return counts
