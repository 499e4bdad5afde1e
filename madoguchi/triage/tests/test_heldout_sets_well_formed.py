"""The labelled sets stay usable: well-formed, balanced, and the current held-out set apart from training."""

from collections import Counter
from pathlib import Path

import pytest

from madoguchi.triage.engine import corpus

DATA = Path(__file__).resolve().parents[1] / "data"
CATEGORIES = {
    "urgent_breach", "crime", "legal", "urgent_outage", "prevention",
    "general", "life_safety", "out_of_scope", "guidebook_request",
}  # fmt: skip


_load = corpus.load_jsonl


@pytest.mark.parametrize(
    ("name", "per_category"),
    [
        ("retired/heldout1/dev.jsonl", 15),
        ("retired/heldout1/test.jsonl", 30),
        ("retired/heldout2/test.jsonl", 30),
        ("retired/heldout3/test.jsonl", 40),
        ("retired/heldout4/test.jsonl", 40),
        ("retired/heldout5/test.jsonl", 40),
        ("retired/heldout6/test.jsonl", 25),
        ("heldout7/test.jsonl", 20),
    ],
)
def test_set_is_balanced_and_labelled_with_valid_codes(name, per_category):
    rows = _load(DATA / name)
    assert Counter(r["category"] for r in rows) == dict.fromkeys(CATEGORIES, per_category)
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert isinstance(r["urgent"], bool) and isinstance(r["police"], bool)
        assert r["flow"] in (None, "outage", "attack", "leak")
        assert set(r.get("alt_categories", [])) <= CATEGORIES


def test_the_current_held_out_set_is_not_in_the_training_corpus():
    training = corpus.training_examples()
    held_out = _load(corpus.HELDOUT_FILE)
    assert corpus.HELDOUT_FILE not in (corpus.SEED_FILE, *corpus.RETIRED_FILES)
    assert not {r["text"].strip() for r in training} & {r["text"].strip() for r in held_out}
    assert not {r["id"] for r in training} & {r["id"] for r in held_out}


def test_every_retired_set_trains_the_model():
    training_ids = {r["id"] for r in corpus.training_examples()}
    for path in corpus.RETIRED_FILES:
        assert {r["id"] for r in _load(path)} <= training_ids, path
    assert len(training_ids) == len(corpus.training_examples())
