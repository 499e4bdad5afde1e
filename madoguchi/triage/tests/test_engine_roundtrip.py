import json
from pathlib import Path

import joblib
import pytest

from madoguchi.triage.engine.model import TriageModel, train
from madoguchi.triage.engine.version import training_data_sha256

SEED = Path(__file__).resolve().parent.parent / "data" / "seed.jsonl"
TEXTS = [
    ("朝からファイルサーバが暗号化されて、身代金要求の画面が出ている", "phone"),
    ("SPFとDMARCの設定方法を教えてください。今は被害はありません。", "web"),
    ("セキュリティの冊子を社員分20部送ってほしい", "phone"),
]


@pytest.fixture(scope="module")
def examples():
    # Every other seed line (473, 39-65 per category): the round trip, metadata and suggestion shape do not
    # depend on the corpus size, and half the seed halves the three fits (the full corpus trains in the
    # session fixture and the retrain test).
    with SEED.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle][::2]


@pytest.fixture(scope="module")
def model(examples):
    return train(examples=examples, threshold_folds=2)


def test_saved_and_loaded_model_gives_the_same_suggestions(model, tmp_path):
    path = tmp_path / "triage.joblib"
    model.save(path)
    loaded = TriageModel.load(path)
    for text, channel in TEXTS:
        assert loaded.suggest(text=text, channel=channel) == model.suggest(text=text, channel=channel)
    assert loaded.model_version == model.model_version


def test_metadata_describes_the_training_data(model, examples):
    metadata = model.metadata
    assert metadata["examples"] == len(examples)
    assert sum(metadata["category_counts"].values()) == len(examples)
    assert metadata["training_sha256"] == training_data_sha256(examples=examples)
    assert model.model_version.endswith(metadata["training_sha256"][:12])
    assert 0.0 < metadata["urgent_threshold"] < 1.0


def test_suggestion_is_well_formed(model):
    suggestion = model.suggest(text=TEXTS[0][0], channel="電話")
    assert 0.0 <= suggestion.confidence <= 1.0
    assert [p for _, p in suggestion.alternatives] == sorted((p for _, p in suggestion.alternatives), reverse=True)
    assert all(p <= suggestion.confidence for _, p in suggestion.alternatives)
    assert suggestion.category not in {code for code, _ in suggestion.alternatives}
    assert suggestion.urgent is True
    assert "身代金要求・脅迫文の記述" in suggestion.reasons


def test_load_rejects_a_file_that_is_not_a_triage_model(tmp_path):
    path = tmp_path / "other.joblib"
    joblib.dump({"format": 99}, path)
    with pytest.raises(ValueError):
        TriageModel.load(path)
