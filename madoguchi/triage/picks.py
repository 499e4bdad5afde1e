"""Answer ② organisations and likely laws for a triage suggestion: one selection for the command, the
desk and the evaluation (referrals.situation_rules over the situations and flags)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from madoguchi.referrals.situation_rules import select_laws, select_referrals

if TYPE_CHECKING:
    from madoguchi.triage.engine.model import Suggestion


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
    picked = select_laws(situations=situations, possible_crime=police or category == "crime", candidates=candidates)
    laws = [{"code": pick.code, "name": pick.name, "condition": pick.why} for pick in picked]
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
