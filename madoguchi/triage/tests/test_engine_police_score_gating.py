"""The police score alone flags only categories some author has labelled police (round 8, ADR 0034)."""

import numpy as np

from madoguchi.triage.engine.model import CATEGORIES, combine, police_score_counts


def _police(category: str, score: float) -> bool:
    proba = np.full(len(CATEGORIES), 0.02)
    proba[CATEGORIES.index(category)] = 1 - 0.02 * (len(CATEGORIES) - 1)
    decision = combine(
        category_proba=proba,
        urgent_score=0.0,
        police_score=score,
        leak_score=0.0,
        hits=[],
        urgent_threshold=0.4,
        police_threshold=0.36,
    )
    return decision.police


def test_a_high_police_score_does_not_flag_an_outage_or_a_question() -> None:
    for category in ("urgent_outage", "prevention", "general", "out_of_scope", "guidebook_request"):
        assert not police_score_counts(category=category)
        assert _police(category, 0.9) is False, category


def test_a_police_score_still_flags_the_incident_categories() -> None:
    for category in ("urgent_breach", "legal", "life_safety"):
        assert _police(category, 0.37) is True, category
        assert _police(category, 0.35) is False, category
