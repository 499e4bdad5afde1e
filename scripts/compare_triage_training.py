"""Train with another engine file and with this one on the same examples: are the models identical?

    git show 7539bfa:madoguchi/triage/engine/model.py > /tmp/old/old_model.py
    PYTHONPATH=. python scripts/compare_triage_training.py /tmp/old 8    # every 8th training example

Compares versions, thresholds and every head's scores on the current held-out set as pickled bytes, then
the suggestions. Used for the side-by-side training (docs/test-speed.md).
"""

from __future__ import annotations

import pickle
import sys
import time

from madoguchi.triage.engine import corpus
from madoguchi.triage.engine import model as new_model


def main() -> None:
    sys.path.insert(0, sys.argv[1])
    import old_model  # type: ignore[import-not-found]

    step = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    examples = corpus.training_examples()[::step]
    print(len(examples), "examples from", len({e["source"] for e in examples}), "sources", flush=True)
    started = time.time()
    old = old_model.train(examples=examples)
    old_wall = time.time() - started
    started = time.time()
    new = new_model.train(examples=examples)
    print(f"old {old_wall:.1f} s, new {time.time() - started:.1f} s (wall)", flush=True)
    assert (old.model_version, old.urgent_threshold, old.police_threshold, old.situation_thresholds) == (
        new.model_version,
        new.urgent_threshold,
        new.police_threshold,
        new.situation_thresholds,
    )
    held_out = corpus.load_jsonl(corpus.HELDOUT_FILE)
    a = old.heads.scores([old_model._analyse(text=e["text"], channel=e.get("channel")) for e in held_out])
    b = new.heads.scores([new_model._analyse(text=e["text"], channel=e.get("channel")) for e in held_out])
    for key in a:
        assert pickle.dumps(a[key]) == pickle.dumps(b[key]), key
    for e in held_out:
        assert vars(old.suggest(text=e["text"], channel=e.get("channel"))) == vars(
            new.suggest(text=e["text"], channel=e.get("channel"))
        )
    print("identical: thresholds", new.urgent_threshold, new.police_threshold, "and", len(held_out), "suggestions")


if __name__ == "__main__":
    main()
