from collections import Counter

from madoguchi.triage.engine.corpus import SEED_FILE, load_jsonl
from madoguchi.triage.engine.model import CATEGORIES, FLOWS, validate_examples


def _examples():
    return load_jsonl(SEED_FILE)


def test_seed_corpus_is_valid_and_balanced():
    examples = _examples()
    validate_examples(examples=examples)
    counts = Counter(example["category"] for example in examples)
    assert set(counts) == set(CATEGORIES)
    assert min(counts.values()) >= 65
    assert len({example["id"] for example in examples}) == len(examples)
    assert len({example["text"] for example in examples}) == len(examples)


def test_seed_labels_follow_the_category_definitions():
    for example in _examples():
        assert set(example) >= {"id", "channel", "text", "category", "urgent", "police", "flow"}
        assert 20 <= len(example["text"]) <= 800
        if example["category"] in ("urgent_breach", "urgent_outage"):
            assert example["urgent"], example["id"]
        if example["category"] == "crime":
            assert example["police"], example["id"]
        if example["category"] == "urgent_outage":
            assert example["flow"] == "outage", example["id"]
        if example["category"] == "urgent_breach":
            assert example["flow"] in FLOWS[1:], example["id"]
