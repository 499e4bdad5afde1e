"""Measure GiNZA (ja-ginza, spaCy) as an extra signal for names and companies; run it in a separate venv:

    python3 -m venv /tmp/ginza-venv && /tmp/ginza-venv/bin/pip install ja-ginza==5.3.0
    PYTHONPATH=. /tmp/ginza-venv/bin/python -m madoguchi.privacy.measure_ginza madoguchi/privacy/data/dev.jsonl

It prints load time, per-text latency and the evaluation of rules alone, GiNZA alone (names and companies
only) and rules plus GiNZA. GiNZA is not a dependency of Madoguchi (ADR "masking without GiNZA").
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from madoguchi.privacy.evaluate import evaluate, format_report, load_jsonl
from madoguchi.privacy.masking import MaskResult, Span, SpanType, mask_text
from madoguchi.privacy.masking.engine import add_spans

# GiNZA's Extended Named Entity labels that mean a person or a company.
LABELS = {
    "Person": SpanType.PERSON,
    "Company": SpanType.COMPANY,
    "Corporation_Other": SpanType.COMPANY,
    "Company_Group": SpanType.COMPANY,
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    args = parser.parse_args()
    import spacy

    started = time.perf_counter()
    nlp = spacy.load("ja_ginza")
    load_s = time.perf_counter() - started
    items = load_jsonl(args.file)
    cache: dict[str, Any] = {}
    latencies: list[float] = []
    for item in items:
        t = time.perf_counter()
        cache[item["text"]] = nlp(item["text"])
        latencies.append((time.perf_counter() - t) * 1000)

    def ginza_spans(text: str) -> list[Span]:
        doc = cache[text]
        return [
            Span(e.start_char, e.end_char, LABELS[e.label_], e.text)
            for e in doc.ents
            if e.label_ in LABELS and e.text.strip()
        ]

    def ginza_only(text: str) -> MaskResult:
        return add_spans(MaskResult(original=text), ginza_spans(text))

    def combined(text: str) -> MaskResult:
        return add_spans(mask_text(text), ginza_spans(text))

    lat = sorted(latencies)
    print(
        f"GiNZA load: {load_s:.2f} s; per text: median {statistics.median(lat):.1f} ms,"
        f" p95 {lat[int(0.95 * (len(lat) - 1))]:.1f} ms"
    )
    for title, masker in (("rules", None), ("GiNZA only (Person/Company)", ginza_only), ("rules + GiNZA", combined)):
        metrics = evaluate(items, masker=masker)
        print()
        print(format_report(metrics, title=f"{title} on {args.file.name}"))
        if masker is combined:
            base = {(e["id"], e["text"]) for e in evaluate(items).extra}
            for row in metrics.extra:
                if (row["id"], row["text"]) not in base:
                    print("  GiNZA extra:", row["id"], row["type"], row["text"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
