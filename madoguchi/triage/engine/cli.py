"""Command line for the engine alone (no Django): cross-validate, evaluate a file, time suggestions.

python -m madoguchi.triage.engine.cli cv [--corpus seed|training]
python -m madoguchi.triage.engine.cli evaluate FILE [--train seed,retired/heldout1/dev.jsonl]
python -m madoguchi.triage.engine.cli bench [--model FILE]

`evaluate` trains on the shipped training corpus (seed + retired held-out sets) unless `--train` names
the files (relative to the data directory, `seed` for the seed). Never pass the current held-out set
to `--train`; evaluate it once per round (ADR 0006).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from madoguchi.triage.engine import corpus
from madoguchi.triage.engine.evaluation import cross_validate, evaluate, format_report
from madoguchi.triage.engine.model import TriageModel, train


def _training(names: str | None) -> list[dict[str, Any]]:
    if not names:
        return corpus.training_examples()
    rows: list[dict[str, Any]] = []
    for name in names.split(","):
        path = corpus.SEED_FILE if name == "seed" else corpus.DATA_DIR / name
        if path.resolve() == corpus.HELDOUT_FILE.resolve():
            raise SystemExit("the current held-out set is never trained on (ADR 0006)")
        rows.extend(corpus.load_jsonl(path))
    return rows


def _bench(*, examples: list[dict[str, Any]], repeats: int, model_path: Path | None = None) -> str:
    from madoguchi.triage.picks import pick_codes

    train_seconds = float("nan")
    if model_path is None:
        started = time.perf_counter()
        model = train(examples=examples)
        train_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = model_path or Path(folder) / "triage.joblib"
        if model_path is None:
            model.save(path)
        size = path.stat().st_size
        started = time.perf_counter()
        loaded = TriageModel.load(path)
        load_seconds = time.perf_counter() - started
    texts = [(example["text"], example.get("channel")) for example in examples]
    pick_codes(loaded.suggest(text=texts[0][0], channel=texts[0][1]))  # warm-up (also reads the rule files)
    timings = []
    # CPU time of this process as well: on a shared, loaded machine the wall clock mostly measures waiting.
    cpu_timings = []
    for _ in range(repeats):
        for text, channel in texts:
            started = time.perf_counter()
            cpu_started = time.process_time()
            pick_codes(loaded.suggest(text=text, channel=channel))
            cpu_timings.append((time.process_time() - cpu_started) * 1000)
            timings.append((time.perf_counter() - started) * 1000)
    cpu_timings.sort()
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return (
        f"train: {train_seconds:.1f} s on {len(examples)} examples; file {size / 1024:.0f} KiB; "
        f"load {load_seconds * 1000:.0f} ms\n"
        f"suggest + answer ② and law selection over {len(timings)} calls: median {statistics.median(timings):.2f} ms, "
        f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms (wall clock); CPU time median "
        f"{statistics.median(cpu_timings):.2f} ms, p95 {cpu_timings[int(len(cpu_timings) * 0.95) - 1]:.2f} ms"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="triage-engine")
    sub = parser.add_subparsers(dest="command", required=True)
    cv = sub.add_parser("cv", help="5-fold cross-validation on the seed or the whole training corpus")
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--seed", type=int, default=0)
    cv.add_argument("--corpus", choices=["seed", "training"], default="training")
    ev = sub.add_parser("evaluate", help="train on the training corpus (or --train files), score a JSONL file")
    ev.add_argument("path", type=Path)
    ev.add_argument("--train", default=None, help="comma-separated files under data/ ('seed' = seed.jsonl)")
    bench = sub.add_parser("bench", help="time train, load and suggest")
    bench.add_argument("--repeats", type=int, default=3)
    bench.add_argument("--model", type=Path, default=None, help="time a saved model instead of training one")
    args = parser.parse_args(argv)
    if args.command == "cv":
        examples = corpus.load_jsonl(corpus.SEED_FILE) if args.corpus == "seed" else corpus.training_examples()
        metrics, _ = cross_validate(examples=examples, folds=args.folds, seed=args.seed)
        print(format_report(metrics))
    elif args.command == "evaluate":
        model = train(examples=_training(args.train))
        print(
            f"model {model.model_version}; thresholds urgent {model.urgent_threshold}, police {model.police_threshold}"
        )
        from madoguchi.triage.picks import pick_codes

        print(format_report(evaluate(model=model, examples=corpus.load_jsonl(args.path), picker=pick_codes)))
    else:
        print(_bench(examples=corpus.training_examples(), repeats=args.repeats, model_path=args.model))


if __name__ == "__main__":
    main()
