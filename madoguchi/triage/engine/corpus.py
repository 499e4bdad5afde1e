"""Which labelled files the assistant learns from, and which one only measures it.

- `seed.jsonl`: written by the project for training.
- `retired/`: held-out sets whose test role has ended. Each was written by an independent author
  and evaluated before it was retired (figures in docs/triage.md); a set is retired when a fresh one
  replaces it, and from then on it trains the model (a second and third author's wording is worth
  more than another hundred seed lines of our own).
- `heldout7/test.jsonl`: the current held-out set. It is never trained on and is evaluated once per
  round; ADR 0006 describes the rotation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SEED_FILE = DATA_DIR / "seed.jsonl"
RETIRED_FILES: tuple[Path, ...] = (
    DATA_DIR / "retired" / "heldout1" / "dev.jsonl",
    DATA_DIR / "retired" / "heldout1" / "test.jsonl",
    DATA_DIR / "retired" / "heldout2" / "test.jsonl",
    DATA_DIR / "retired" / "heldout3" / "test.jsonl",
    DATA_DIR / "retired" / "heldout4" / "test.jsonl",
    DATA_DIR / "retired" / "heldout5" / "test.jsonl",
    DATA_DIR / "retired" / "heldout6" / "test.jsonl",
)
HELDOUT_FILE = DATA_DIR / "heldout7" / "test.jsonl"

# The fields training reads; held-out files also carry `alt_categories`, which only scoring uses.
TRAINING_FIELDS = ("id", "channel", "text", "category", "urgent", "police", "flow", "situations")


def source_of(path: Path) -> str:
    """Who wrote a file: `seed`, or the held-out set's directory (one author per set)."""
    return "seed" if path == SEED_FILE else path.parent.name


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def training_examples() -> list[dict[str, Any]]:
    """Seed plus retired held-out sets, in a fixed order (the model version hashes this data)."""
    rows: list[dict[str, Any]] = []
    for path in (SEED_FILE, *RETIRED_FILES):
        source = source_of(path)
        rows.extend({**{key: row.get(key) for key in TRAINING_FIELDS}, "source": source} for row in load_jsonl(path))
    return rows
