"""Situations: cues count when asserted or asked about, never when negated; the head's score or a cue that fits
the category detects a situation; every corpus line carries reviewed situation labels."""

from __future__ import annotations

import numpy as np

from madoguchi.triage.engine import corpus
from madoguchi.triage.engine.model import detect_situations
from madoguchi.triage.engine.situations import SITUATION_CODES, cue_situations, default_situations
from madoguchi.triage.engine.text import prepare


def _body(text: str) -> str:
    return prepare(text=text).body


def test_an_asserted_cue_is_found_and_a_negated_one_is_not():
    assert "ransomware_infection" in [h.code for h in cue_situations(body=_body("身代金を要求する画面が出ています"))]
    assert "ransomware_infection" not in [h.code for h in cue_situations(body=_body("身代金の画面は出ていない"))]


def test_cues_outside_their_categories_are_not_labels():
    body = _body("サーバが止まっている。対策を教えてほしい")
    assert "outage" in default_situations(body=body, category="urgent_outage")
    assert "prevention_advice" not in default_situations(body=body, category="urgent_outage")


def test_the_category_default_applies_only_without_an_incident():
    assert default_situations(body=_body("冊子を10部送ってください"), category="guidebook_request") == [
        "guidebook_request"
    ]
    leak = default_situations(body=_body("顧客情報が漏洩した。報告義務はあるか"), category="legal")
    assert "personal_data_leaked" in leak


def test_detection_takes_the_score_or_a_fitting_cue():
    scores = np.zeros(len(SITUATION_CODES))
    scores[SITUATION_CODES.index("bec")] = 0.8
    found = detect_situations(
        scores=scores,
        thresholds={"bec": 0.5, "money_transferred": 0.5},
        body=_body("取引先を装ったメールで、先週300万円を振り込んでしまった"),
        category="crime",
    )
    by_code = {code: why for code, _score, why in found}
    assert by_code["bec"] == "score"
    assert by_code["money_transferred"].startswith("cue:")
    assert found[0][0] == "bec"


def test_every_training_and_held_out_line_carries_known_situations():
    rows = corpus.training_examples() + corpus.load_jsonl(corpus.HELDOUT_FILE)
    assert all(isinstance(row.get("situations"), list) for row in rows)
    assert {code for row in rows for code in row["situations"]} <= set(SITUATION_CODES)
