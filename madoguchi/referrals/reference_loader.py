"""Loads situations, the referral directory and the law map from the shipped YAML files.

Create or update by code. A record staff edited after the last load is kept unless force is set, so a
release never silently undoes a correction made at the desk. Records missing from the files are left alone.
Called by `manage.py load_reference_data` (see docs/how-to/add-reference-data.md).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

from django.db import models
from django.utils import timezone

from madoguchi.core.yamlfiles import read_yaml
from madoguchi.referrals import hooks
from madoguchi.referrals.models import (
    EventLawLink,
    EventType,
    LawEntry,
    ReferralOrganization,
    Situation,
    SourcedRecord,
)
from madoguchi.referrals.services import organization_search_key

DATA_DIR = Path(__file__).resolve().parent / "data"

Record = TypeVar("Record", bound=SourcedRecord)


class ReferenceDataError(Exception):
    """The files contradict themselves (unknown code, wrong schema): nothing is loaded."""


def read_file(name: str) -> dict[str, Any]:
    data = read_yaml(DATA_DIR / name)
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise ReferenceDataError(f"{name}: expected a mapping with schema_version 1")
    return data


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _optional_date(value: object) -> dt.date | None:
    return None if value in (None, "") else _date(value)


def _source_fields(raw: dict[str, Any], order: int) -> dict[str, Any]:
    return {
        "order": order,
        "source_url": raw["source_url"],
        "source_note": _text(raw.get("source_note")),
        "see_also": list(raw.get("see_also") or []),
        "as_of": _date(raw["as_of"]),
        "as_of_basis": raw["as_of_basis"],
        "verified": bool(raw["verified"]),
        "verification_note": _text(raw.get("verification_note")),
        "notes": _text(raw.get("notes")),
        "checked_on": _optional_date(raw.get("checked_on")),
    }


class _Upserter:
    def __init__(self, *, force: bool, now: dt.datetime, stdout: TextIO | None) -> None:
        self.force = force
        self.now = now
        self.stdout = stdout
        self.counts: dict[str, Counter[str]] = {}
        self._stored: dict[type[models.Model], dict[str, models.Model]] = {}

    def stored(self, model: type[Record]) -> dict[str, Record]:
        """The records stored before this load, by code (one query per model instead of one per record)."""
        if model not in self._stored:
            self._stored[model] = {o.code: o for o in model._default_manager.all()}
        return self._stored[model]  # type: ignore[return-value]

    def upsert(
        self,
        model: type[Record],
        *,
        code: str,
        values: dict[str, Any],
        m2m: Mapping[str, Sequence[models.Model]] | None = None,
        extra_equal: bool = True,
    ) -> tuple[Record, bool]:
        """Returns the record and whether the file's values were written to it."""
        tally = self.counts.setdefault(
            model._meta.model_name or model.__name__,
            Counter({"created": 0, "updated": 0, "unchanged": 0, "kept_staff_edit": 0}),
        )
        m2m = m2m or {}
        # Records created by this load are not added: a code twice in a file fails on the unique constraint.
        obj = self.stored(model).get(code)
        if obj is None:
            obj = model(code=code, loaded_at=self.now, **values)
            obj.save()
            for name, related in m2m.items():
                getattr(obj, name).set(related)
            tally["created"] += 1
            return obj, True
        if obj.edited_after_load and not self.force:
            tally["kept_staff_edit"] += 1
            if self.stdout is not None:
                self.stdout.write(f"  kept staff edit: {model.__name__} {code}\n")
            return obj, False
        same = extra_equal and all(getattr(obj, field) == value for field, value in values.items())
        for name, related in m2m.items():
            current = set(getattr(obj, name).values_list("pk", flat=True))
            same = same and current == {r.pk for r in related}
        if same:
            tally["unchanged"] += 1
            return obj, False
        for field, value in values.items():
            setattr(obj, field, value)
        obj.loaded_at = self.now
        if isinstance(obj, ReferralOrganization):
            # An edit form opened before this load must not silently put the old values back.
            obj.version += 1
        obj.save()
        for name, related in m2m.items():
            getattr(obj, name).set(related)
        tally["updated"] += 1
        return obj, True


def _by_code(found: Mapping[str, Record], codes: list[str], *, where: str, model: type[Record]) -> list[Record]:
    missing = [c for c in codes if c not in found]
    if missing:
        raise ReferenceDataError(f"{where}: unknown {model.__name__} codes {missing}")
    return [found[c] for c in codes]


