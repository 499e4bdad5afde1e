"""PostgreSQL backend: pg_trgm GIN for terms of 3+ characters, a GIN over a bigram tsvector for 1-2.

The tsvector is built from our own bigram tokens (a literal, not to_tsvector), so PostgreSQL's text
parser never splits or folds Japanese differently from SQLite. The database needs a UTF-8 ctype,
or pg_trgm extracts no trigrams from Japanese (checked at connection time in core/db_checks.py).
"""

# SQL here is assembled from table names and placeholders only; every value is a bound parameter.

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from madoguchi.knowledge.search.backends.base import ENTRY, filter_sql, like_escape
from madoguchi.knowledge.search.normalize import bigram_tokens, word_segments
from madoguchi.knowledge.search.types import CandidateRequest

# The trigram index is on this expression; queries must spell it the same way to use it.
TEXT_EXPR = f"({ENTRY}.title_norm || ' ' || {ENTRY}.body_norm)"
TITLE_WEIGHT = 3.0


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

    def _where(self, request: CandidateRequest) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for term in request.query.long_terms:
            where.append(f"{TEXT_EXPR} LIKE %s")
            params.append(f"%{like_escape(term)}%")
        if request.query.short_terms:
            where.append(f"{ENTRY}.bigrams @@ %s::tsquery")
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
        where, params = self._where(request)
        score, score_params = self._score(request)
        # Newest matches first through the primary key, then rank that window.
        sql = (
            f"SELECT id, {score.replace(ENTRY + '.', 'w.')} FROM ("
            f"SELECT {ENTRY}.id, {ENTRY}.title_norm, {ENTRY}.body_norm FROM knowledge_searchentry {ENTRY} "
            f"WHERE {' AND '.join(where)} ORDER BY {ENTRY}.id DESC LIMIT %s) w"
        )
        params = [*score_params, *params, request.window]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]

    def matching_ids_sql(self, request: CandidateRequest) -> tuple[str, list[Any]]:
        where, params = self._where(request)
        return f"SELECT {ENTRY}.object_id FROM knowledge_searchentry {ENTRY} WHERE {' AND '.join(where)}", params

    def any_of_sql(self, *, grams: list[str], exclude_entry: int | None, limit: int) -> tuple[str, list[Any]]:
        shared = " + ".join([f"({TEXT_EXPR} LIKE %s)::int"] * len(grams))
        pattern_params = [f"%{like_escape(g)}%" for g in grams]
        where = f"{TEXT_EXPR} LIKE ANY (%s)"
        params: list[Any] = [*pattern_params, pattern_params]
        if exclude_entry is not None:
            where += f" AND {ENTRY}.id <> %s"
            params.append(exclude_entry)
        sql = (
            f"SELECT id FROM (SELECT {ENTRY}.id, {shared} AS shared FROM knowledge_searchentry {ENTRY} "
            f"WHERE {where} ORDER BY {ENTRY}.id DESC LIMIT 5000) w ORDER BY shared DESC, id DESC LIMIT %s"
        )
        params.append(limit)
        return sql, params

    def rebuild(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT id, title_norm, body_norm FROM knowledge_searchentry ORDER BY id")
            rows = cursor.fetchall()
            for start in range(0, len(rows), 5000):
                cursor.executemany(
                    "UPDATE knowledge_searchentry SET bigrams = %s::tsvector WHERE id = %s",
                    [(tsvector_literal(title_norm=t, body_norm=b), i) for i, t, b in rows[start : start + 5000]],
                )
