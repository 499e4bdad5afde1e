"""Triage reasons are stored in Japanese and shown in the language of the screen."""

from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from madoguchi.triage.engine.rules import RULES_BY_CODE
from madoguchi.triage.engine.version import REASON_POLICE_SCORE, REASON_URGENT_SCORE
from madoguchi.triage.reasons import translate_reason

ENCRYPTED = RULES_BY_CODE["encrypted"].reason


def test_reasons_with_context_and_scores_are_translated_part_by_part():
    with translation.override("en"):
        assert translate_reason(f"{ENCRYPTED}（否定形）") == "Mentions encrypted files (negated)"
        assert translate_reason(f"{REASON_URGENT_SCORE} 0.42") == "Model urgency score 0.42"
        assert translate_reason(f"{REASON_POLICE_SCORE} 0.07") == "Model police-referral score 0.07"


def test_the_japanese_screen_shows_the_stored_text():
    with translation.override("ja"):
        assert translate_reason(f"{ENCRYPTED}（疑問形）") == f"{ENCRYPTED}（疑問形）"


def test_an_unknown_reason_is_shown_as_stored():
    with translation.override("en"):
        assert translate_reason("旧版のモデルが付けた理由") == "旧版のモデルが付けた理由"


def test_the_suggestion_panel_shows_translated_reasons_escaped():
    suggestion = SimpleNamespace(
        category="urgent_breach",
        confidence=0.9,
        urgent=True,
        police=True,
        flow="attack",
        alternatives=[],
        reasons=[ENCRYPTED, "<script>alert(1)</script>"],
        referrals=[],
        laws=[],
        model_version="triage-engine-4+test",
    )
    with translation.override("en"):
        html = render_to_string("staff/triage/_suggestion.html", {"s": suggestion})
    assert "Mentions encrypted files" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
