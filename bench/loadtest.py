"""A bounded load test against a running server (make serve-like gunicorn on loopback). Standard library only.

    .venv/bin/python bench/prepare_load.py --sample 500 > /tmp/load-context.json
    .venv/bin/python bench/loadtest.py --base http://127.0.0.1:8000 --context /tmp/load-context.json \
        --seconds 30 --max-clients 64 --report docs/reliability.md --output var/loadtest.json

Steps of 1, 2, 3, 4, 6, 8, 12, ... clients (keep-alive connections, one thread each; the steps between the
powers of two find the knee of a two-core machine, which doubling skips), each for a fixed time, until a step has
errors, throughput stops rising (two steps in a row under 5 % above the best step so far: one noisy step does not
end the run) or --max-clients is reached. Every client loops over the mix: the public consultation form (GET,
確認 POST, 送信 POST: a real consultation each time, so the form's rate limits must be raised for the run), the
public FAQ list and an FAQ entry, and, as a manager, the dashboard, a random existing case page (and its deferred
panel, fetched as the page's script does), the case list and the search with varied Japanese queries.
Per step and endpoint: requests/s, p50/p95/p99 (ms), errors (an unexpected status or a connection error); per
step the CPU this script itself used, as a share of one core (it runs on the machine it measures). No timed
assertions: figures, printed and written as a Markdown section into the report (bench/run_load_1m.sh).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import http.client
import http.cookies
import json
import os
import platform
import random
import re
import threading
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

QUERIES = [
    "ランサムウェア",
    "不正アクセス",
    "情報漏洩",
    "サポート詐欺",
    "ビジネスメール詐欺",
    "VPN機器",
    "パスワード",
    "バックアップ",
    "Emotet",
    "ネットバンキング",
    "不審なメール",
    "漏洩",
    "ウイルス",
    "遠隔操作",
    "身代金",
    "ﾊﾟｽﾜｰﾄﾞ",
    "サーバ",
    "tag:VPN",
]
BODIES = [
    "取引先を装ったメールの添付ファイルを開いてしまいました。画面に変化はありません。",
    "ファイルサーバーのファイルが暗号化され、身代金を要求する画面が出ています。",
    "ネットバンキングから身に覚えのない送金がありました。警察に相談すべきでしょうか。",
    "偽のセキュリティ警告が表示され、電話したら遠隔操作ソフトを入れるよう言われました。",
]
SEARCH = "/staff/knowledge/search/?q="
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PANEL_URL = re.compile(r'data-panel-url="([^"]+)"')
ENDPOINTS = [
    "public form GET",
    "public form 確認 POST",
    "public form 送信 POST",
    "public FAQ list",
    "public FAQ entry",
    "staff dashboard",
    "case page",
    "case page's deferred panel",
    "case list",
    "search",
]


class Client:
    """One keep-alive connection with its own cookie jar (the staff session is set from the start)."""

    def __init__(self, host: str, port: int, staff_cookie: str) -> None:
        self.host, self.port = host, port
        self.conn = http.client.HTTPConnection(host, port, timeout=60)
        self.staff_cookie = staff_cookie
        self.jar: dict[str, str] = {}

    def request(
        self, method: str, path: str, *, staff: bool, form: dict[str, str] | None = None, fragment: bool = False
    ) -> tuple[int, str]:
        headers = {"Host": "localhost"}
        if fragment:
            headers["X-Madoguchi-Fragment"] = "1"  # as static/js/deferred-panels.js asks for a panel
        cookies = [self.staff_cookie] if staff else [f"{k}={v}" for k, v in self.jar.items()]
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            return 0, ""
        if not staff:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    self.jar[name] = morsel.value
        return response.status, text


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def run_step(base: str, context: dict[str, Any], clients: int, seconds: float) -> dict[str, dict[str, float]]:
    url = urllib.parse.urlsplit(base)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    references: list[str] = context["references"]
    faq_ids: list[int] = context.get("faq_ids") or []

    def worker(number: int) -> None:
        rng = random.Random(number)
        client = Client(host, port, context["session_cookie"])

        def timed(name: str, expected: int, method: str, path: str, **kw: Any) -> str:
            start = time.perf_counter()
            status, text = client.request(method, path, **kw)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                times[name].append(elapsed)
                if status != expected:
                    errors[name] += 1
            return text if status == expected else ""

        def public_form() -> None:
            page = timed("public form GET", 200, "GET", "/consult/", staff=False)
            token = CSRF_INPUT.search(page)
            if token is None:
                return
            form = {
                "csrfmiddlewaretoken": token.group(1),
                "org_name": f"株式会社負荷試験{number}（架空）",
                "industry": "I",
                "employee_band": "6-20",
                "prefecture": "東京都",
                "municipality": "港区",
                "person_name": f"架空 花子{number}",
                "phone": "03-0000-0000",
                "email": f"load{number}@example.jp",
                "body": rng.choice(BODIES),
                "consent": "on",
                "website": "",
            }
            if timed("public form 確認 POST", 200, "POST", "/consult/", staff=False, form=form):
                timed("public form 送信 POST", 302, "POST", "/consult/", staff=False, form={**form, "step": "confirm"})

        def case_page() -> None:
            page = timed("case page", 200, "GET", f"/staff/cases/{rng.choice(references)}/", staff=True)
            # A browser fills in each deferred panel when the desk scrolls near it; counted here for every view.
            for url in PANEL_URL.findall(page):
                timed("case page's deferred panel", 200, "GET", html.unescape(url), staff=True, fragment=True)

        mix: list[Callable[[], Any]] = [
            public_form,
            lambda: timed("public FAQ list", 200, "GET", "/faq/", staff=False),
            lambda: faq_ids and timed("public FAQ entry", 200, "GET", f"/faq/{rng.choice(faq_ids)}/", staff=False),
            lambda: timed("staff dashboard", 200, "GET", "/staff/", staff=True),
            case_page,
            lambda: timed("case list", 200, "GET", "/staff/cases/", staff=True),
            lambda: timed("search", 200, "GET", SEARCH + urllib.parse.quote(rng.choice(QUERIES)), staff=True),
        ]
        i = number
        while time.monotonic() < stop_at:
            mix[i % len(mix)]()
            i += 1
        client.conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started  # the last requests end after stop_at
    return {
        name: {
            "requests": len(times[name]),
            "rps": round(len(times[name]) / elapsed, 1),
            "p50": round(percentile(times[name], 50), 1),
            "p95": round(percentile(times[name], 95), 1),
            "p99": round(percentile(times[name], 99), 1),
            "errors": errors[name],
        }
        for name in ENDPOINTS
        if times[name]
    }


def machine() -> dict[str, Any]:
    cpu = ""
    memory_gb = 0.0
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
        memory_gb = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "gunicorn_workers": os.environ.get("WEB_CONCURRENCY", "3"),
        "public_form_rate": os.environ.get("MADOGUCHI_PUBLIC_FORM_RATE", ""),
        "public_form_post_rate": os.environ.get("MADOGUCHI_PUBLIC_FORM_POST_RATE", ""),
    }


def client_steps(max_clients: int) -> list[int]:
    """1, 2, 3, 4, 6, 8, 12, 16, ...: powers of two and the midpoints between them, up to max_clients."""
    steps, power = [1], 2
    while power <= max_clients:
        steps.append(power)
        if power + power // 2 <= max_clients:
            steps.append(power + power // 2)
        power *= 2
    return steps


def total(figures: dict[str, dict[str, float]]) -> tuple[float, int]:
    return sum(f["rps"] for f in figures.values()), int(sum(f["errors"] for f in figures.values()))


def _verdict(step: dict[str, Any]) -> str:
    pages = step["pages"]
    verdict = []
    for name in ("case page", "search"):
        if name in pages:
            p95 = pages[name]["p95"]
            verdict.append(f"{name} p95 {p95} ms ({'meets' if p95 <= 150 else 'misses'} the 150 ms goal)")
    return f"{step['clients']} clients, {total(pages)[0]:.1f} requests/s; " + "; ".join(verdict) + "."


def markdown(result: dict[str, Any]) -> str:
    m, db = result["machine"], result["database"]
    counts = ", ".join(f"{name} {n:,}" for name, n in db.get("rows", {}).items())
    lines = [
        f"### Run of {result['started']} UTC: {db.get('rows', {}).get('cases', 0):,} consultations",
        "",
        f"Machine: {m['cpu'] or 'CPU unknown'}, {m['cores']} cores, {m['memory_gb']} GB RAM, {m['platform']}, "
        f"Python {m['python']}; load average before the run {' / '.join(str(x) for x in m['load_before'])}. "
        f"PostgreSQL {db.get('postgresql', '?')} on the same machine, database `{db.get('name', '?')}` "
        f"({db.get('size', '?')}): {counts}. gunicorn {m['gunicorn_workers']} sync workers (`make serve` settings). "
        f"Public form rate limits raised for the run: `MADOGUCHI_PUBLIC_FORM_RATE={m['public_form_rate']}`, "
        f"`MADOGUCHI_PUBLIC_FORM_POST_RATE={m['public_form_post_rate']}`. {result['seconds']:.0f} s per step after "
        f"{result['warmup']:.0f} s of warm-up; stopped because {result['stopped_because']}.",
        "",
        "| clients | endpoint | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for step in result["steps"]:
        for name, f in step["pages"].items():
            lines.append(
                f"| {step['clients']} | {name} | {f['rps']} | {f['p50']} | {f['p95']} | {f['p99']} | {f['errors']} |"
            )
        rps, errs = total(step["pages"])
        lines.append(f"| {step['clients']} | **all** | **{rps:.1f}** | | | | {errs} |")
    lines.append("")
    lines.append(
        "This script's own CPU per step (share of one core; it runs on the measured machine): "
        + ", ".join(f"{s['clients']} clients {s.get('generator_cpu_percent', '?')} %" for s in result["steps"])
        + "."
    )
    best = result.get("best_clean_step")
    lines.append("")
    if best is None:
        lines.append("No step ran without errors.")
    else:
        clean = [s for s in result["steps"] if not total(s["pages"])[1]]
        top = max(total(s["pages"])[0] for s in clean)
        # Saturation: the first step within 5 % of the best throughput; past it, more clients only wait in the queue.
        peak = next(s for s in clean if total(s["pages"])[0] >= 0.95 * top)
        lines.append(
            f"Highest load the machine holds (the first error-free step within 5 % of the best throughput, "
            f"{top:.1f} requests/s; past it more clients only queue): {_verdict(peak)}"
        )
        if best is not peak:
            lines.append("")
            lines.append(f"Last error-free step (clients queueing behind a saturated machine): {_verdict(best)}")
    return "\n".join(lines) + "\n"


def write_report(path: Path, section: str) -> None:
    """Insert the section at the end of the load-test part (before 「## Not done」 when there is one)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    marker = "\n## Not done"
    if marker in text:
        head, tail = text.split(marker, 1)
        text = f"{head.rstrip()}\n\n{section}{marker}{tail}"
    else:
        text = f"{text.rstrip()}\n\n{section}"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--context", required=True, help="JSON from bench/prepare_load.py (session, references)")
    parser.add_argument("--seconds", type=float, default=30, help="length of each step")
    parser.add_argument("--warmup", type=float, default=15, help="seconds at 2 clients before the first step")
    parser.add_argument("--max-clients", type=int, default=64)
    parser.add_argument("--output", default="", help="raw figures as JSON")
    parser.add_argument("--report", default="", help="Markdown file to add the section to (docs/reliability.md)")
    args = parser.parse_args()
    context = json.loads(Path(args.context).read_text(encoding="utf-8"))
    steps: list[dict[str, Any]] = []
    result: dict[str, Any] = {
        "started": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "database": context.get("database", {}),
        "seconds": args.seconds,
        "warmup": args.warmup,
        "steps": steps,
        "stopped_because": f"{args.max_clients} clients were reached",
        "best_clean_step": None,
    }
    if args.warmup > 0:
        run_step(args.base, context, 2, args.warmup)
    best_rps = 0.0
    flat_steps = 0
    for clients in client_steps(args.max_clients):
        cpu_before, wall_before = time.process_time(), time.monotonic()
        figures = run_step(args.base, context, clients, args.seconds)
        generator_cpu = round(100 * (time.process_time() - cpu_before) / (time.monotonic() - wall_before))
        rps, errs = total(figures)
        step = {
            "clients": clients,
            "pages": figures,
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "generator_cpu_percent": generator_cpu,
        }
        steps.append(step)
        print(f"{clients:>3} clients: {rps:7.1f} req/s, errors {errs}, this script {generator_cpu} % of a core")
        for name, f in figures.items():
            print(
                f"      {name:22} {f['rps']:6.1f}/s p50 {f['p50']:7.1f} p95 {f['p95']:7.1f}"
                f" p99 {f['p99']:7.1f} err {f['errors']}",
                flush=True,
            )
        if errs:
            result["stopped_because"] = f"errors appeared at {clients} clients"
            break
        result["best_clean_step"] = step
        flat_steps = flat_steps + 1 if best_rps and rps < best_rps * 1.05 else 0
        if flat_steps == 2:
            result["stopped_because"] = f"throughput stopped rising (two steps in a row) at {clients} clients"
            break
        best_rps = max(best_rps, rps)
    if args.output:
        Path(args.output).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    section = markdown(result)
    print(section)
    if args.report:
        write_report(Path(args.report), section)


if __name__ == "__main__":
    main()
