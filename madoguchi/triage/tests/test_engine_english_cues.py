"""English consultations get the same cues, with negation and conditions read before the cue."""

import pytest

from madoguchi.triage.engine.model import precise_police_reasons, precise_urgent_reasons
from madoguchi.triage.engine.rules import RuleHit, find_hits
from madoguchi.triage.engine.text import prepare, request_sentences


def _hits(text: str) -> list[RuleHit]:
    prepared = prepare(text=text)
    return find_hits(body=prepared.body, request=prepared.request)


def _contexts(text: str, code: str) -> set[str]:
    return {hit.context for hit in _hits(text) if hit.code == code}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Our file server files were encrypted overnight and there is a ransom note asking for bitcoin.",
            "ransom_note",
        ),
        ("Since this morning our accounting server is down and all staff cannot log in.", "outage_now"),
        ("Someone is remote controlling the shop PC right now, the mouse is moving by itself.", "remote_now"),
        ("A customer list was sent to the wrong address by mistake yesterday.", "leak_event"),
        ("Please send us two copies of the booklet for our new employees.", "guide"),
    ],
)
def test_english_cues_are_asserted(text, code):
    assert "asserted" in _contexts(text, code)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The NAS shows a volume error. There is no ransom note and the files are not renamed.", "ransom_note"),
        ("We were not hacked, the certificate simply expired.", "intrusion"),
    ],
)
def test_english_negation_before_the_cue(text, code):
    assert _contexts(text, code) == {"negated"}


def test_english_condition_before_the_cue_is_hypothetical():
    text = "What should we do if ransomware encrypted our backups? We want to prepare."
    assert "asserted" not in _contexts(text, "encrypted")
    assert precise_urgent_reasons(hits=_hits(text)) == []


def test_an_english_incident_sets_the_flags():
    text = "Our server was hit by ransomware this morning, files are encrypted and they demand payment in bitcoin."
    assert precise_urgent_reasons(hits=_hits(text))
    assert precise_police_reasons(hits=_hits(text))


def test_english_sentences_split_and_the_request_is_found():
    text = "We run a small cafe in Shibuya. Last week we got a strange invoice. Could you tell us whom to contact?"
    assert request_sentences(text=prepare(text=text).body) == ["could you tell us whom to contact?"]
