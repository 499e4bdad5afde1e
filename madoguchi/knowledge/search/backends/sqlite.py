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
# Similar records (any_of_sql): a gram in at most this many entries is rare; all their entries are candidates.
RARE_GRAM_ROWS = 500


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
        """Bounded candidate retrieval for similar records (docs/search.md "Similar consultations"), one statement.

        Two parts: every entry containing a rare gram (one in at most RARE_GRAM_ROWS entries, found by a count
        that stops there), most rare grams shared first; and the newest entries containing any gram (FTS5
        walks the doclists newest first and stops at the LIMIT). bm25 is not used: its inverse document
        frequencies read every posting of every gram (280 ms at 100,000 entries).
        """
        excluded = f" WHERE id NOT IN ({EXCLUDED_ENTRY_SQL})" if exclude is not None else ""
        rare_rows = (
            f"SELECT id FROM (SELECT rowid AS id FROM {TRI} WHERE {TRI} MATCH %s LIMIT %s) "
            f"WHERE (SELECT count(*) FROM (SELECT 1 FROM {TRI} WHERE {TRI} MATCH %s LIMIT %s)) <= %s"
        )
        rare_params: list[Any] = []
        for gram in grams:
            rare_params.extend([_phrase(gram), RARE_GRAM_ROWS, _phrase(gram), RARE_GRAM_ROWS + 1, RARE_GRAM_ROWS])
        sql = (
            f"SELECT id FROM (SELECT id FROM ({' UNION ALL '.join([rare_rows] * len(grams))}){excluded} "
            "GROUP BY id ORDER BY count(*) DESC, id DESC LIMIT %s) "
            f"UNION SELECT id FROM (SELECT rowid AS id FROM {TRI} WHERE {TRI} MATCH %s"
            f"{excluded.replace(' WHERE id', ' AND rowid')} ORDER BY rowid DESC LIMIT %s)"
        )
        any_gram = " OR ".join(_phrase(g) for g in grams)
        return sql, [*rare_params, *(exclude or ()), limit, any_gram, *(exclude or ()), limit]

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