def _link_rows(raw_event: dict[str, Any]) -> list[tuple[str, int, str, str, bool, str]]:
    return [
        (
            link["law"],
            index,
            link["relevance"],
            _text(link.get("condition")),
            bool(link["verified"]),
            _text(link.get("verification_note")),
        )
        for index, link in enumerate(raw_event["law_links"])
    ]


def _current_link_rows(event: EventType) -> list[tuple[str, int, str, str, bool, str]]:
    return [
        (link.law.code, link.order, link.relevance, link.condition, link.verified, link.verification_note)
        for link in event.law_links.select_related("law").order_by("order")
    ]


def load(*, force: bool, stdout: TextIO | None = None) -> dict[str, Any]:
    now = timezone.now()
    up = _Upserter(force=force, now=now, stdout=stdout)

    for index, raw in enumerate(read_file("situations.yaml")["situations"]):
        up.upsert(
            Situation,
            code=raw["code"],
            values={
                "label": raw["label"],
                "description": _text(raw.get("description")),
                "keywords": list(raw["keywords"]),
                "categories": list(raw["categories"]),
                **_source_fields(raw, index),
            },
        )

    all_situations = {s.code: s for s in Situation.objects.all()}
    for index, raw in enumerate(read_file("organizations.yaml")["organizations"]):
        situations = _by_code(
            all_situations, list(raw["situations"]), where=f"organization {raw['code']}", model=Situation
        )
        values = {
            "name": raw["name"],
            "short_name": raw["short_name"],
            "entry_type": raw["entry_type"],
            "handles": raw["handles"],
            "audience": list(raw["audience"]),
            "channels": [
                {
                    "kind": c["kind"],
                    "value": str(c["value"]),
                    "hours": _text(c.get("hours")),
                    "note": _text(c.get("note")),
                }
                for c in raw["channels"]
            ],
            "region": raw["region"],
            "categories": list(raw["categories"]),
            "public": bool(raw["public"]),
            **_source_fields(raw, index),
        }
        probe = ReferralOrganization(code=raw["code"], **values)
        values["search_key"] = organization_search_key(organization=probe, situations=situations)
        up.upsert(ReferralOrganization, code=raw["code"], values=values, m2m={"situations": situations})

    law_data = read_file("laws.yaml")
    for index, raw in enumerate(law_data["laws"]):
        up.upsert(
            LawEntry,
            code=raw["code"],
            values={
                "law_name": raw["law_name"],
                "law_short_name": raw["law_short_name"],
                "article": raw["article"],
                "covers": raw["covers"],
                "penalty": _text(raw.get("penalty")),
                "penalty_article": _text(raw.get("penalty_article")),
                "penalty_wording": raw["penalty_wording"],
                "penalty_before_2025_06_01": _text(raw.get("penalty_before_2025_06_01")),
                "police_indicated": bool(raw["police_indicated"]),
                "primary_checked": bool(raw.get("primary_checked", False)),
                "primary_url": _text(raw.get("primary_url")),
                **_source_fields(raw, index),
            },
        )

    all_laws = {law.code: law for law in LawEntry.objects.all()}
    for index, raw in enumerate(law_data["events"]):
        where = f"event {raw['code']}"
        situations = _by_code(all_situations, list(raw["situations"]), where=where, model=Situation)
        rows = _link_rows(raw)
        laws = {law.code: law for law in _by_code(all_laws, [r[0] for r in rows], where=where, model=LawEntry)}
        existing = up.stored(EventType).get(raw["code"])
        event, written = up.upsert(
            EventType,
            code=raw["code"],
            values={
                "label": raw["label"],
                "description": _text(raw.get("description")),
                "keywords": list(raw["keywords"]),
                "categories": list(raw["categories"]),
                "police_indicated": bool(raw["police_indicated"]),
                **_source_fields(raw, index),
            },
            m2m={"situations": situations},
            # The links are part of the event: a changed link alone makes the event "updated".
            extra_equal=existing is None or _current_link_rows(existing) == rows,
        )
        if written:
            event.law_links.all().delete()
            EventLawLink.objects.bulk_create(
                EventLawLink(
                    event=event,
                    law=laws[law_code],
                    order=order,
                    relevance=relevance,
                    condition=condition,
                    verified=verified,
                    verification_note=note,
                )
                for law_code, order, relevance, condition, verified, note in rows
            )

    # The search index (knowledge) refreshes the directory and the law map from what is now stored.
    hooks.reference_loaded()
    return {name: dict(counter) for name, counter in up.counts.items()}
