"""What the data dir's write probe (core.datadir.probe: a 4 KiB write with fsync in each store, then the free space)
costs on this machine. A staff page pays it at most once per MADOGUCHI_STORAGE_CHECK_SECONDS per process, /readyz
on every call. Run with the server's environment (MADOGUCHI_DATA_DIR):
    .venv/bin/python bench/storage_probe.py --runs 200
Prints JSON with the median, p95 and max in milliseconds; figures go into docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    import django

    django.setup()
    from django.conf import settings

    from madoguchi.core import datadir

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    timings = []
    for _ in range(args.runs):
        started = time.perf_counter()
        state = datadir.probe()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        json.dumps(
            {
                "data_dir": str(settings.DATA_DIR),
                "stores_probed": len(datadir.probe_dirs()),
                "runs": args.runs,
                "writable": state.writable,
                "median_ms": round(statistics.median(timings), 2),
                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
                "max_ms": round(timings[-1], 2),
                "load_average": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
