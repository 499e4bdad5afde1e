"""SQLite backend: FTS5 trigram table for terms of 3+ characters, FTS5 bigram table for 1-2.

LIKE is never used against the trigram table: SQLite 3.40 returns no rows for Japanese there.
"""

# SQL here is assembled from table names and placeholders only; every value is a bound parameter.

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from madoguchi.knowledge.search.backends.base import (
    ENTRY,
    EXCLUDED_ENTRY_SQL,
    filter_sql,
    indexed_filter_sql,
    rarest_within,
)
from madoguchi.knowledge.search.normalize import bigram_text, word_segments
from madoguchi.knowledge.search.types import CandidateRequest

TRI = "knowledge_search_tri"
BI = "knowledge_search_bi"
# Title matches count three times as much as body matches.
TITLE_WEIGHT = 3.0
# A filter (category, status, channel, dates) matching at most this many entries is read through its
# B-tree index first and the text is checked on those rows only. Above it the FTS table drives and the
# filters are checked per match. Measured in docs/performance.md: checking the text of a few thousand
# rows costs a few milliseconds; walking text matches past a selective filter cost up to 140 ms.
FILTER_FIRST_CAP = 5000
# Similar records (any_of_sql): the rarest grams whose entries add up to at most RARE_ROWS_BUDGET are ranked
# by bm25 (each gram's entries are counted up to RARE_GRAM_ROWS + 1); COMMON_GRAMS of the others find the
# newest entries containing one.
RARE_GRAM_ROWS = 1500
RARE_ROWS_BUDGET = 1500
COMMON_GRAMS = 8


def gram_counts(cursor: CursorWrapper, grams: list[str], *, cap: int) -> dict[str, int]:
    """Entries containing each 3-gram, counted up to cap + 1 (one statement, each count stops there)."""
    if not grams:
        return {}
    counted = ", ".join([f"(SELECT count(*) FROM (SELECT 1 FROM {TRI} WHERE {TRI} MATCH %s LIMIT %s))"] * len(grams))
    cursor.execute(f"SELECT {counted}", [v for g in grams for v in (_phrase(g), cap + 1)])
    return dict(zip(grams, (int(n) for n in cursor.fetchone()), strict=True))


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def trigram_match(terms: list[str]) -> str:
    return " AND ".join(_phrase(t) for t in terms)


def bigram_match(terms: list[str]) -> str:
    parts: list[str] = []
    for term in terms:
        for seg in word_segments(term):
            # One character: any bigram starting with it (every occurrence starts a token).
            parts.append(_phrase(seg) + "*" if len(seg) == 1 else _phrase(seg))
    return " AND ".join(parts)


def term_score_sql(terms: tuple[str, ...]) -> tuple[str, list[Any]]:
    """Per term: a title hit, plus a saturating count of body occurrences."""
    pieces: list[str] = []
    params: list[Any] = []
    for term in terms:
        pieces.append(
            f"{TITLE_WEIGHT} * (instr({ENTRY}.title_norm, %s) > 0)"
            f" + ln(1.0 + (length({ENTRY}.body_norm) - length(replace({ENTRY}.body_norm, %s, ''))) * 1.0"
            f" / {len(term)})"
        )
        params.extend([term, term])
    return "(" + (" + ".join(pieces) or "0") + ")", params


def filter_is_selective(
    cursor: CursorWrapper, request: CandidateRequest, *, connection: BaseDatabaseWrapper, cap: int
) -> bool:
    """True when the indexed filters alone match at most `cap` entries (counted through the index)."""
    where, params = indexed_filter_sql(request, connection)
    if not where:
        return False
    cursor.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM knowledge_searchentry {ENTRY} WHERE {' AND '.join(where)} LIMIT %s) n",
        [*params, cap + 1],
    )
    return int(cursor.fetchone()[0]) <= cap


