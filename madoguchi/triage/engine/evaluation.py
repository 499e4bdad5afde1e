"""Scoring a triage model against labelled consultations, and cross-validation on a corpus.

An item counts as correct when the predicted category is its category or one
of its ``alt_categories`` (expert-acceptable alternatives). For the
per-category figures and the confusion matrix an accepted alternative is
counted on the diagonal of the predicted category, i.e. the effective gold
label becomes the prediction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import joblib
import numpy as np
from sklearn.model_selection import StratifiedKFold

from madoguchi.triage.engine.model import CATEGORIES, Suggestion, TriageModel, same_blas_threads, train, training_jobs


class _Suggester(Protocol):
    def suggest(self, *, text: str, channel: str | None = None) -> Suggestion: ...


@dataclass(frozen=True)
class Prediction:
    """The parts of a suggestion that are scored."""

    category: str
    urgent: bool
    police: bool
    flow: str | None
    situations: tuple[str, ...] = ()
    # Organisation and law codes in the order shown (empty when no picker was given).
    referrals: tuple[str, ...] = ()
    laws: tuple[str, ...] = ()


# Turns a suggestion into (organisation codes, law codes) for answer ② and the law list.
Picker = Callable[[Suggestion], tuple[list[str], list[str]]]

# Laws counted as correct when one of the first LAW_TOP_K shown is in the gold list.
LAW_TOP_K = 3


def is_possible_crime(example: dict[str, Any]) -> bool:
    """A possible-crime case: labelled for the police or as a crime."""
    return bool(example.get("police")) or example.get("category") == "crime"


def reference_metrics(*, gold: list[dict[str, Any]], predicted: list[Prediction]) -> dict[str, Any]:
    """Situation micro-F1, gold referral organisations named, law entries on possible-crime cases.

    Each figure counts only the examples whose gold has the field (older sets have no situations,
    referrals or laws); `None` when no example has it.
    """
    tp = fp = fn = 0
    situation_items = 0
    gold_orgs = named_orgs = 0
    crime_cases = with_law = law_scored = law_top = 0
    for example, prediction in zip(gold, predicted, strict=True):
        if example.get("situations") is not None:
            situation_items += 1
            expected = set(example["situations"])
            found = set(prediction.situations)
            tp += len(expected & found)
            fp += len(found - expected)
            fn += len(expected - found)
        if example.get("referrals"):
            gold_orgs += len(set(example["referrals"]))
            named_orgs += len(set(example["referrals"]) & set(prediction.referrals))
        if is_possible_crime(example):
            crime_cases += 1
            with_law += bool(prediction.laws)
            if example.get("laws"):
                law_scored += 1
                law_top += bool(set(prediction.laws[:LAW_TOP_K]) & set(example["laws"]))
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    return {
        "situation_micro_f1": _f1(precision, recall) if situation_items else None,
        "situation_precision": precision if situation_items else None,
        "situation_recall": recall if situation_items else None,
        "situation_items": situation_items,
        "referrals_named": _ratio(named_orgs, gold_orgs) if gold_orgs else None,
        "referrals_gold": gold_orgs,
        "crime_cases": crime_cases,
        "crime_with_law": _ratio(with_law, crime_cases) if crime_cases else None,
        "crime_law_top3": _ratio(law_top, law_scored) if law_scored else None,
        "crime_law_scored": law_scored,
    }


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def compute_metrics(*, gold: list[dict[str, Any]], predicted: list[Prediction]) -> dict[str, Any]:
    """Pure scoring of predictions against labelled examples (same order, same length)."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    index = {label: i for i, label in enumerate(CATEGORIES)}
    size = len(CATEGORIES)
    confusion = [[0] * size for _ in range(size)]
    correct = 0
    for example, prediction in zip(gold, predicted, strict=True):
        acceptable = {example["category"], *(example.get("alt_categories") or [])}
        effective = prediction.category if prediction.category in acceptable else example["category"]
        if prediction.category in acceptable:
            correct += 1
        confusion[index[effective]][index[prediction.category]] += 1

    per_category: dict[str, dict[str, float | int]] = {}
    f1_values = []
    for label in CATEGORIES:
        i = index[label]
        true_positive = confusion[i][i]
        support = sum(confusion[i])
        predicted_count = sum(row[i] for row in confusion)
        precision = _ratio(true_positive, predicted_count)
        recall = _ratio(true_positive, support)
        f1 = _f1(precision, recall)
        per_category[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": support,
        }
        # Macro-F1 over the categories present in the gold data or predicted,
        # so a small set does not drag the mean down with empty classes.
        if support or predicted_count:
            f1_values.append(f1)

    def flag(name: str) -> dict[str, float | int]:
        gold_flags = [bool(example[name]) for example in gold]
        predicted_flags = [bool(getattr(prediction, name)) for prediction in predicted]
        true_positive = sum(g and p for g, p in zip(gold_flags, predicted_flags, strict=True))
        positives = sum(gold_flags)
        flagged = sum(predicted_flags)
        precision = _ratio(true_positive, flagged)
        recall = _ratio(true_positive, positives)
        return {
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "positives": positives,
            "flagged": flagged,
        }

    flow_correct = sum(
        (example.get("flow") or None) == prediction.flow for example, prediction in zip(gold, predicted, strict=True)
    )
    return {
        "count": len(gold),
        "accuracy": _ratio(correct, len(gold)),
        "macro_f1": float(np.mean(f1_values)) if f1_values else 0.0,
        "per_category": per_category,
        "urgent": flag("urgent"),
        "police": flag("police"),
        "flow_accuracy": _ratio(flow_correct, len(gold)),
        "labels": list(CATEGORIES),
        "confusion": confusion,
        **reference_metrics(gold=gold, predicted=predicted),
    }


