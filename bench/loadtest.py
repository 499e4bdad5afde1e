"""A bounded load test against a running server (make serve-like gunicorn on loopback). Standard library only.

    .venv/bin/python bench/loadtest.py --base http://127.0.0.1:8000 --cookie "$COOKIE" --case R-2026-00001 \
        --steps 1,2,4,8,16 --seconds 15 --output docs/reliability-load.json

Every step runs N client threads for a fixed time, each looping over the page mix; per page it reports requests
per second, p50/p95/p99 (ms) and errors (non-2xx/3xx answers and connection errors). No timed assertions: figures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import threading
import time
import urllib.parse
from collections import defaultdict


def pages(case: str) -> list[tuple[str, str, bool]]:
    """(name, path, staff?)"""
    return [
        ("public form", "/consult/", False),
        ("public home", "/", False),
        ("public FAQ", "/faq/", False),
        ("staff dashboard", "/staff/", True),
        ("case list", "/staff/cases/", True),
        ("case page", f"/staff/cases/{case}/", True),
        ("search", "/staff/knowledge/search/?q=" + urllib.parse.quote("不審なメール"), True),
    ]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def run_step(base: str, cookie: str, case: str, clients: int, seconds: float) -> dict[str, dict[str, float]]:
    url = urllib.parse.urlsplit(base)
    host = url.hostname or "127.0.0.1"
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    mix = pages(case)

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection(host, url.port or 80, timeout=30)
        i = offset
        while time.monotonic() < stop_at:
            name, path, staff = mix[i % len(mix)]
            i += 1
            headers = {"Host": "localhost", "Cookie": cookie} if staff else {"Host": "localhost"}
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = 200 <= response.status < 400
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(host, url.port or 80, timeout=30)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                times[name].append(elapsed)
                if not ok:
                    errors[name] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        name: {
            "requests": len(v),
            "rps": round(len(v) / seconds, 1),
            "p50": round(statistics.median(v), 1),
            "p95": round(percentile(v, 95), 1),
            "p99": round(percentile(v, 99), 1),
            "errors": errors[name],
        }
        for name, v in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--cookie", required=True, help="NAME=VALUE of a staff session")
    parser.add_argument("--case", required=True, help="reference of a case the session may open")
    parser.add_argument("--steps", default="1,2,4,8,16")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--output", default="")
    args = parser.parse_args()
    steps: list[dict[str, object]] = []
    result: dict[str, object] = {
        "steps": steps,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_before": os.getloadavg(),
        },
    }
    for clients in [int(s) for s in args.steps.split(",")]:
        figures = run_step(args.base, args.cookie, args.case, clients, args.seconds)
        steps.append({"clients": clients, "pages": figures, "load_after": os.getloadavg()})
        total = sum(f["rps"] for f in figures.values())
        errs = sum(f["errors"] for f in figures.values())
        print(f"{clients:>3} clients: {total:7.1f} req/s, errors {errs}", flush=True)
        for name, f in figures.items():
            print(
                f"      {name:16} {f['rps']:6.1f}/s p50 {f['p50']:7.1f} p95 {f['p95']:7.1f}"
                f" p99 {f['p99']:7.1f} err {f['errors']}"
            )
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            json.dump(result, handle, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
