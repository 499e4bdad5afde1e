"""The held-out evaluation sets stay usable: well-formed, balanced, and separate from the training corpus."""

import json
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
CATEGORIES = {
    "urgent_breach", "crime", "legal", "urgent_outage", "prevention",
    "general", "life_safety", "out_of_scope", "guidebook_request",
}  # fmt: skip


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("name", "per_category"), [("heldout/dev.jsonl", 15), ("heldout/test.jsonl", 30), ("heldout2/test.jsonl", 30)]
)
def test_set_is_balanced_and_labelled_with_valid_codes(name, per_category):
    rows = _load(DATA / name)
    assert Counter(r["category"] for r in rows) == dict.fromkeys(CATEGORIES, per_category)
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert isinstance(r["urgent"], bool) and isinstance(r["police"], bool)
        assert r["flow"] in (None, "outage", "attack", "leak")
        assert set(r.get("alt_categories", [])) <= CATEGORIES


def test_no_held_out_text_is_in_the_training_corpus():
    seed = {r["text"].strip() for r in _load(DATA / "seed.jsonl")}
    for name in ("heldout/dev.jsonl", "heldout/test.jsonl", "heldout2/test.jsonl"):
        assert not seed & {r["text"].strip() for r in _load(DATA / name)}, name
