"""Answer ② and the law list from what happened: referral_rules.yaml and situation_laws.yaml, read once.

Pure Python over the shipped YAML (no database), so the triage command, the case panels and the
answer ② insertion all call the same selection and a suggestion stays fast. Names come from
organizations.yaml, laws.yaml and situations.yaml; a rule naming a code those files do not hold is
skipped with a warning (the reference data may be a round behind the rules).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from madoguchi.core.yamlfiles import read_yaml

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

# Reasons the selection adds itself (Japanese, like the reasons in the rule files).
FALLBACK_REASON = "状況から特定できなかったため、相談区分「{label}」の一般的な紹介先"
# When the rules named some organisations but fewer than `fallback_below`, the category's list fills the
# remaining places after them (a situation the model missed often still needs the category's usual desks).
CATEGORY_FILL_REASON = "相談区分「{label}」でよく案内する紹介先（状況から選んだ紹介先の補足）"
CATEGORY_LABELS = {
    "urgent_breach": "緊急（被害・漏えい）",
    "crime": "犯罪被害",
    "legal": "法律",
    "urgent_outage": "緊急（障害）",
    "prevention": "予防・対策",
    "general": "一般",
    "life_safety": "生活安全",
    "out_of_scope": "対象外",
    "guidebook_request": "ガイドブック",
}


@dataclass(frozen=True)
class Pick:
    """One organisation or law chosen for a consultation, with the text staff read (reason or condition)."""

    code: str
    name: str
    why: str


@dataclass(frozen=True)
class _Entry:
    code: str
    rank: int
    why: str
    order: int


@dataclass(frozen=True)
class Rules:
    organization_names: dict[str, str]
    law_names: dict[str, str]
    situation_names: dict[str, str]
    flags: dict[str, list[_Entry]]
    audience: dict[str, list[_Entry]]
    situations: dict[str, list[_Entry]]
    categories: dict[str, list[str]]
    laws: dict[str, list[_Entry]]
    max_organizations: int
    max_laws: int
    fallback_below: int


def _read(name: str) -> dict[str, Any]:
    data = read_yaml(DATA_DIR / name)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping")
    return data


def _law_name(row: dict[str, Any]) -> str:
    short = row.get("law_short_name") or row.get("law_name") or row["code"]
    return f"{short} {row.get('article') or ''}".strip()


def _entries(
    *, source: str, rows: list[dict[str, Any]], key: str, text: str, known: dict[str, str], counter: list[int]
) -> list[_Entry]:
    entries = []
    for row in rows:
        code = str(row[key])
        if code not in known:
            logger.warning("%s: unknown code %s skipped", source, code)
            continue
        counter[0] += 1
        entries.append(_Entry(code=code, rank=int(row.get("rank", 50)), why=str(row[text]), order=counter[0]))
    return entries


@functools.cache
def rules() -> Rules:
    organizations = _read("organizations.yaml")["organizations"]
    laws = _read("laws.yaml")["laws"]
    situations = _read("situations.yaml")["situations"]
    organization_names = {str(row["code"]): str(row.get("short_name") or row["name"]) for row in organizations}
    law_names = {str(row["code"]): _law_name(row) for row in laws}
    situation_names = {str(row["code"]): str(row["label"]) for row in situations}
    referral = _read("referral_rules.yaml")
    mapping = _read("situation_laws.yaml")
    counter = [0]

    def orgs(source: str, table: dict[str, Any] | None) -> dict[str, list[_Entry]]:
        return {
            str(name): _entries(
                source=f"referral_rules.yaml {source}.{name}",
                rows=rows or [],
                key="org",
                text="reason",
                known=organization_names,
                counter=counter,
            )
            for name, rows in (table or {}).items()
        }

    categories = {}
    for category, codes in (referral.get("categories") or {}).items():
        kept = [str(code) for code in codes if str(code) in organization_names]
        for code in codes:
            if str(code) not in organization_names:
                logger.warning("referral_rules.yaml categories.%s: unknown code %s skipped", category, code)
        categories[str(category)] = kept
    for code in (referral.get("situations") or {}).keys() | (mapping.get("situations") or {}).keys():
        if code not in situation_names:
            logger.warning("situation rules: unknown situation %s", code)
    return Rules(
        organization_names=organization_names,
        law_names=law_names,
        situation_names=situation_names,
        flags=orgs("flags", referral.get("flags")),
        audience=orgs("audience", referral.get("audience")),
        situations=orgs("situations", referral.get("situations")),
        categories=categories,
        laws={
            str(name): _entries(
                source=f"situation_laws.yaml situations.{name}",
                rows=rows or [],
                key="law",
                text="condition",
                known=law_names,
                counter=counter,
            )
            for name, rows in (mapping.get("situations") or {}).items()
        },
        max_organizations=int(referral.get("max_organizations", 6)),
        max_laws=int(mapping.get("max_laws", 6)),
        fallback_below=int(referral.get("fallback_below", 2)),
    )


def situation_name(code: str) -> str:
    return rules().situation_names.get(code, code)


def select_referrals(
    *, situations: list[str], police: bool, urgent: bool, individual: bool, category: str | None
) -> list[Pick]:
    """Organisations for answer ②, best first, each with its reason.

    Flags and situations decide (a lower rank comes first; for the same organisation the best rank
    and the first reason win); the category's list only fills the places they leave, after them, when they
    name fewer than `fallback_below`.
    """
    table = rules()
    candidates: list[_Entry] = []
    if police:
        candidates += table.flags.get("police", [])
    if urgent:
        candidates += table.flags.get("urgent", [])
    if individual:
        candidates += table.audience.get("individual", [])
    for code in situations:
        candidates += table.situations.get(code, [])
    best: dict[str, _Entry] = {}
    for entry in sorted(candidates, key=lambda e: (e.rank, e.order)):
        best.setdefault(entry.code, entry)
    chosen = [Pick(code=e.code, name=table.organization_names[e.code], why=e.why) for e in best.values()]
    if len(chosen) < table.fallback_below and category:
        template = CATEGORY_FILL_REASON if chosen else FALLBACK_REASON
        reason = template.format(label=CATEGORY_LABELS.get(category, category))
        for code in table.categories.get(category, []):
            if code not in best:
                chosen.append(Pick(code=code, name=table.organization_names[code], why=reason))
    return chosen[: table.max_organizations]


# Situations whose law entries are duties or civil claims, not offences.
NON_CRIME_SITUATIONS = frozenset(
    {"personal_data_leaked", "misdelivery", "device_lost", "my_number_leak", "legal_question", "spam"}
)


def _law_bearing(code: str) -> bool:
    return bool(rules().laws.get(code)) and code not in NON_CRIME_SITUATIONS


def select_laws(
    *, situations: list[str], possible_crime: bool = False, candidates: list[tuple[str, float]] | None = None
) -> list[Pick]:
    """Likely offences and duties for the situations (most confident situation first), each with its condition.

    A possible crime (police flag or crime category) whose situations carry no offence falls back on the
    best-scoring crime situation among `candidates` (scores below their threshold), so staff still see the
    likely offences.
    """
    table = rules()
    if possible_crime and not any(_law_bearing(code) for code in situations):
        fallback = [code for code, _score in candidates or [] if _law_bearing(code)]
        situations = [*situations, *fallback[:1]]
    chosen: dict[str, Pick] = {}
    # Round-robin over the situations so the second situation's best offence is not pushed out by the
    # first situation's fifth.
    lists = [table.laws.get(code, []) for code in situations]
    depth = max((len(entries) for entries in lists), default=0)
    for level in range(depth):
        for entries in lists:
            if level < len(entries):
                entry = entries[level]
                if entry.code not in chosen:
                    chosen[entry.code] = Pick(code=entry.code, name=table.law_names[entry.code], why=entry.why)
    return list(chosen.values())[: table.max_laws]
