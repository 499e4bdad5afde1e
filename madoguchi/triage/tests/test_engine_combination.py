import numpy as np

from madoguchi.triage.engine.model import CATEGORIES, combine
from madoguchi.triage.engine.rules import find_hits
from madoguchi.triage.engine.text import prepare


def _proba(category: str) -> np.ndarray:
    proba = np.full(len(CATEGORIES), 0.02)
    proba[CATEGORIES.index(category)] = 1 - 0.02 * (len(CATEGORIES) - 1)
    return proba


def _combine(category: str, text: str = "", urgent=0.0, police=0.0, leak=0.0):
    prepared = prepare(text=text) if text else None
    hits = find_hits(body=prepared.body, request=prepared.request) if prepared else []
    return combine(
        category_proba=_proba(category),
        urgent_score=urgent,
        police_score=police,
        leak_score=leak,
        hits=hits,
        urgent_threshold=0.3,
        police_threshold=0.3,
    )


def test_urgent_categories_imply_urgent_and_their_flow():
    outage = _combine("urgent_outage")
    assert (outage.urgent, outage.police, outage.flow) == (True, False, "outage")
    assert _combine("urgent_breach", leak=0.7).flow == "leak"
    assert _combine("urgent_breach", leak=0.3).flow == "attack"


def test_crime_implies_police_without_urgent():
    crime = _combine("crime")
    assert (crime.urgent, crime.police, crime.flow) == (False, True, None)


def test_scores_below_threshold_leave_flags_off_and_above_set_them():
    assert not _combine("prevention", urgent=0.29).urgent
    assert _combine("prevention", urgent=0.31).urgent
    assert _combine("life_safety", police=0.31).police


def test_precise_rule_overrides_a_low_score():
    decision = _combine("prevention", text="今まさに知らない人が経理PCを遠隔操作してる")
    assert (decision.urgent, decision.police, decision.flow) == (True, True, "attack")
    assert "第三者による遠隔操作が進行中" in decision.reasons


def test_private_fraud_loss_raises_police():
    # Convention in docs/triage.md: a personal fraud loss is life_safety but still a possible crime.
    decision = _combine("life_safety", text="個人で通販サイトに代金を振り込んだのに届かない。会社は関係ない")
    assert decision.police is True
    assert "送金・支払い済みの記述" in decision.reasons


def test_private_matter_without_a_crime_cue_does_not_raise_police():
    decision = _combine("life_safety", text="個人のスマホに広告がたくさん出る。会社とは関係ない。押してはいない")
    assert decision.police is False