def predictions_for(
    *, model: _Suggester, examples: list[dict[str, Any]], picker: Picker | None = None
) -> list[Prediction]:
    predictions = []
    for example in examples:
        suggestion = model.suggest(text=example["text"], channel=example.get("channel"))
        referrals, laws = picker(suggestion) if picker is not None else ([], [])
        predictions.append(
            Prediction(
                category=suggestion.category,
                urgent=suggestion.urgent,
                police=suggestion.police,
                flow=suggestion.flow,
                situations=tuple(code for code, _confidence, _why in suggestion.situations),
                referrals=tuple(referrals),
                laws=tuple(laws),
            )
        )
    return predictions


def evaluate(*, model: _Suggester, examples: list[dict[str, Any]], picker: Picker | None = None) -> dict[str, Any]:
    """Run the model on every example and score it (see compute_metrics)."""
    return compute_metrics(gold=examples, predicted=predictions_for(model=model, examples=examples, picker=picker))


def _fold_predictions(
    *, train_examples: list[dict[str, Any]], test_examples: list[dict[str, Any]], threshold_folds: int
) -> list[Prediction]:
    model: TriageModel = train(examples=train_examples, threshold_folds=threshold_folds)
    return predictions_for(model=model, examples=test_examples)


def cross_validate(
    *, examples: list[dict[str, Any]], folds: int = 5, threshold_folds: int = 5, seed: int = 0
) -> tuple[dict[str, Any], list[Prediction]]:
    """Stratified k-fold: train on k-1 folds, predict the held-out fold; score the pooled predictions."""
    labels = [example["category"] for example in examples]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    splits = list(splitter.split(np.zeros(len(examples)), labels))
    predictions: list[Prediction | None] = [None] * len(examples)
    # Independent trainings, run side by side (see model._fit_heads_and_folds): same predictions, less wall time.
    with same_blas_threads():
        per_fold = joblib.Parallel(n_jobs=min(len(splits), training_jobs()))(
            joblib.delayed(_fold_predictions)(
                train_examples=[examples[i] for i in train_idx],
                test_examples=[examples[i] for i in test_idx],
                threshold_folds=threshold_folds,
            )
            for train_idx, test_idx in splits
        )
    for (_train_idx, test_idx), fold_predictions in zip(splits, per_fold, strict=True):
        for index, prediction in zip(test_idx, fold_predictions, strict=True):
            predictions[index] = prediction
    pooled = [prediction for prediction in predictions if prediction is not None]
    return compute_metrics(gold=examples, predicted=pooled), pooled


_SHORT = {
    "urgent_breach": "breach",
    "crime": "crime",
    "legal": "legal",
    "urgent_outage": "outage",
    "prevention": "prev",
    "general": "general",
    "life_safety": "life",
    "out_of_scope": "oos",
    "guidebook_request": "guide",
}


def format_report(metrics: dict[str, Any]) -> str:
    """Plain-text report of compute_metrics output (for management commands and docs)."""
    lines = [
        f"items: {metrics['count']}",
        f"accuracy: {metrics['accuracy']:.3f}   macro-F1: {metrics['macro_f1']:.3f}   "
        f"flow accuracy: {metrics['flow_accuracy']:.3f}",
    ]
    for name in ("urgent", "police"):
        flag = metrics[name]
        lines.append(
            f"{name}: recall {flag['recall']:.3f}  precision {flag['precision']:.3f}  "
            f"(positives {flag['positives']}, flagged {flag['flagged']})"
        )

    def figure(value: float | None) -> str:
        return "n/a (no gold labels)" if value is None else f"{value:.3f}"

    lines.append(
        f"situations: micro-F1 {figure(metrics.get('situation_micro_f1'))}"
        f" (items with gold situations {metrics.get('situation_items', 0)})"
    )
    lines.append(
        f"referrals: gold organisations named {figure(metrics.get('referrals_named'))}"
        f" (gold organisations {metrics.get('referrals_gold', 0)})"
    )
    lines.append(
        f"laws: possible-crime cases with a law entry {figure(metrics.get('crime_with_law'))}"
        f" (cases {metrics.get('crime_cases', 0)}); a correct one in the top {LAW_TOP_K}"
        f" {figure(metrics.get('crime_law_top3'))} (cases with gold laws {metrics.get('crime_law_scored', 0)})"
    )
    lines.append("")
    lines.append(f"{'category':<18} {'prec':>6} {'recall':>6} {'f1':>6} {'support':>8}")
    for label in metrics["labels"]:
        row = metrics["per_category"][label]
        lines.append(
            f"{label:<18} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} {row['support']:>8d}"
        )
    lines.append("")
    lines.append("confusion (rows = gold, columns = predicted)")
    header = " " * 9 + "".join(f"{_SHORT.get(label, label)[:7]:>8}" for label in metrics["labels"])
    lines.append(header)
    for label, row in zip(metrics["labels"], metrics["confusion"], strict=True):
        lines.append(f"{_SHORT.get(label, label)[:8]:<9}" + "".join(f"{value:>8d}" for value in row))
    return "\n".join(lines)


def category_counts(*, examples: list[dict[str, Any]]) -> dict[str, int]:
    return dict(Counter(example["category"] for example in examples))
