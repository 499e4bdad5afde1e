"""Training analyses the text once; each fold's vectorisers come out exactly as if fitted on the fold's text."""

import pickle

import numpy as np
import pytest

from madoguchi.triage.engine.corpus import SEED_FILE, load_jsonl
from madoguchi.triage.engine.model import _analyse, _Featurizer, _TrainingTexts


@pytest.fixture(scope="module")
def items():
    return [_analyse(text=row["text"], channel=row.get("channel")) for row in load_jsonl(SEED_FILE)[::5]]


@pytest.fixture(scope="module")
def texts(items):
    return _TrainingTexts.build(items)


def _rows(items, kind):
    rng = np.random.default_rng(0)
    if kind == "all":
        return np.arange(len(items))
    if kind == "fold":
        return np.sort(rng.choice(len(items), size=len(items) * 2 // 3, replace=False))
    return rng.permutation(len(items))[: len(items) // 2]


@pytest.mark.parametrize("kind", ["all", "fold", "shuffled"])
def test_vectorisers_fitted_from_the_counts_pickle_to_the_same_bytes(items, texts, kind):
    rows = _rows(items, kind)
    fold = [items[i] for i in rows]
    expected = _Featurizer.fit(fold)
    counted, _columns = _Featurizer.fit_counted(texts, fold, rows)
    # Vocabulary (including its dict order), idf and every parameter.
    assert pickle.dumps(counted) == pickle.dumps(expected)


@pytest.mark.parametrize("kind", ["fold", "shuffled"])
def test_matrices_from_the_counts_are_the_same_bytes_for_trained_and_held_out_rows(items, texts, kind):
    rows = _rows(items, kind)
    held_out = np.setdiff1d(np.arange(len(items)), rows)
    fold = [items[i] for i in rows]
    rest = [items[i] for i in held_out]
    expected = _Featurizer.fit(fold)
    counted, columns = _Featurizer.fit_counted(texts, fold, rows)
    for subset, subset_rows in ((fold, rows), (rest, held_out)):
        assert pickle.dumps(counted.transform_counted(texts, columns, subset, subset_rows)) == pickle.dumps(
            expected.transform(subset)
        )
