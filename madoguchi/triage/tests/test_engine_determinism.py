import json
from pathlib import Path

from madoguchi.triage.engine.model import train

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.jsonl"


def test_training_twice_gives_identical_models():
    with SEED.open(encoding="utf-8") as handle:
        examples = [json.loads(line) for line in handle][::2]
    first = train(examples=examples, threshold_folds=2)
    second = train(examples=examples, threshold_folds=2)
    assert first.model_version == second.model_version
    assert (first.urgent_threshold, first.police_threshold) == (
        second.urgent_threshold,
        second.police_threshold,
    )
    for example in examples[:40]:
        text, channel = example["text"], example["channel"]
        assert first.suggest(text=text, channel=channel) == second.suggest(text=text, channel=channel)


def test_model_version_changes_with_the_training_data():
    with SEED.open(encoding="utf-8") as handle:
        examples = [json.loads(line) for line in handle][::3]
    relabelled = [dict(example) for example in examples]
    relabelled[0]["urgent"] = not relabelled[0]["urgent"]
    assert (
        train(examples=examples, threshold_folds=0).model_version
        != train(examples=relabelled, threshold_folds=0).model_version
    )
