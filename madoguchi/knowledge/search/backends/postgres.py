"""PostgreSQL backend: pg_trgm GIN for terms of 3+ characters, a GIN over a bigram tsvector for 1-2.

The tsvector is built from our own bigram tokens (a literal, not to_tsvector), so PostgreSQL's text
parser never splits or folds Japanese differently from SQLite. The database needs a UTF-8 ctype,
or pg_trgm extracts no trigrams from Japanese (checked at connection time in core/db_checks.py).
"""

# SQL here is assembled from table names and placeholders only; every value is a bound parameter.

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from madoguchi.knowledge.search.backends.base import (
    ENTRY,
    EXCLUDED_ENTRY_SQL,
    day_start,
    filter_sql,
    like_escape,
    rarest_within,
    regex_escape,
)
from madoguchi.knowledge.search.normalize import bigram_tokens, word_segments
from madoguchi.knowledge.search.types import CandidateRequest

# The trigram index is on this expression; queries must spell it the same way to use it.
TEXT_EXPR = f"({ENTRY}.title_norm || ' ' || {ENTRY}.body_norm)"
TITLE_WEIGHT = 3.0
# Postings of one tag walked before the tag walk gives way to the general query (_tag_walk).
TAG_WALK_CAP = 20_000
# How long the column statistics read from pg_stats are reused (autovacuum refreshes them).
STATS_TTL_SECONDS = 600.0
# Similar records (any_of_sql): the rarest grams whose estimated entries add up to at most RARE_ROWS_BUDGET
# are read through the index; COMMON_GRAMS of the others are looked for in the newest RECENT_SCAN entries.
RARE_ROWS_BUDGET = 1500
# Search: walk the newest entries when that visits fewer than this many rows per match the index would read
# (walk_newest_first; at 100,000 entries 「身代金」 took 57-59 ms walked against 66-108 ms through the index).
WALK_ADVANTAGE = 2.0
COMMON_GRAMS = 8
RECENT_SCAN = 20_000


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def index_tokens(norm: str) -> set[str]:
    """Bigrams plus every single character as its own lexeme.

    With unigram lexemes a one-character query is an exact lexeme match instead of a prefix match
    ('漏':*). PostgreSQL's tsvector statistics then estimate its row count (a prefix match gets a
    fixed guess), so a character that occurs nowhere is planned as a GIN bitmap scan, not as a
    backward walk of the primary key through the whole table.
    """
    tokens = set(bigram_tokens(norm))
    for seg in word_segments(norm):
        tokens.update(seg)
    return tokens


def tsvector_literal(*, title_norm: str, body_norm: str) -> str:
    tokens = index_tokens(title_norm) | index_tokens(body_norm)
    return " ".join(_lexeme(t) for t in sorted(tokens))


def tsquery_literal(terms: list[str]) -> str:
    parts: list[str] = []
    for term in terms:
        parts.extend(_lexeme(seg) for seg in word_segments(term))
    return " & ".join(parts)


@dataclass(frozen=True)
class ColumnStats:
    """Most common values (or tsvector lexemes) with their row fractions, from pg_stats."""

    freqs: dict[str, float] = field(default_factory=dict)
    # Fraction assumed for a value outside the list: PostgreSQL lists every value above this one.
    floor: float = 1.0

    def fraction(self, value: str) -> float:
        return self.freqs.get(value, self.floor)


@dataclass(frozen=True)
class EntryStats:
    """What ANALYZE knows about knowledge_searchentry: enough to guess how selective a search is."""

    tokens: ColumnStats
    columns: dict[str, ColumnStats]
    received_bounds: tuple[dt.datetime, ...] = ()
    # Rows of the table when it was last analysed (pg_class.reltuples).
    rows: float = 0.0

    def gram_rows(self, gram: str) -> float:
        """Upper estimate of the entries containing a 3-gram: its rarer bigram lexeme's share of the rows."""
        return self.rows * min(self.tokens.fraction(gram[i : i + 2]) for i in range(len(gram) - 1))

    def text_fraction(self, terms: list[str]) -> float:
        """Fraction of entries containing every term: per term its rarest token, terms independent."""
        fraction = 1.0
        for term in terms:
            tokens = set(word_segments(term)) if len(term) < 3 else set(bigram_tokens(term))
            fraction *= min((self.tokens.fraction(t) for t in tokens), default=1.0)
        return fraction

    def date_fraction(self, start: dt.datetime | None, end: dt.datetime | None) -> float:
        bounds = self.received_bounds
        if not bounds or (start is None and end is None):
            return 1.0
        inside = sum(1 for b in bounds if (start is None or b >= start) and (end is None or b < end))
        return max(inside, 1) / len(bounds)

    def expected_walk(self, request: CandidateRequest, *, start: dt.datetime | None, end: dt.datetime | None) -> float:
        """Postings of the tag the walk is expected to visit before the window is full."""
        fraction = self.text_fraction(list(request.query.terms))
        for column in ("category", "status", "channel"):
            value = getattr(request.filters, column)
            if value:
                fraction *= self.columns.get(column, ColumnStats()).fraction(value)
        fraction *= self.date_fraction(start, end)
        return request.window / max(fraction, 1e-12)


