from madoguchi.triage.engine.corpus import SEED_FILE, load_jsonl
from madoguchi.triage.engine.evaluation import cross_validate

# Measured 2026-11-25 (round 3, 737 examples): 0.902 / 0.893 / 0.902 accuracy for split seeds 0 / 1 / 2;
# round 6 (946 examples): 0.891 at split seed 0
# (threshold tuning off, which does not change categories). Floor = lowest - 0.04.
ACCURACY_FLOOR = 0.85
MACRO_F1_FLOOR = 0.85


def test_five_fold_cross_validation_on_seed_reaches_the_measured_floor():
    examples = load_jsonl(SEED_FILE)
    metrics, predictions = cross_validate(examples=examples, folds=5, threshold_folds=0, seed=0)
    assert len(predictions) == len(examples)
    assert metrics["accuracy"] >= ACCURACY_FLOOR
    assert metrics["macro_f1"] >= MACRO_F1_FLOOR
    # Every category is learnt, not just the frequent ones.
    # Lowest per-category recall measured: 0.822 (prevention, seed 0).
    assert min(row["recall"] for row in metrics["per_category"].values()) >= 0.75
