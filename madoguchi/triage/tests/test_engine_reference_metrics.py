"""evaluate_triage's situation, referral and law figures count what they say."""

from __future__ import annotations

from madoguchi.triage.engine.evaluation import Prediction, compute_metrics


def _p(**kwargs):
    return Prediction(category="crime", urgent=False, police=True, flow=None, **kwargs)


def test_situations_referrals_and_laws_are_scored():
    gold = [
        {
            "category": "crime",
            "urgent": False,
            "police": True,
            "flow": None,
            "situations": ["bec", "money_transferred"],
            "referrals": ["your_bank", "mpd_cybercrime_division"],
            "laws": ["penal_246"],
        },
        {
            "category": "crime",
            "urgent": False,
            "police": True,
            "flow": None,
            "situations": ["extortion"],
            "referrals": ["mpd_cybercrime_division"],
            "laws": ["penal_250"],
        },
        {"category": "general", "urgent": False, "police": False, "flow": None, "situations": ["it_general_question"]},
    ]
    predicted = [
        _p(situations=("bec",), referrals=("mpd_cybercrime_division",), laws=("uaa_art3", "penal_246")),
        _p(situations=("extortion", "spam"), referrals=("mpd_cybercrime_division",), laws=()),
        Prediction(category="general", urgent=False, police=False, flow=None, situations=("it_general_question",)),
    ]
    metrics = compute_metrics(gold=gold, predicted=predicted)
    # situations: tp 3 (bec, extortion, it_general_question), fp 1 (spam), fn 1 (money_transferred)
    assert round(metrics["situation_micro_f1"], 3) == 0.75
    assert round(metrics["referrals_named"], 3) == round(2 / 3, 3)
    assert metrics["crime_cases"] == 2
    assert metrics["crime_with_law"] == 0.5
    assert metrics["crime_law_top3"] == 0.5


def test_sets_without_the_new_labels_report_none():
    gold = [{"category": "crime", "urgent": False, "police": True, "flow": None}]
    metrics = compute_metrics(gold=gold, predicted=[_p()])
    assert metrics["situation_micro_f1"] is None
    assert metrics["referrals_named"] is None
    assert metrics["crime_law_top3"] is None
    assert metrics["crime_with_law"] == 0.0
