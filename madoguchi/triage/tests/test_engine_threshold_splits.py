"""Thresholds are tuned on writers the model has not seen when the corpus has several authors."""

from madoguchi.triage.engine import corpus
from madoguchi.triage.engine.model import MIN_AUTHOR_SOURCES, threshold_splits


def _examples(sources: list[str], per_source: int = 6) -> list[dict]:
    categories = ["crime", "legal", "general"]
    return [
        {"text": f"{s}-{i}", "category": categories[i % 3], "urgent": False, "police": False, "source": s}
        for s in sources
        for i in range(per_source)
    ]


def test_each_author_is_held_out_once_when_there_are_enough_authors():
    examples = _examples(["seed", "heldout1", "heldout2"])
    splits = threshold_splits(examples=examples, folds=5)
    assert len(splits) == 3
    for train_idx, test_idx in splits:
        held_out = {examples[i]["source"] for i in test_idx}
        trained = {examples[i]["source"] for i in train_idx}
        assert len(held_out) == 1
        assert not held_out & trained
    assert sorted(i for _, test_idx in splits for i in test_idx) == list(range(len(examples)))


def test_too_few_authors_fall_back_to_stratified_folds():
    examples = _examples(["seed", "heldout1"][: MIN_AUTHOR_SOURCES - 1])
    splits = threshold_splits(examples=examples, folds=3)
    assert len(splits) == 3
    assert any({examples[i]["source"] for i in test_idx} == {"seed", "heldout1"} for _, test_idx in splits)


def test_examples_without_a_source_use_stratified_folds():
    examples = _examples(["seed", "heldout1", "heldout2"])
    examples[0] = {key: value for key, value in examples[0].items() if key != "source"}
    assert len(threshold_splits(examples=examples, folds=2)) == 2


def test_the_shipped_corpus_names_one_author_per_file():
    sources = {row["source"] for row in corpus.training_examples()}
    assert sources == {"seed", "heldout1", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6"}
    assert len(sources) >= MIN_AUTHOR_SOURCES
