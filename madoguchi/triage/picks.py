"""Answer ② organisations and likely laws for a triage suggestion: one selection for the command, the
desk and the evaluation (referrals.situation_rules over the situations and flags)."""

from __future__ import annotations

from typing import Any

from madoguchi.referrals.situation_rules import rules, select_laws, select_referrals
from madoguchi.triage.engine.model import Suggestion


def law_situations(*, situations: list[str], candidates: list[tuple[str, float]], possible_crime: bool) -> list[str]:
    """The situations the law list is read from.

    A possible crime (police flag or crime category) whose detected situations carry no offence falls back
    on the best-scoring crime situation below its threshold, so staff still see the likely offences.
    """
    if not possible_crime or any(law_bearing(code) for code in situations):
        return situations
    fallback = [code for code, _score in candidates if law_bearing(code) and code not in NON_CRIME_SITUATIONS]
    return [*situations, *fallback[:1]]


# Situations whose law entries are duties or civil claims, not offences.
NON_CRIME_SITUATIONS = frozenset(
    {"personal_data_leaked", "misdelivery", "device_lost", "my_number_leak", "legal_question", "spam"}
)


def law_bearing(code: str) -> bool:
    return bool(rules().laws.get(code)) and code not in NON_CRIME_SITUATIONS


def reference_picks(
    *,
    situations: list[str],
    police: bool,
    urgent: bool,
    personal: bool,
    category: str,
    candidates: list[tuple[str, float]] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """({code, name, reason} organisations, {code, name, condition} laws), best first."""
    referrals = [
        {"code": pick.code, "name": pick.name, "reason": pick.why}
        for pick in select_referrals(
            situations=situations, police=police, urgent=urgent, individual=personal, category=category
        )
    ]
    for_laws = law_situations(
        situations=situations, candidates=candidates or [], possible_crime=police or category == "crime"
    )
    laws = [{"code": pick.code, "name": pick.name, "condition": pick.why} for pick in select_laws(situations=for_laws)]
    return referrals, laws


def situation_codes(suggestion: Suggestion) -> list[str]:
    return [code for code, _confidence, _why in suggestion.situations]


def pick_codes(suggestion: Suggestion) -> tuple[list[str], list[str]]:
    """Organisation and law codes only (what the evaluation scores)."""
    referrals, laws = reference_picks(
        situations=situation_codes(suggestion),
        police=suggestion.police,
        urgent=suggestion.urgent,
        personal=suggestion.personal,
        category=suggestion.category,
        candidates=suggestion.situation_candidates,
    )
    return [row["code"] for row in referrals], [row["code"] for row in laws]
