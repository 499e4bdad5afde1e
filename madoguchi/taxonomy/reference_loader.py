"""Loads taxonomies.yaml into Scheme and Term: create or update by code, keep staff edits unless forced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO, Any

from django.db import transaction

from madoguchi.core import yamlfiles
from madoguchi.core.reference_data import apply_changes
from madoguchi.taxonomy.models import Scheme, Term

DATA_FILE = Path(__file__).resolve().parent / "data" / "taxonomies.yaml"

_TERM_EXTRA_SKIP = {"code", "ref", "label", "order", "parent", "verified", "page_url", "notes", "verification_note"}


def read_data(*, path: Path = DATA_FILE) -> dict[str, Any]:
    data: dict[str, Any] = yamlfiles.read_yaml(path)
    return data


def _scheme_fields(raw: dict[str, Any]) -> dict[str, Any]:
    as_of = raw["as_of"]
    if not isinstance(as_of, dt.date):
        as_of = dt.date.fromisoformat(str(as_of))
    return {
        "family": raw.get("family") or "",
        "edition": str(raw.get("edition") or ""),
        "name": raw["name"],
        "source_url": raw["source_url"],
        "as_of": as_of,
        "as_of_basis": raw.get("as_of_basis") or "",
        "source_note": raw.get("source_note") or "",
        "verified": bool(raw.get("verified")),
        "verification_note": raw.get("verification_note") or "",
        "staff_maintained": bool(raw.get("staff_maintained")),
        "notes": raw.get("notes") or "",
    }


def _term_fields(raw: dict[str, Any]) -> dict[str, Any]:
    notes = raw.get("notes") or ""
    if raw.get("verification_note"):
        notes = f"{notes}\n{raw['verification_note']}".strip()
    return {
        "ref": str(raw.get("ref") or ""),
        "label": raw["label"],
        "order": int(raw.get("order") or 0),
        "verified": bool(raw.get("verified")),
        "page_url": raw.get("page_url") or "",
        "notes": notes,
        "extra": {k: v for k, v in raw.items() if k not in _TERM_EXTRA_SKIP},
    }


@transaction.atomic
def load(*, force: bool = False, stdout: IO[str] | None = None, path: Path = DATA_FILE) -> dict[str, int]:
    data = read_data(path=path)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept_staff_edits": 0}

    def count(key: str) -> None:
        counts[key] += 1

    for raw_scheme in data["schemes"]:
        scheme, created = Scheme.objects.get_or_create(code=raw_scheme["code"], defaults=_scheme_fields(raw_scheme))
        if created:
            count("created")
        else:
            count("updated" if apply_changes(scheme, _scheme_fields(raw_scheme)) else "unchanged")
        by_code: dict[str, Term] = {t.code: t for t in scheme.terms.all()}
        # Two passes: terms first, then parents, because a parent may come later in the file.
        for raw in raw_scheme.get("terms") or []:
            term = by_code.get(raw["code"])
            if term is None:
                by_code[raw["code"]] = Term.objects.create(scheme=scheme, code=raw["code"], **_term_fields(raw))
                count("created")
            elif term.edited_by_staff and not force:
                count("kept_staff_edits")
            else:
                fields = _term_fields(raw)
                if force:
                    fields["edited_by_staff"] = False
                count("updated" if apply_changes(term, fields) else "unchanged")
        for raw in raw_scheme.get("terms") or []:
            term = by_code[raw["code"]]
            if term.edited_by_staff and not force:
                continue
            parent = by_code[raw["parent"]] if raw.get("parent") else None
            if term.parent_id != (parent.pk if parent else None):
                term.parent = parent
                term.save(update_fields=["parent", "updated_at"])
    if stdout is not None:
        stdout.write(
            "taxonomy: {created} created, {updated} updated, {unchanged} unchanged, "
            "{kept_staff_edits} kept (staff edits)\n".format(**counts)
        )
    return counts