def text_check_sql(request: CandidateRequest) -> tuple[list[str], list[Any]]:
    """Substring checks equivalent to the index match, for rows already narrowed by a filter.

    Long terms are substrings (what the trigram index finds); short terms match per word segment
    (what the bigram index finds: a bigram token or a character inside a word).
    instr() cannot use a text index, so SQLite keeps driving from the filter index.
    """
    text = f"({ENTRY}.title_norm || ' ' || {ENTRY}.body_norm)"
    needles = list(request.query.long_terms)
    for term in request.query.short_terms:
        needles.extend(word_segments(term))
    return [f"instr({text}, %s) > 0" for _ in needles], needles


class SqliteBackend:
    vendor = "sqlite"

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def add(self, cursor: CursorWrapper, *, entry_id: int, title_norm: str, body_norm: str) -> None:
        cursor.execute(
            f"INSERT INTO {TRI}(rowid, title_norm, body_norm) VALUES (%s, %s, %s)", [entry_id, title_norm, body_norm]
        )
        cursor.execute(
            f"INSERT INTO {BI}(rowid, title_bi, body_bi) VALUES (%s, %s, %s)",
            [entry_id, bigram_text(title_norm), bigram_text(body_norm)],
        )

    def add_many(self, cursor: CursorWrapper, *, rows: list[tuple[int, str, str]]) -> None:
        cursor.executemany(f"INSERT INTO {TRI}(rowid, title_norm, body_norm) VALUES (%s, %s, %s)", rows)
        cursor.executemany(
            f"INSERT INTO {BI}(rowid, title_bi, body_bi) VALUES (%s, %s, %s)",
            [(i, bigram_text(t), bigram_text(b)) for i, t, b in rows],
        )

    def remove(self, cursor: CursorWrapper, *, entry_id: int, title_norm: str, body_norm: str) -> None:
        # Both tables need the values that were indexed: the trigram one reads external content,
        # the bigram one stores none.
        cursor.execute(
            f"INSERT INTO {TRI}({TRI}, rowid, title_norm, body_norm) VALUES ('delete', %s, %s, %s)",
            [entry_id, title_norm, body_norm],
        )
        cursor.execute(
            f"INSERT INTO {BI}({BI}, rowid, title_bi, body_bi) VALUES ('delete', %s, %s, %s)",
            [entry_id, bigram_text(title_norm), bigram_text(body_norm)],
        )

    def _from_where(self, request: CandidateRequest) -> tuple[str, str, list[str], list[Any]]:
        long_terms, short_terms = request.query.long_terms, request.query.short_terms
        where: list[str] = []
        params: list[Any] = []
        if long_terms:
            driver = TRI
            where.append(f"{TRI} MATCH %s")
            params.append(trigram_match(long_terms))
            if short_terms:
                where.append(f"{TRI}.rowid IN (SELECT rowid FROM {BI} WHERE {BI} MATCH %s)")
                params.append(bigram_match(short_terms))
        else:
            driver = BI
            where.append(f"{BI} MATCH %s")
            params.append(bigram_match(short_terms))
        filters, filter_params = filter_sql(request, self.connection)
        return (
            driver,
            f"{driver} JOIN knowledge_searchentry {ENTRY} ON {ENTRY}.id = {driver}.rowid",
            [
                *where,
                *filters,
            ],
            [*params, *filter_params],
        )

    def candidates(self, request: CandidateRequest) -> list[tuple[int, float]]:
        with self.connection.cursor() as cursor:
            if filter_is_selective(cursor, request, connection=self.connection, cap=FILTER_FIRST_CAP):
                return self._filter_first(cursor, request)
        driver, from_sql, where, params = self._from_where(request)
        # FTS5 walks its doclist newest-first for ORDER BY rowid DESC and stops at the window;
        # bm25() is computed only for those rows. bm25 is "lower is better", so negate it.
        # bm25's IDF vanishes for a term in over half the entries (small desks, common words), so
        # the same title/term-frequency score as the PostgreSQL backend is added to it.
        tf_sql, tf_params = term_score_sql(request.query.terms)
        sql = (
            f"SELECT {ENTRY}.id, {tf_sql} - bm25({driver}, {TITLE_WEIGHT}, 1.0) FROM {from_sql} "
            f"WHERE {' AND '.join(where)} ORDER BY {driver}.rowid DESC LIMIT %s"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*tf_params, *params, request.window])
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]

    def _filter_first(self, cursor: CursorWrapper, request: CandidateRequest) -> list[tuple[int, float]]:
        """A selective filter drives: its rows come from the B-tree index, the text is checked on them.

        `+id` in ORDER BY keeps SQLite from walking the whole table backwards by rowid instead. There is
        no FTS row here, so no bm25: the score is the title/term-frequency part only.
        """
        filters, filter_params = filter_sql(request, self.connection)
        checks, check_params = text_check_sql(request)
        tf_sql, tf_params = term_score_sql(request.query.terms)
        cursor.execute(
            f"SELECT {ENTRY}.id, {tf_sql} FROM knowledge_searchentry {ENTRY} "
            f"WHERE {' AND '.join([*filters, *checks])} ORDER BY +{ENTRY}.id DESC LIMIT %s",
            [*tf_params, *filter_params, *check_params, request.window],
        )
        return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]

    def matching_ids_sql(self, request: CandidateRequest) -> tuple[str, list[Any]]:
        _driver, from_sql, where, params = self._from_where(request)
        return f"SELECT {ENTRY}.object_id FROM {from_sql} WHERE {' AND '.join(where)}", params

    def any_of_sql(self, *, grams: list[str], exclude: tuple[str, int] | None, limit: int) -> tuple[str, list[Any]]:
        """Bounded candidate retrieval for similar records (docs/search.md "Similar consultations").

        One query counts each gram's entries up to RARE_GRAM_ROWS + 1 (a capped walk of its doclist). Then
        two parts: the entries containing a rare gram ranked by bm25 (whose inverse document frequencies
        read the doclists of those rare grams only), and the newest entries containing one of the rarest
        common grams (FTS5 walks the doclists newest first and stops at the LIMIT). bm25 over common grams
        would read their whole doclists: 280 ms at 100,000 entries.
        """
        with self.connection.cursor() as cursor:
            counts = gram_counts(cursor, grams, cap=RARE_GRAM_ROWS)
        ranked = sorted((g for g in grams if counts[g] > 0), key=lambda g: (counts[g], grams.index(g)))
        rare = rarest_within(
            [g for g in ranked if counts[g] <= RARE_GRAM_ROWS], rows=counts.__getitem__, budget=RARE_ROWS_BUDGET
        )
        common = [g for g in ranked if g not in rare][:COMMON_GRAMS]
        excluded = f" AND rowid NOT IN ({EXCLUDED_ENTRY_SQL})" if exclude is not None else ""
        parts: list[str] = []
        params: list[Any] = []
        if rare:
            parts.append(
                f"SELECT id FROM (SELECT rowid AS id FROM {TRI} WHERE {TRI} MATCH %s{excluded} "
                f"ORDER BY bm25({TRI}) LIMIT %s)"
            )
            params.extend([" OR ".join(_phrase(g) for g in rare), *(exclude or ()), limit])
        if common:
            parts.append(
                f"SELECT id FROM (SELECT rowid AS id FROM {TRI} WHERE {TRI} MATCH %s{excluded} "
                f"ORDER BY rowid DESC LIMIT %s)"
            )
            params.extend([" OR ".join(_phrase(g) for g in common), *(exclude or ()), limit])
        if not parts:
            # No gram occurs anywhere: an empty candidate set.
            return f"SELECT rowid FROM {TRI} WHERE 0", []
        return " UNION ".join(parts), params

    def rebuild(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TRI}({TRI}) VALUES ('rebuild')")
            cursor.execute(f"INSERT INTO {BI}({BI}) VALUES ('delete-all')")
            cursor.execute("SELECT id, title_norm, body_norm FROM knowledge_searchentry")
            batch = cursor.fetchmany(5000)
            with self.connection.cursor() as writer:
                while batch:
                    writer.executemany(
                        f"INSERT INTO {BI}(rowid, title_bi, body_bi) VALUES (%s, %s, %s)",
                        [(i, bigram_text(t), bigram_text(b)) for i, t, b in batch],
                    )
                    batch = cursor.fetchmany(5000)
