"""Flags calibrated for precision as well as recall: the operating point never goes below the score floor, takes
the best recall at the precision target, and precise cues count only in the categories where they held."""

from __future__ import annotations

import numpy as np

from madoguchi.triage.engine.model import (
    CATEGORIES,
    POLICE_SCORE_FLOOR,
    _choose_threshold,
    combine,
)
from madoguchi.triage.engine.rules import find_hits
from madoguchi.triage.engine.text import prepare


def _proba(category: str) -> np.ndarray:
    proba = np.full(len(CATEGORIES), 0.02)
    proba[CATEGORIES.index(category)] = 1 - 0.02 * (len(CATEGORIES) - 1)
    return proba


def test_threshold_never_goes_below_the_floor_even_when_recall_would_gain():
    # Positives sit at 0.2: only a threshold under the floor would catch them.
    scores = np.array([0.2, 0.2, 0.9, 0.1, 0.1])
    gold = np.array([True, True, True, False, False])
    forced = np.zeros(5, dtype=bool)
    threshold = _choose_threshold(
        scores=scores, forced=forced, gold=gold, floor=POLICE_SCORE_FLOOR, precision_target=0.8
    )
    assert threshold >= POLICE_SCORE_FLOOR


def test_threshold_takes_the_best_recall_that_keeps_the_precision_target():
    scores = np.array([0.45, 0.55, 0.65, 0.5, 0.9])
    gold = np.array([True, True, True, False, True])
    forced = np.zeros(5, dtype=bool)
    # 0.5 flags a false positive at 0.5 (precision 0.8, recall 0.75); 0.4 adds recall 1.0 at precision 0.8.
    threshold = _choose_threshold(scores=scores, forced=forced, gold=gold, floor=0.3, precision_target=0.8)
    assert threshold <= 0.44
    strict = _choose_threshold(scores=scores, forced=forced, gold=gold, floor=0.3, precision_target=0.95)
    assert strict > 0.5


def test_a_weak_police_score_alone_leaves_an_outage_unflagged():
    text = "朝からサーバがブルースクリーンで起動しない。業務が止まっている。"
    prepared = prepare(text=text)
    decision = combine(
        category_proba=_proba("urgent_outage"),
        urgent_score=0.9,
        police_score=0.26,
        leak_score=0.0,
        hits=find_hits(body=prepared.body, request=prepared.request),
        urgent_threshold=0.42,
        police_threshold=POLICE_SCORE_FLOOR,
    )
    assert decision.police is False


def test_a_ransomware_word_in_a_press_request_is_not_an_urgent_cue():
    text = "新聞社の記者です。ランサムウェアに感染した中小企業の特集で、取材をお願いできますか。"
    prepared = prepare(text=text)
    decision = combine(
        category_proba=_proba("out_of_scope"),
        urgent_score=0.05,
        police_score=0.05,
        leak_score=0.0,
        hits=find_hits(body=prepared.body, request=prepared.request),
        urgent_threshold=0.42,
        police_threshold=0.36,
    )
    assert (decision.urgent, decision.police) == (False, False)


def test_a_police_flag_from_the_score_says_so_with_the_score():
    decision = combine(
        category_proba=_proba("life_safety"),
        urgent_score=0.0,
        police_score=0.61,
        leak_score=0.0,
        hits=[],
        urgent_threshold=0.42,
        police_threshold=0.36,
    )
    assert decision.police is True
    assert "モデルの警察相談スコア 0.61" in decision.reasons
