"""One full training: its CPU and wall time, and everything it suggests, saved for a later comparison.

    PYTHONPATH=. python scripts/triage_training_snapshot.py /tmp/before.pkl      # train, measure, save
    PYTHONPATH=. python scripts/triage_training_snapshot.py /tmp/after.pkl
    PYTHONPATH=. python scripts/triage_training_snapshot.py --compare /tmp/before.pkl /tmp/after.pkl

A snapshot holds the model version, the thresholds, the fitted featurizer as pickled bytes (vocabularies,
idf), the pickled heads, the heldout7 evaluation report, and every suggestion (category, confidence,
urgent, police, flow, situations, scores) on the held-out set, the retired sets and the seed. The comparison
lists every difference, so an engine change that should change nothing can be shown to change nothing, and
one that changes the model can be shown to change (or not) the suggestions. Used in docs/test-speed.md.
"""

from __future__ import annotations

import hashlib
import pickle
import resource
import sys
import time
from pathlib import Path
from typing import Any

from joblib.externals.loky import get_reusable_executor

from madoguchi.triage.engine import corpus
from madoguchi.triage.engine import model as engine
from madoguchi.triage.engine.evaluation import evaluate, format_report


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _suggestions(model: engine.TriageModel, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        values = vars(model.suggest(text=row["text"], channel=row.get("channel")))
        out.append({key: value for key, value in values.items() if key != "model_version"})
    return out


def snapshot(path: Path) -> None:
    examples = corpus.training_examples()
    started_wall, started_cpu = time.perf_counter(), _cpu_seconds()
    model = engine.train(examples=examples)
    # The loky workers' CPU only reaches RUSAGE_CHILDREN once they have exited and been waited for.
    get_reusable_executor().shutdown(wait=True)
    wall, cpu = time.perf_counter() - started_wall, _cpu_seconds() - started_cpu
    print(f"train: {len(examples)} examples, {wall:.1f} s wall, {cpu:.1f} s CPU (user+sys, incl. workers)")
    heldout = corpus.load_jsonl(corpus.HELDOUT_FILE)
    sets = {"heldout7": heldout, "seed": corpus.load_jsonl(corpus.SEED_FILE)}
    for file in corpus.RETIRED_FILES:
        sets[f"{file.parent.name}/{file.name}"] = corpus.load_jsonl(file)
    heads = model.heads
    data = {
        "engine_version": engine.ENGINE_VERSION,
        "train_wall": wall,
        "train_cpu": cpu,
        "model_version": model.model_version,
        "thresholds": (model.urgent_threshold, model.police_threshold),
        "situation_thresholds": model.situation_thresholds,
        "featurizer": pickle.dumps(heads.featurizer),
        "heads": {name: pickle.dumps(getattr(heads, name)) for name in ("category", "urgent", "police", "leak")}
        | {f"situation:{code}": pickle.dumps(head) for code, head in heads.situation_heads.items()},
        "report": format_report(evaluate(model=model, examples=heldout)),
        "suggestions": {name: _suggestions(model, rows) for name, rows in sets.items()},
    }
    path.write_bytes(pickle.dumps(data))
    print(data["report"])


def compare(a_path: Path, b_path: Path) -> None:
    # Our own snapshot files, written by snapshot() above.
    a = pickle.loads(a_path.read_bytes())  # noqa: S301
    b = pickle.loads(b_path.read_bytes())  # noqa: S301
    for name in ("a", "b"):
        data = a if name == "a" else b
        print(f"{name}: {data['engine_version']} train {data['train_wall']:.1f} s wall, {data['train_cpu']:.1f} s CPU")
    for key in ("model_version", "thresholds", "situation_thresholds"):
        print(f"{key}: {'same' if a[key] == b[key] else f'DIFFERENT {a[key]} / {b[key]}'}")
    same_featurizer = a["featurizer"] == b["featurizer"]
    print(
        "featurizer pickle:",
        "identical" if same_featurizer else "DIFFERENT",
        hashlib.sha256(b["featurizer"]).hexdigest()[:12],
    )
    for key in sorted(a["heads"].keys() | b["heads"].keys()):
        if a["heads"].get(key) != b["heads"].get(key):
            print(f"head {key}: pickle differs")
    print("heldout7 report:", "identical" if a["report"] == b["report"] else "DIFFERENT")
    if a["report"] != b["report"]:
        print(a["report"], "\n----\n", b["report"])
    exact_fields = ("category", "urgent", "police", "flow", "reasons", "personal")
    for name, rows_a in a["suggestions"].items():
        rows_b = b["suggestions"][name]
        decisions = scores = 0
        largest = 0.0
        for index, (x, y) in enumerate(zip(rows_a, rows_b, strict=True)):
            codes_x = [code for code, _score, _why in x["situations"]]
            codes_y = [code for code, _score, _why in y["situations"]]
            if any(x[f] != y[f] for f in exact_fields) or codes_x != codes_y:
                decisions += 1
                diff = {f: (x[f], y[f]) for f in exact_fields if x[f] != y[f]}
                if codes_x != codes_y:
                    diff["situations"] = (codes_x, codes_y)
                print(f"  {name}[{index}] decision differs: {diff}")
            if x != y:
                scores += 1
                numbers_x = [x["confidence"], x["urgent_score"], x["police_score"]]
                numbers_y = [y["confidence"], y["urgent_score"], y["police_score"]]
                situation_x = {code: s for code, s, _why in x["situations"]} | dict(x["situation_candidates"])
                situation_y = {code: s for code, s, _why in y["situations"]} | dict(y["situation_candidates"])
                for code in situation_x.keys() & situation_y.keys():
                    numbers_x.append(situation_x[code])
                    numbers_y.append(situation_y[code])
                largest = max([largest, *(abs(p - q) for p, q in zip(numbers_x, numbers_y, strict=True))])
        print(
            f"{name}: {len(rows_a)} suggestions, {decisions} with another decision, {scores} with any other "
            f"figure (largest score difference {largest:.4f}, scores rounded to 4 places)"
        )


def main() -> None:
    if sys.argv[1] == "--compare":
        compare(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        snapshot(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
