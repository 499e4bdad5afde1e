"""Single-request timings of the staff case page and the staff search, in-process (no server, no other load).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/madoguchi_perfcase100k MADOGUCHI_DATA_DIR=... \
        .venv/bin/python bench/page_timings.py --cases 50 [--repeat 3] [--slowest 3] [--report docs/reliability.md]

Logs in the bench manager through Django's test client (as bench/prepare_load.py does, so only on a bench
database: it clears the 2FA requirement), requests `--cases` random case pages (ids are dense after a bulk
load) and every query of bench/loadtest.py's QUERIES `--repeat` times, and prints per endpoint (and per search
query) median / p95 / max ms and the SQL query count. `--slowest N` also prints each request's N slowest SQL
statements (for EXPLAIN). Figures only, no assertions; `--report` appends a Markdown table to that file.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from bench.loadtest import QUERIES, SEARCH, percentile


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from madoguchi.accounts.models import SecurityPolicy, User
    from madoguchi.accounts.roles import Role
    from madoguchi.cases.models import Case

    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=50, help="random case pages to request")
    parser.add_argument("--repeat", type=int, default=3, help="requests per search query")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--slowest", type=int, default=0, help="print each request's N slowest SQL statements")
    parser.add_argument("--label", default="", help="a heading for the report (before/after, database)")
    parser.add_argument("--report", help="append a Markdown table to this file")
    args = parser.parse_args()

    user, _ = User.objects.get_or_create(
        username="bench-manager", defaults={"role": Role.MANAGER, "display_name": "負荷試験 管理者"}
    )
    policy = SecurityPolicy.current()
    if policy.require_2fa_roles:
        policy.require_2fa_roles = []  # bench database only: the test client's session has no second factor
        policy.save()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    with connection.cursor() as cur:
        cur.execute("SELECT min(id), max(id), count(*) FROM cases_case")
        low, high, total = cur.fetchone()
    rng = random.Random(args.seed)
    ids = rng.sample(range(low, high + 1), min(args.cases * 2, high - low + 1))
    references = list(Case.objects.filter(pk__in=ids).values_list("reference", flat=True)[: args.cases])

    cpu: dict[str, list[float]] = {}
    sql_ms: dict[str, list[float]] = {}

    def bucket(path: str) -> str:
        return "panel" if "/panels/" in path else "search" if "/search/" in path else "case"

    def timed(path: str) -> tuple[float, int, list[tuple[float, str]]]:
        # A deferred panel is asked for as static/js/deferred-panels.js does.
        headers = {"HTTP_X_MADOGUCHI_FRAGMENT": "1"} if "/panels/" in path else {}
        with CaptureQueriesContext(connection) as ctx:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path, **headers)
            elapsed = (time.perf_counter() - start) * 1000
        # CPU time of this process (Python, templates, and SQLite's own work; not PostgreSQL's server):
        # less sensitive to the machine's load than the wall time.
        cpu.setdefault(bucket(path), []).append((time.process_time() - start_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        slow = sorted(((float(q["time"]) * 1000, q["sql"]) for q in ctx.captured_queries), reverse=True)
        sql_ms.setdefault(bucket(path), []).append(sum(t for t, _ in slow))
        return elapsed, len(ctx.captured_queries), slow[: args.slowest]

    # One warm-up request each (templates, statistics caches), not counted.
    timed(f"/staff/cases/{references[0]}/")
    timed(SEARCH + urllib.parse.quote(QUERIES[0]))
    cpu.clear()
    sql_ms.clear()

    rows: list[tuple[str, list[float], list[int]]] = []
    times, counts = [], []
    for reference in references:
        ms, n, slow = timed(f"/staff/cases/{reference}/")
        times.append(ms)
        counts.append(n)
        for q_ms, sql in slow:
            print(f"  case {reference} {q_ms:.1f} ms: {sql[:300]}", file=sys.stderr)
    rows.append((f"case page ({len(references)} random)", times, counts))
    times, counts = [], []
    for reference in references:
        ms, n, slow = timed(reverse("cases:panel", kwargs={"reference": reference, "key": "similar"}))
        times.append(ms)
        counts.append(n)
        for q_ms, sql in slow:
            print(f"  panel {reference} {q_ms:.1f} ms: {sql[:300]}", file=sys.stderr)
    rows.append(("its deferred panel (似た相談)", times, counts))
    all_search: list[float] = []
    all_counts: list[int] = []
    for query in QUERIES:
        times, counts = [], []
        for _ in range(args.repeat):
            ms, n, slow = timed(SEARCH + urllib.parse.quote(query))
            times.append(ms)
            counts.append(n)
            for q_ms, sql in slow:
                print(f"  search {query} {q_ms:.1f} ms: {sql[:300]}", file=sys.stderr)
        rows.append((f"search 「{query}」", times, counts))
        all_search.extend(times)
        all_counts.extend(counts)
    rows.insert(2, (f"search (all {len(QUERIES)} queries × {args.repeat})", all_search, all_counts))

    load = os.getloadavg()
    header = (
        f"{args.label or 'page timings'}: {connection.vendor} `{connection.settings_dict['NAME']}`, "
        f"{total:,} cases; {platform.python_version()}, {os.cpu_count()} cores, "
        f"load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
    )
    lines = [
        header,
        "",
        "| request | n | median ms | p95 ms | max ms | SQL queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, values, ns in rows:
        lines.append(
            f"| {name} | {len(values)} | {statistics.median(values):.1f} | {percentile(values, 95):.1f} | "
            f"{max(values):.1f} | {min(ns)}–{max(ns)} |"
        )
    lines.append("")

    def figures(values: list[float]) -> str:
        return f"{statistics.median(values):.1f} / {percentile(values, 95):.1f}"

    names = {"case": "case page", "panel": "its deferred panel", "search": "search"}
    lines.append(
        "CPU time of the benchmark process (median / p95 ms): "
        + ", ".join(f"{label} {figures(cpu[key])}" for key, label in names.items())
        + "; time waiting for SQL (median / p95 ms): "
        + ", ".join(f"{label} {figures(sql_ms[key])}" for key, label in names.items())
    )
    text = "\n".join(lines)
    print(text)
    if args.report:
        with open(args.report, "a", encoding="utf-8") as fh:
            fh.write("\n" + text + "\n")


if __name__ == "__main__":
    main()
