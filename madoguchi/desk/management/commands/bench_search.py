"""Search benchmark: synthetic consultations in a scratch database, index vs plain LIKE/ILIKE scan.

Never touches the default database: SQLite runs in a file under a temporary directory, PostgreSQL in a
database created and dropped by this command. Reports numbers; asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max
from django.utils import timezone

from madoguchi.knowledge.bench_data import SyntheticCase, synthetic_cases
from madoguchi.knowledge.models import SearchEntry
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.backends.postgres import tsvector_literal
from madoguchi.knowledge.search.normalize import normalize_text
from madoguchi.knowledge.search.service import indexed_body
from madoguchi.knowledge.search.types import SearchFilters

QUERIES: dict[str, list[str]] = {
    "1文字": ["漏", "詐", "鍵", "盗", "脆"],
    "2文字": ["漏洩", "ウイ", "PC", "詐欺", "盗難"],
    "4文字": ["ウイルス", "情報漏洩", "不正送金", "遠隔操作", "暗号化さ"],
    "8文字": ["遠隔操作ソフトを", "身代金を要求する", "顧客情報が漏えい", "不審なメールの添", "ネットバンキング"],
}
FILTERED: list[tuple[str, dict[str, Any]]] = [
    ("ウイルス", {"category": "general", "days": 180}),
    ("漏洩", {"channel": "email", "days": 365}),
    ("サーバ", {"status": "closed", "tag": "VPN"}),
]
BATCH = 10_000
COLUMNS = (
    "id, kind, object_id, title, body, title_norm, body_norm, category, status, channel, received_at, tags, "
    "visibility, url, updated_at"
)


def _row(i: int, c: SyntheticCase, now: Any) -> tuple[Any, ...]:
    tags = f"|{'|'.join(sorted(c.tags))}|" if c.tags else ""
    return (
        i, "case", i, c.title, c.body, normalize_text(c.title), indexed_body(c.body, c.tags),
        c.category, c.status, c.channel, c.received_at, tags, "staff", "", now,
    )  # fmt: skip


def _postings(batch: list[tuple[Any, ...]]) -> list[tuple[int, str]]:
    """(entry id, tag) rows of the tag postings table (what service.bulk_add writes)."""
    return [(row[0], tag) for row in batch for tag in row[11].split("|") if tag]


def _batches(records: int) -> Iterator[list[tuple[Any, ...]]]:
    now = timezone.now()
    batch: list[tuple[Any, ...]] = []
    for i, c in enumerate(synthetic_cases(count=records), start=1):
        batch.append(_row(i, c, now))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _time(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    fn()  # warm-up
    out, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - t) * 1000)
    return out, result


class Command(BaseCommand):
    help = "検索のベンチマーク（合成データ・一時データベース）。結果を Markdown の表で出力します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--records", type=int, default=1_000_000)
        parser.add_argument("--quick", action="store_true", help="100,000 件で実行")
        parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
        parser.add_argument("--repeat", type=int, default=20, help="索引検索の繰り返し回数（クエリごと）")
        parser.add_argument("--scan-repeat", type=int, default=3, help="LIKE 走査の繰り返し回数（クエリごと）")
        parser.add_argument(
            "--pg-url",
            default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
            help="ベンチマーク用データベースを作成するサーバ（このデータベース自体には書き込みません）",
        )
        parser.add_argument("--pg-db", default="madoguchi_bench")
        parser.add_argument(
            "--keep", action="store_true", help="一時データベースを削除せずに残す（計画の調査用。後で手動で削除）"
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="--keep で残したデータベース（--sqlite-path / --pg-db）があれば投入と索引作成を省略する",
        )
        parser.add_argument("--sqlite-path", default="", help="SQLite の一時ファイル（省略時は一時ディレクトリ）")

    def handle(self, *args: Any, **options: Any) -> None:
        records = 100_000 if options["quick"] else options["records"]
        backends = ["sqlite", "postgres"] if options["backend"] == "both" else [options["backend"]]
        build_rows: list[str] = []
        query_rows: list[str] = []
        for backend in backends:
            runner = self._sqlite if backend == "sqlite" else self._postgres
            build, queries = runner(records=records, options=options)
            build_rows.append(build)
            query_rows.extend(queries)
        self.stdout.write(f"\n### {records:,} 件\n")
        self.stdout.write("| backend | 投入 s | 索引作成 s | 索引サイズ MB | 表サイズ MB |")
        self.stdout.write("|---|---:|---:|---:|---:|")
        for row in build_rows:
            self.stdout.write(row)
        self.stdout.write(
            "\n| backend | クエリ | 索引 p50 ms | 索引 p95 ms | 走査 p50 ms | 走査 p95 ms | 倍率 (p95) "
            "| ヒット数 (中央値) |"
        )
        self.stdout.write("|---|---|---:|---:|---:|---:|---:|---:|")
        for row in query_rows:
            self.stdout.write(row)

    # --- scratch databases -------------------------------------------------------------------

    def _add_alias(self, alias: str, config: Any) -> None:
        configured = connections.configure_settings({"default": dict(settings.DATABASES["default"]), alias: config})
        connections.settings[alias] = configured[alias]

    def _migrate(self, alias: str) -> None:
        executor = MigrationExecutor(connections[alias])
        executor.migrate(executor.loader.graph.leaf_nodes("knowledge"))

    def _log(self, text: str) -> None:
        self.stderr.write(f"[{time.strftime('%H:%M:%S')}] {text}")

    # --- SQLite --------------------------------------------------------------------------------

    def _sqlite(self, *, records: int, options: dict[str, Any]) -> tuple[str, list[str]]:
        tmp = tempfile.mkdtemp(prefix="madoguchi-bench-")
        path = options["sqlite_path"] or os.path.join(tmp, "bench.sqlite3")
        reuse = options["reuse"] and os.path.exists(path)
        alias = "bench_sqlite"
        self._add_alias(alias, {"ENGINE": "django.db.backends.sqlite3", "NAME": path})
        try:
            self._migrate(alias)
            conn = connections[alias]
            if reuse:
                self._log(f"SQLite: reusing {path}")
                build = f"| SQLite {self._sqlite_version(alias)} | ― | ― | ― | {os.path.getsize(path) / 1e6:.0f} |"
                return build, self._measure("SQLite", alias, self._sqlite_scan(alias), options)
            with conn.cursor() as cur:
                # A scratch file: no journal. In WAL mode one big build transaction rewrites FTS5
                # segments into a WAL of several GB before it can be checkpointed.
                cur.execute("PRAGMA journal_mode=OFF")
                cur.execute("PRAGMA synchronous=OFF")
                cur.execute("PRAGMA temp_store=MEMORY")
                cur.execute("PRAGMA cache_size=-1000000")
            self._log("SQLite: loading")
            started = time.perf_counter()
            # Datetimes stored as the ORM stores them (UTC text without an offset): raw aware datetimes
            # would be written with "+09:00" and compare as text nine hours off with the date filters.
            adapt = conn.ops.adapt_datetimefield_value
            with conn.cursor() as cur:
                for batch in _batches(records):
                    cur.executemany(
                        f"INSERT INTO knowledge_searchentry ({COLUMNS}) VALUES ({', '.join(['%s'] * 15)})",
                        [(*r[:10], adapt(r[10]), *r[11:14], adapt(r[14])) for r in batch],
                    )
                    cur.executemany("INSERT INTO knowledge_searchtag (entry_id, tag) VALUES (%s, %s)", _postings(batch))
            load_s = time.perf_counter() - started
            size_before = os.path.getsize(path)
            self._log(f"SQLite: loaded in {load_s:.1f}s; building indexes")
            started = time.perf_counter()
            service.get_backend(using=alias).rebuild()
            with conn.cursor() as cur:
                cur.execute("INSERT INTO knowledge_search_tri(knowledge_search_tri) VALUES ('optimize')")
                cur.execute("INSERT INTO knowledge_search_bi(knowledge_search_bi) VALUES ('optimize')")
                cur.execute("ANALYZE")
            build_s = time.perf_counter() - started
            index_mb = (os.path.getsize(path) - size_before) / 1e6
            self._log(f"SQLite: indexes built in {build_s:.1f}s")
            build = (
                f"| SQLite {self._sqlite_version(alias)} | {load_s:.1f} | {build_s:.1f} | {index_mb:.0f} "
                f"| {size_before / 1e6:.0f} |"
            )
            return build, self._measure("SQLite", alias, self._sqlite_scan(alias), options)
        finally:
            connections[alias].close()
            del connections.settings[alias]
            if options["keep"]:
                self._log(f"SQLite: kept {path}")
            elif options["sqlite_path"]:
                os.remove(path)
            if not options["keep"] or options["sqlite_path"]:
                shutil.rmtree(tmp, ignore_errors=True)

    def _sqlite_scan(self, alias: str) -> Callable[[str], Callable[[], Any]]:
        def scan(q: str) -> Callable[[], Any]:
            def run() -> int:
                with connections[alias].cursor() as cur:
                    pattern = f"%{q}%"
                    cur.execute(
                        "SELECT count(*) FROM knowledge_searchentry WHERE title LIKE %s OR body LIKE %s",
                        [pattern, pattern],
                    )
                    return int(cur.fetchone()[0])

            return run

        return scan

    def _sqlite_version(self, alias: str) -> str:
        with connections[alias].cursor() as cur:
            cur.execute("SELECT sqlite_version()")
            return str(cur.fetchone()[0])

    # --- PostgreSQL ----------------------------------------------------------------------------

    def _postgres(self, *, records: int, options: dict[str, Any]) -> tuple[str, list[str]]:
        server = dj_database_url.parse(options["pg_url"])
        name = options["pg_db"]
        if not name.startswith("madoguchi_bench"):
            raise CommandError("--pg-db must start with madoguchi_bench (it is dropped afterwards)")
        admin_alias, alias = "bench_pg_admin", "bench_pg"
        self._add_alias(admin_alias, server)
        with connections[admin_alias].cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name])
            reuse = options["reuse"] and cur.fetchone()[0] == 1
            if not reuse:
                cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cur.execute(
                    f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' "
                    "TEMPLATE template0"
                )
        self._add_alias(alias, {**server, "NAME": name})
        try:
            self._migrate(alias)
            conn = connections[alias]
            if reuse:
                self._log(f"PostgreSQL: reusing {name}")
                with conn.cursor() as cur:
                    cur.execute("ANALYZE knowledge_searchentry")
                    cur.execute("ANALYZE knowledge_searchtag")
                    cur.execute("SELECT current_setting('server_version')")
                    version = cur.fetchone()[0]
                return f"| PostgreSQL {version.split()[0]} | ― | ― | ― | ― |", self._measure(
                    "PostgreSQL", alias, self._pg_scan(alias), options
                )
            with conn.cursor() as cur:
                cur.execute("DROP INDEX knowledge_searchentry_trgm")
                cur.execute("DROP INDEX knowledge_searchentry_bigrams")
            self._log("PostgreSQL: loading (COPY)")
            started = time.perf_counter()
            with conn.cursor() as cur:
                raw = cur.cursor
                postings: list[tuple[int, str]] = []
                with raw.copy(f"COPY knowledge_searchentry ({COLUMNS}, bigrams) FROM STDIN") as copy:
                    for batch in _batches(records):
                        postings.extend(_postings(batch))
                        for row in batch:
                            copy.write_row((*row, tsvector_literal(title_norm=row[5], body_norm=row[6])))
                with raw.copy("COPY knowledge_searchtag (entry_id, tag) FROM STDIN") as copy:
                    for posting in postings:
                        copy.write_row(posting)
                cur.execute(
                    "SELECT setval(pg_get_serial_sequence('knowledge_searchentry', 'id'), max(id)) "
                    "FROM knowledge_searchentry"
                )
            load_s = time.perf_counter() - started
            self._log(f"PostgreSQL: loaded in {load_s:.1f}s; building indexes")
            started = time.perf_counter()
            with conn.cursor() as cur:
                cur.execute("SET maintenance_work_mem = '1GB'")
                cur.execute(
                    "CREATE INDEX knowledge_searchentry_trgm ON knowledge_searchentry "
                    "USING gin ((title_norm || ' ' || body_norm) gin_trgm_ops)"
                )
                cur.execute("CREATE INDEX knowledge_searchentry_bigrams ON knowledge_searchentry USING gin (bigrams)")
                cur.execute("VACUUM ANALYZE knowledge_searchentry")
                cur.execute("VACUUM ANALYZE knowledge_searchtag")
            build_s = time.perf_counter() - started
            with conn.cursor() as cur:
                cur.execute(
                    "SELECT pg_relation_size('knowledge_searchentry_trgm')"
                    " + pg_relation_size('knowledge_searchentry_bigrams'),"
                    " pg_total_relation_size('knowledge_searchentry') - pg_indexes_size('knowledge_searchentry'),"
                    " current_setting('server_version')"
                )
                index_bytes, table_bytes, version = cur.fetchone()
            self._log(f"PostgreSQL: indexes built in {build_s:.1f}s")
            build = (
                f"| PostgreSQL {version.split()[0]} | {load_s:.1f} | {build_s:.1f} | {index_bytes / 1e6:.0f} "
                f"| {table_bytes / 1e6:.0f} |"
            )

            return build, self._measure("PostgreSQL", alias, self._pg_scan(alias), options)
        finally:
            connections[alias].close()
            del connections.settings[alias]
            with connections[admin_alias].cursor() as cur:
                if options["keep"]:
                    self._log(f"PostgreSQL: kept database {name}")
                else:
                    cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connections[admin_alias].close()
            del connections.settings[admin_alias]

    def _pg_scan(self, alias: str) -> Callable[[str], Callable[[], Any]]:
        def scan(q: str) -> Callable[[], Any]:
            def run() -> int:
                with connections[alias].cursor() as cur:
                    pattern = f"%{q}%"
                    cur.execute(
                        "SELECT count(*) FROM knowledge_searchentry WHERE title ILIKE %s OR body ILIKE %s",
                        [pattern, pattern],
                    )
                    return int(cur.fetchone()[0])

            return run

        return scan

    # --- measuring -----------------------------------------------------------------------------

    def _measure(
        self, label: str, alias: str, scan: Callable[[str], Callable[[], Any]], options: dict[str, Any]
    ) -> list[str]:
        rows = []
        # Through the ORM: a raw max() on SQLite returns text, and the date filters then fell back to
        # today, after the whole synthetic range (two of the three filtered queries matched nothing).
        latest = SearchEntry.objects.using(alias).aggregate(latest=Max("received_at"))["latest"]
        latest_day = timezone.localtime(latest).date()
        classes: list[tuple[str, list[tuple[str, SearchFilters]]]] = [
            (name, [(q, SearchFilters()) for q in qs]) for name, qs in QUERIES.items()
        ]
        filtered = []
        for q, f in FILTERED:
            days = f.get("days")
            filtered.append(
                (
                    q,
                    SearchFilters(
                        category=f.get("category", ""),
                        channel=f.get("channel", ""),
                        status=f.get("status", ""),
                        tag=f.get("tag", ""),
                        date_from=(latest_day - dt.timedelta(days=days)) if days else None,
                    ),
                )
            )
        classes.append(("絞り込み", filtered))
        for name, cases in classes:
            index_ms: list[float] = []
            scan_ms: list[float] = []
            hits: list[int] = []
            for q, filters in cases:
                run = functools.partial(service.search, query=q, filters=filters, using=alias)
                samples, page = _time(run, options["repeat"])
                index_ms += samples
                hits.append(page.total)
                if filters == SearchFilters():
                    s_samples, _n = _time(scan(q), options["scan_repeat"])
                    scan_ms += s_samples
            self._log(f"{label} {name}: p95 {_pct(index_ms, 0.95):.1f} ms")
            if scan_ms:
                ratio = f"{_pct(scan_ms, 0.95) / max(_pct(index_ms, 0.95), 0.001):.0f}×"
                scan_cols = f"{_pct(scan_ms, 0.5):.0f} | {_pct(scan_ms, 0.95):.0f} | {ratio}"
            else:
                scan_cols = "― | ― | ―"
            rows.append(
                f"| {label} | {name}（{len(cases)}語） | {_pct(index_ms, 0.5):.1f} | {_pct(index_ms, 0.95):.1f} | "
                f"{scan_cols} | {statistics.median(hits):.0f} |"
            )
        return rows