_stats_lock = threading.Lock()
_stats_cache: dict[str, tuple[float, EntryStats | None]] = {}


def forget_statistics() -> None:
    """Drop the cached pg_stats reading (after ANALYZE in tests, or a bulk load)."""
    with _stats_lock:
        _stats_cache.clear()


def _column_stats(values: list[str] | None, freqs: list[float] | None, *, lexemes: bool) -> ColumnStats:
    if not values or not freqs:
        return ColumnStats()
    # For tsvector columns the frequency array ends with min, max and the null fraction.
    listed = freqs[: len(values)]
    floor = min(listed) if listed else 1.0
    return ColumnStats(freqs=dict(zip(values, listed, strict=True)), floor=floor / 2 if lexemes else floor)


def read_statistics(connection: BaseDatabaseWrapper) -> EntryStats | None:
    """Statistics of the entries table, or None when the table has not been analysed yet."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT c.reltuples FROM pg_class c WHERE c.oid = to_regclass('knowledge_searchentry')")
        row = cursor.fetchone()
        if row is None or row[0] is None or row[0] <= 0:
            return None
        rows = float(row[0])
        cursor.execute(
            "SELECT attname, most_common_vals::text::text[], most_common_freqs::float8[], "
            "most_common_elems::text::text[], most_common_elem_freqs::float8[], "
            "CASE WHEN attname = 'received_at' THEN histogram_bounds::text::timestamptz[] END "
            "FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'knowledge_searchentry' "
            "AND attname IN ('bigrams', 'category', 'status', 'channel', 'received_at')"
        )
        found = {r[0]: r[1:] for r in cursor.fetchall()}
    if "bigrams" not in found:
        return None
    tokens = _column_stats(found["bigrams"][2], found["bigrams"][3], lexemes=True)
    columns = {
        name: _column_stats(found[name][0], found[name][1], lexemes=False)
        for name in ("category", "status", "channel")
        if name in found
    }
    bounds = tuple(found["received_at"][4] or ()) if "received_at" in found else ()
    return EntryStats(tokens=tokens, columns=columns, received_bounds=bounds, rows=rows)


def cached_statistics(connection: BaseDatabaseWrapper) -> EntryStats | None:
    key = f"{connection.alias}:{connection.settings_dict.get('NAME')}"
    now = time.monotonic()
    with _stats_lock:
        cached = _stats_cache.get(key)
    if cached is not None and now - cached[0] < STATS_TTL_SECONDS:
        return cached[1]
    stats = read_statistics(connection)
    with _stats_lock:
        _stats_cache[key] = (now, stats)
    return stats


def split_by_rarity(grams: list[str], stats: EntryStats | None) -> tuple[list[str], list[str]]:
    """(rare grams, rarest common grams), each rarest first. Without statistics (a new, small table) every
    gram counts as rare: the index reads of a small table are cheap whatever the grams."""
    if stats is None:
        return list(grams), []
    ranked = sorted(grams, key=lambda g: (stats.gram_rows(g), grams.index(g)))
    rare = rarest_within(ranked, rows=stats.gram_rows, budget=RARE_ROWS_BUDGET)
    common = [g for g in ranked if g not in rare][:COMMON_GRAMS]
    return rare, common


class PostgresBackend:
    vendor = "postgresql"

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def add(self, cursor: CursorWrapper, *, entry_id: int, title_norm: str, body_norm: str) -> None:
        cursor.execute(
            "UPDATE knowledge_searchentry SET bigrams = %s::tsvector WHERE id = %s",
            [tsvector_literal(title_norm=title_norm, body_norm=body_norm), entry_id],
        )

    def add_many(self, cursor: CursorWrapper, *, rows: list[tuple[int, str, str]]) -> None:
        cursor.executemany(
            "UPDATE knowledge_searchentry SET bigrams = %s::tsvector WHERE id = %s",
            [(tsvector_literal(title_norm=t, body_norm=b), i) for i, t, b in rows],
        )

    def remove(self, cursor: CursorWrapper, *, entry_id: int, title_norm: str, body_norm: str) -> None:
        # The GIN indexes follow the row itself; nothing to do besides deleting or updating it.
        return None

    def _where(self, request: CandidateRequest, *, walk: bool = False) -> tuple[list[str], list[Any]]:
        """Text conditions, then the filters. `walk`: the text conditions as `IS TRUE`, which no index serves,
        so the planner walks the primary key newest first and stops at the window (walk_newest_first)."""
        where: list[str] = []
        params: list[Any] = []
        wrap = "({}) IS TRUE" if walk else "{}"
        for term in request.query.long_terms:
            where.append(wrap.format(f"{TEXT_EXPR} LIKE %s"))
            params.append(f"%{like_escape(term)}%")
        if request.query.short_terms:
            where.append(wrap.format(f"{ENTRY}.bigrams @@ %s::tsquery"))
            params.append(tsquery_literal(request.query.short_terms))
        filters, filter_params = filter_sql(request, self.connection)
        return [*where, *filters], [*params, *filter_params]

    def _score(self, request: CandidateRequest) -> tuple[str, list[Any]]:
        # Per term: a title hit, plus a saturating count of body occurrences (tf in the bm25 spirit).
        pieces: list[str] = []
        params: list[Any] = []
        for term in request.query.terms:
            pieces.append(
                f"{TITLE_WEIGHT} * ({ENTRY}.title_norm LIKE %s)::int"
                f" + ln(1 + (length({ENTRY}.body_norm) - length(replace({ENTRY}.body_norm, %s, '')))::float"
                f" / {len(term)})"
            )
            params.extend([f"%{like_escape(term)}%", term])
        return " + ".join(pieces) or "0", params

    def candidates(self, request: CandidateRequest) -> list[tuple[int, float]]:
        # Filters are plain conditions here: with the B-tree indexes of the filter columns the planner
        # combines a selective filter with the GIN index itself (BitmapAnd). A filter-first plan as on
        # SQLite measured slower on PostgreSQL (it picks the date index and filters 40,000 rows).
        where, params = self._where(request, walk=self.walk_newest_first(request))
        score, score_params = self._score(request)
        if request.filters.tag and self.walk_tag_first(request):
            walked = self._tag_walk(request, where=where, params=params, score=(score, score_params))
            if walked is not None:
                return walked
        # Newest matches first through the primary key, then rank that window.
        sql = (
            f"SELECT id, {score.replace(ENTRY + '.', 'w.')} FROM ("
            f"SELECT {ENTRY}.id, {ENTRY}.title_norm, {ENTRY}.body_norm FROM knowledge_searchentry {ENTRY} "
            f"WHERE {' AND '.join(where)} ORDER BY {ENTRY}.id DESC LIMIT %s) w"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*score_params, *params, request.window])
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]

    def walk_newest_first(self, request: CandidateRequest) -> bool:
        """Whether walking the entries newest first is expected to visit fewer rows than the text index finds.

        The index reads every match (with a heap recheck and a permission lookup each) and sorts them for the
        window; the walk visits about window / (share of matching entries) rows and stops. A common text at
        scale (「身代金」 in 6 % of 100,000 entries: 6,164 matches against about 8,000 walked) is cheaper walked,
        and the gap widens with the table (the walk stays the same, the matches grow). Without statistics the
        index is used. A walked row costs less than a match read through the index (neighbouring rows share
        heap pages; a match is a random page plus a recheck), hence WALK_ADVANTAGE.
        """
        stats = cached_statistics(self.connection)
        if stats is None or not request.query.terms:
            return False
        f = request.filters
        start = day_start(f.date_from) if f.date_from else None
        end = day_start(f.date_to + dt.timedelta(days=1)) if f.date_to else None
        matches = stats.rows * stats.text_fraction(list(request.query.terms))
        walked = stats.expected_walk(request, start=start, end=end)
        return matches > request.window and walked < WALK_ADVANTAGE * matches

    def walk_tag_first(self, request: CandidateRequest) -> bool:
        """Whether the tag walk is expected to fill the window within its cap.

        A rare text is cheap through its own index (a small bitmap), and walking a common tag for it
        would visit the whole cap in vain; a common text with a tag is where the walk wins. The guess
        uses the statistics ANALYZE keeps (lexeme and value frequencies, the date histogram). Without
        statistics (a new, small table) the walk is tried: it is short there, and it gives way anyway.
        """
        stats = cached_statistics(self.connection)
        if stats is None:
            return True
        f = request.filters
        start = day_start(f.date_from) if f.date_from else None
        end = day_start(f.date_to + dt.timedelta(days=1)) if f.date_to else None
        return stats.expected_walk(request, start=start, end=end) <= TAG_WALK_CAP

    def _tag_walk(
        self, request: CandidateRequest, *, where: list[str], params: list[Any], score: tuple[str, list[Any]]
    ) -> list[tuple[int, float]] | None:
        """The newest matches found by walking the tag's postings newest first, or None to fall back.

        A tag filter is a LIKE on the tags text, which no index orders by id: with a broad text and a
        broad status the planner walks the primary key and discards most rows (70,000 for 500 matches
        at 1,000,000 entries). Walking the (tag, entry) B-tree backwards visits only that tag's entries.
        `OFFSET 0` keeps the lateral lookup a nested loop in posting order, so the LIMIT stops the walk
        (otherwise the planner prefers a merge join that reads the entries table in id order). The walk
        is capped: a tag with many postings and a rare text is better served by the text index, so when
        the cap is reached before the window is full the caller runs the general query instead.
        """
        tag = request.filters.tag.strip()[:100]
        sql = (
            f"SELECT m.id, {score[0].replace(ENTRY + '.', 'm.')} FROM ("
            f"SELECT {ENTRY}.id, {ENTRY}.title_norm, {ENTRY}.body_norm FROM ("
            "SELECT t.entry_id FROM knowledge_searchtag t WHERE t.tag = %s "
            "ORDER BY t.entry_id DESC LIMIT %s) p "
            f"CROSS JOIN LATERAL (SELECT {ENTRY}.id, {ENTRY}.title_norm, {ENTRY}.body_norm "
            f"FROM knowledge_searchentry {ENTRY} WHERE {ENTRY}.id = p.entry_id AND {' AND '.join(where)} "
            f"OFFSET 0) {ENTRY} ORDER BY p.entry_id DESC LIMIT %s) m"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*score[1], tag, TAG_WALK_CAP, *params, request.window])
            rows = [(int(r[0]), float(r[1])) for r in cursor.fetchall()]
            if len(rows) >= request.window:
                return rows
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM knowledge_searchtag t WHERE t.tag = %s "
                "ORDER BY t.entry_id DESC OFFSET %s LIMIT 1)",
                [tag, TAG_WALK_CAP],
            )
            truncated = bool(cursor.fetchone()[0])
        return None if truncated else rows

    def matching_ids_sql(self, request: CandidateRequest) -> tuple[str, list[Any]]:
        where, params = self._where(request)
        return f"SELECT {ENTRY}.object_id FROM knowledge_searchentry {ENTRY} WHERE {' AND '.join(where)}", params

    def any_of_sql(self, *, grams: list[str], exclude: tuple[str, int] | None, limit: int) -> tuple[str, list[Any]]:
        """Bounded candidate retrieval for similar records (docs/search.md "Similar consultations").

        Two parts, each of bounded cost whatever the size of the table:
        - the rarest grams whose entries add up to at most RARE_ROWS_BUDGET (upper estimates from the
          `pg_stats` lexeme frequencies): every entry containing one, through the trigram index, most shared
          rare grams first;
        - the newest entries containing one of the rarest remaining grams, walking the primary key
          backwards over at most RECENT_SCAN entries (`|| ''` keeps the planner off the trigram index,
          whose bitmap of a common gram covers most of the table).
        """
        stats = cached_statistics(self.connection)
        rare, common = split_by_rarity(grams, stats)
        parts: list[str] = []
        params: list[Any] = []
        excluded = ""
        if exclude is not None:
            excluded = f" AND {ENTRY}.id NOT IN ({EXCLUDED_ENTRY_SQL})"
        if rare:
            patterns = [f"%{like_escape(g)}%" for g in rare]
            shared = " + ".join([f"({TEXT_EXPR} LIKE %s)::int"] * len(rare))
            parts.append(
                f"(SELECT {ENTRY}.id FROM knowledge_searchentry {ENTRY} WHERE {TEXT_EXPR} LIKE ANY (%s){excluded} "
                f"ORDER BY {shared} DESC, {ENTRY}.id DESC LIMIT %s)"
            )
            params.extend([patterns, *(exclude or ()), *patterns, limit])
        if common:
            # One regular expression with the grams as alternatives reads each walked text once; `LIKE ANY` read
            # it once per gram (about half the time for eight grams over 1,800 entries at 1M).
            pattern = "|".join(regex_escape(g) for g in common)
            parts.append(
                f"(SELECT {ENTRY}.id FROM (SELECT {ENTRY}.id, {ENTRY}.title_norm, {ENTRY}.body_norm "
                f"FROM knowledge_searchentry {ENTRY} ORDER BY {ENTRY}.id DESC LIMIT %s) {ENTRY} "
                f"WHERE ({TEXT_EXPR} || '') ~ %s{excluded} ORDER BY {ENTRY}.id DESC LIMIT %s)"
            )
            params.extend([RECENT_SCAN, pattern, *(exclude or ()), limit])
        return " UNION ".join(parts), params

    def rebuild(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT id, title_norm, body_norm FROM knowledge_searchentry ORDER BY id")
            rows = cursor.fetchall()
            for start in range(0, len(rows), 5000):
                cursor.executemany(
                    "UPDATE knowledge_searchentry SET bigrams = %s::tsvector WHERE id = %s",
                    [(tsvector_literal(title_norm=t, body_norm=b), i) for i, t, b in rows[start : start + 5000]],
                )
