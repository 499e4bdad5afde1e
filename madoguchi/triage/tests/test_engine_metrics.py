import pytest

from madoguchi.triage.engine.evaluation import Prediction, compute_metrics, format_report
from madoguchi.triage.engine.model import CATEGORIES

GOLD = [
    {"category": "urgent_breach", "urgent": True, "police": True, "flow": "attack"},
    {"category": "crime", "alt_categories": ["urgent_breach"], "urgent": False, "police": True, "flow": None},
    {"category": "prevention", "urgent": False, "police": False, "flow": None},
    {"category": "general", "urgent": False, "police": False, "flow": None},
]
PREDICTED = [
    Prediction(category="urgent_breach", urgent=True, police=False, flow="attack"),
    Prediction(category="urgent_breach", urgent=True, police=True, flow="attack"),
    Prediction(category="general", urgent=False, police=False, flow=None),
    Prediction(category="general", urgent=False, police=False, flow=None),
]


@pytest.fixture
def metrics():
    return compute_metrics(gold=GOLD, predicted=PREDICTED)


def test_accuracy_accepts_alternative_categories(metrics):
    assert metrics["accuracy"] == pytest.approx(0.75)


def test_per_category_figures_and_macro_f1(metrics):
    breach = metrics["per_category"]["urgent_breach"]
    general = metrics["per_category"]["general"]
    prevention = metrics["per_category"]["prevention"]
    assert (breach["precision"], breach["recall"], breach["f1"], breach["support"]) == (1.0, 1.0, 1.0, 2)
    assert (general["precision"], general["recall"], general["support"]) == (0.5, 1.0, 1)
    assert general["f1"] == pytest.approx(2 / 3)
    assert (prevention["precision"], prevention["recall"], prevention["f1"]) == (0.0, 0.0, 0.0)
    # crime's only item was accepted as urgent_breach, so crime has no support
    # and is left out of the macro mean (breach, prevention, general).
    assert metrics["per_category"]["crime"]["support"] == 0
    assert metrics["macro_f1"] == pytest.approx((1.0 + 0.0 + 2 / 3) / 3)


def test_flag_recall_and_precision(metrics):
    assert (metrics["urgent"]["recall"], metrics["urgent"]["precision"]) == (1.0, 0.5)
    assert (metrics["police"]["recall"], metrics["police"]["precision"]) == (0.5, 1.0)
    assert (metrics["police"]["positives"], metrics["police"]["flagged"]) == (2, 1)


def test_flow_accuracy_counts_none_as_a_value(metrics):
    assert metrics["flow_accuracy"] == pytest.approx(0.75)


def test_confusion_matrix_has_fixed_label_order(metrics):
    labels = metrics["labels"]
    assert labels == list(CATEGORIES)
    confusion = metrics["confusion"]
    assert confusion[labels.index("urgent_breach")][labels.index("urgent_breach")] == 2
    assert confusion[labels.index("prevention")][labels.index("general")] == 1
    assert confusion[labels.index("general")][labels.index("general")] == 1
    assert sum(map(sum, confusion)) == 4


def test_report_is_plain_text_with_the_figures(metrics):
    report = format_report(metrics)
    assert "accuracy: 0.750" in report
    assert "urgent: recall 1.000  precision 0.500" in report
    assert report.count("\n") > len(CATEGORIES) * 2


def test_lengths_must_match():
    with pytest.raises(ValueError):
        compute_metrics(gold=GOLD, predicted=PREDICTED[:2])
