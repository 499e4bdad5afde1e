"""Command line for the engine alone (no Django): cross-validate, evaluate a file, time suggestions.

python -m madoguchi.triage.engine.cli cv
python -m madoguchi.triage.engine.cli evaluate madoguchi/triage/data/heldout/dev.jsonl
python -m madoguchi.triage.engine.cli bench
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from madoguchi.triage.engine.evaluation import cross_validate, evaluate, format_report
from madoguchi.triage.engine.model import TriageModel, train

SEED_PATH = Path(__file__).resolve().parent.parent / "data" / "seed.jsonl"


def load_jsonl(*, path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _bench(*, examples: list[dict[str, Any]], repeats: int) -> str:
    started = time.perf_counter()
    model = train(examples=examples)
    train_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "triage.joblib"
        model.save(path)
        size = path.stat().st_size
        started = time.perf_counter()
        loaded = TriageModel.load(path)
        load_seconds = time.perf_counter() - started
    texts = [(example["text"], example.get("channel")) for example in examples]
    loaded.suggest(text=texts[0][0], channel=texts[0][1])  # warm-up
    timings = []
    for _ in range(repeats):
        for text, channel in texts:
            started = time.perf_counter()
            loaded.suggest(text=text, channel=channel)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return (
        f"train: {train_seconds:.1f} s on {len(examples)} examples; file {size / 1024:.0f} KiB; "
        f"load {load_seconds * 1000:.0f} ms\n"
        f"suggest over {len(timings)} calls: median {statistics.median(timings):.2f} ms, "
        f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="triage-engine")
    sub = parser.add_subparsers(dest="command", required=True)
    cv = sub.add_parser("cv", help="5-fold cross-validation on the seed corpus")
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--seed", type=int, default=0)
    ev = sub.add_parser("evaluate", help="train on the seed corpus, score a JSONL file")
    ev.add_argument("path", type=Path)
    bench = sub.add_parser("bench", help="time train, load and suggest")
    bench.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    seed = load_jsonl(path=SEED_PATH)
    if args.command == "cv":
        metrics, _ = cross_validate(examples=seed, folds=args.folds, seed=args.seed)
        print(format_report(metrics))
    elif args.command == "evaluate":
        model = train(examples=seed)
        print(
            f"model {model.model_version}; thresholds urgent {model.urgent_threshold}, police {model.police_threshold}"
        )
        print(format_report(evaluate(model=model, examples=load_jsonl(path=args.path))))
    else:
        print(_bench(examples=seed, repeats=args.repeats))


if __name__ == "__main__":
    main()
