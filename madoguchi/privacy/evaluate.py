"""Measure the masking engine on a labelled JSONL set and optionally write the figures into docs/masking.md.

    python -m madoguchi.privacy.evaluate madoguchi/privacy/data/dev.jsonl [--docs docs/masking.md --label dev]

Each line: {"id", "style", "text", "entities": [{"text", "type"}], "must_keep": [...]}.

- An entity counts as masked when every occurrence of its text leaves nothing identifying uncovered:
  the characters not under a masked span may only be spaces, punctuation, honorifics (様, さん, ...) or
  legal forms (株式会社, ...), because 「〈氏名〉様」 and 「株式会社〈会社名〉」 identify nobody.
- A must-keep string counts as kept when none of its occurrences (outside labelled entities) is masked.
- Precision-ish: the share of masked spans that overlap some labelled entity.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from madoguchi.privacy.masking import MaskResult, SpanType, lexicon, mask_text
from madoguchi.privacy.masking.normalize import fold

_HARMLESS_WORDS = tuple(
    sorted(
        {fold(w) for w in (*lexicon.HONORIFICS, *lexicon.COMPANY_FORMS, "サマ", "サン", "〒", "郵便番号")},
        key=len,
        reverse=True,
    )
)


@dataclass
class Metrics:
    items: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    masked: dict[str, int] = field(default_factory=dict)
    must_keep: int = 0
    kept: int = 0
    spans: int = 0
    spans_on_entities: int = 0
    misses: list[dict[str, str]] = field(default_factory=list)
    lost: list[dict[str, str]] = field(default_factory=list)
    extra: list[dict[str, str]] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    load_seconds: float | None = None

    def recall(self, kind: str) -> float | None:
        total = self.entities.get(kind, 0)
        return self.masked.get(kind, 0) / total if total else None

    @property
    def keep_share(self) -> float | None:
        return self.kept / self.must_keep if self.must_keep else None

    @property
    def precision(self) -> float | None:
        return self.spans_on_entities / self.spans if self.spans else None

    def as_dict(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        return {
            "items": self.items,
            "recall": {k: self.recall(k) for k in self.entities},
            "entities": self.entities,
            "masked": self.masked,
            "must_keep": self.must_keep,
            "kept": self.kept,
            "keep_share": self.keep_share,
            "spans": self.spans,
            "spans_on_entities": self.spans_on_entities,
            "precision": self.precision,
            "latency_ms_median": statistics.median(lat) if lat else None,
            "latency_ms_p95": _percentile(lat, 0.95) if lat else None,
            "load_seconds": self.load_seconds,
            "misses": self.misses,
            "lost": self.lost,
            "extra": self.extra,
        }


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    index = max(0, min(len(sorted_values) - 1, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = text.find(needle) if needle else -1
    while start >= 0:
        out.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return out


def _residual_is_harmless(residual: str) -> bool:
    s = fold(residual)
    for word in _HARMLESS_WORDS:
        s = s.replace(word, "")
    return all(c.isspace() or unicodedata.category(c)[0] in "PSZ" for c in s)


def score_item(item: dict[str, Any], result: MaskResult, metrics: Metrics) -> None:
    text: str = item["text"]
    covered = [False] * len(text)
    for span in result.spans:
        for i in range(span.start, span.end):
            covered[i] = True
    entity_ranges: list[tuple[int, int]] = []
    for entity in item.get("entities", []):
        kind = entity["type"]
        metrics.entities[kind] = metrics.entities.get(kind, 0) + 1
        ranges = _occurrences(text, entity["text"])
        entity_ranges.extend(ranges)
        ok = bool(ranges) and all(
            _residual_is_harmless("".join(c for i, c in enumerate(text[a:b], a) if not covered[i])) for a, b in ranges
        )
        if ok:
            metrics.masked[kind] = metrics.masked.get(kind, 0) + 1
        else:
            metrics.misses.append({"id": str(item["id"]), "type": kind, "text": entity["text"]})
    for word in item.get("must_keep", []):
        ranges = [
            (a, b) for a, b in _occurrences(text, word) if not any(ea <= a and b <= eb for ea, eb in entity_ranges)
        ]
        if not ranges:
            continue
        metrics.must_keep += 1
        if not any(any(covered[a:b]) for a, b in ranges):
            metrics.kept += 1
        else:
            metrics.lost.append({"id": str(item["id"]), "text": word})
    for span in result.spans:
        metrics.spans += 1
        if any(span.start < b and a < span.end for a, b in entity_ranges):
            metrics.spans_on_entities += 1
        else:
            metrics.extra.append({"id": str(item["id"]), "type": span.type.value, "text": span.text})
    metrics.items += 1


def evaluate(items: Sequence[dict[str, Any]], *, masker: Callable[[str], MaskResult] | None = None) -> Metrics:
    run = masker or (lambda text: mask_text(text))
    metrics = Metrics()
    for item in items:
        started = time.perf_counter()
        result = run(item["text"])
        metrics.latencies_ms.append((time.perf_counter() - started) * 1000)
        score_item(item, result, metrics)
    return metrics


def measure_load_seconds() -> float:
    """Import the engine and mask one text in a fresh interpreter (dictionaries load lazily)."""
    code = (
        "import time; t=time.perf_counter(); from madoguchi.privacy.masking import mask_text; "
        "mask_text('山田様 03-1234-5678'); print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    return float(out.stdout.strip())


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


_TYPE_ORDER = [t.value for t in SpanType]
_TARGETS = {
    "person": 0.95,
    "company": 0.95,
    **dict.fromkeys(("phone", "email", "postal_code", "address", "ip", "account", "card"), 1.0),
}


def format_report(metrics: Metrics, *, title: str) -> str:
    d = metrics.as_dict()
    lines = [
        f"**{title}** ({d['items']} texts)",
        "",
        "| type | entities | masked | recall | target | met |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for kind in _TYPE_ORDER:
        total = metrics.entities.get(kind, 0)
        if not total:
            continue
        recall = metrics.recall(kind) or 0.0
        target = _TARGETS.get(kind)
        met = "" if target is None else ("yes" if recall >= target else "**no**")
        target_s = "" if target is None else f"{target:.2f}"
        lines.append(f"| {kind} | {total} | {metrics.masked.get(kind, 0)} | {recall:.3f} | {target_s} | {met} |")
    keep = metrics.keep_share
    keep_s = "n/a" if keep is None else f"{keep:.3f}"
    met_keep = "" if keep is None else ("yes" if keep >= 0.90 else "**no**")
    precision = "n/a" if metrics.precision is None else f"{metrics.precision:.3f}"
    lines += [
        "",
        f"- must-keep strings kept: {metrics.kept}/{metrics.must_keep} = {keep_s} (target 0.90: {met_keep})",
        f"- precision-ish: {metrics.spans_on_entities}/{metrics.spans} masked spans overlap a labelled entity"
        f" = {precision}",
        f"- latency per text: median {d['latency_ms_median']:.2f} ms, p95 {d['latency_ms_p95']:.2f} ms"
        if d["latency_ms_median"] is not None
        else "- latency: n/a",
    ]
    if metrics.load_seconds is not None:
        lines.append(f"- load (import + first text, fresh interpreter): {metrics.load_seconds:.2f} s")
    return "\n".join(lines)


def write_block(doc: Path, label: str, body: str) -> None:
    """Replace the text between <!-- figures:LABEL --> and <!-- /figures:LABEL --> in `doc`."""
    text = doc.read_text(encoding="utf-8")
    start, end = f"<!-- figures:{label} -->", f"<!-- /figures:{label} -->"
    block = f"{start}\n{body}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--docs", type=Path, help="write the report into this Markdown file")
    parser.add_argument("--label", default=None, help="block label in the docs file (default: file stem)")
    parser.add_argument("--title", default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", action="store_true", help="list misses, lost must-keep strings and extra spans")
    parser.add_argument("--slice", default=None, help="START:END of the items, e.g. 0:15 (the hand-written part)")
    args = parser.parse_args(argv)
    items = load_jsonl(args.file)
    if args.slice:
        start, _, end = args.slice.partition(":")
        items = items[int(start) if start else None : int(end) if end else None]
    metrics = evaluate(items)
    metrics.load_seconds = measure_load_seconds()
    if args.json:
        print(json.dumps(metrics.as_dict(), ensure_ascii=False, indent=2))
        return 0
    report = format_report(metrics, title=args.title or args.file.name)
    print(report)
    if args.show:
        for row in metrics.misses:
            print("MISS", row["id"], row["type"], row["text"].replace("\n", " "))
        for row in metrics.lost:
            print("LOST", row["id"], row["text"])
        for row in metrics.extra:
            print("EXTRA", row["id"], row["type"], row["text"].replace("\n", " "))
    if args.docs:
        write_block(args.docs, args.label or args.file.stem, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
