"""What a search backend does, and the filter SQL both backends share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models.expressions import RawSQL
from django.utils import timezone

from madoguchi.knowledge.search.types import CandidateRequest

# Alias of knowledge_searchentry in every query the backends build.
ENTRY = "e"


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def regex_escape(text: str) -> str:
    """`text` as a literal in a PostgreSQL regular expression (ARE): every character that is not a letter or digit
    gets a backslash. Letters and digits stay bare, since in an ARE a backslash before one makes a class (`\\d`)."""
    return "".join(ch if ch.isalnum() else "\\" + ch for ch in text)


class SearchBackend(Protocol):
    vendor: str

    def add(self, cursor: CursorWrapper, *, entry_id: int, title_norm: str, body_norm: str) -> None: ...

    def add_many(self, cursor: CursorWrapper, *, rows: list[tuple[int, str, str]]) -> None: ...

    def remove(self, cursor: CursorWrapper, *, entry_id: int, title_norm: str, body_norm: str) -> None: ...

    def candidates(self, request: CandidateRequest) -> list[tuple[int, float]]:
        """(entry id, score) of the newest `window` matches, filters and permissions applied."""
        ...

    def matching_ids_sql(self, request: CandidateRequest) -> tuple[str, list[Any]]:
        """SQL selecting the object_id of every match (no window), for an `IN (...)` subquery."""
        ...

    def any_of_sql(self, *, grams: list[str], exclude: tuple[str, int] | None, limit: int) -> tuple[str, list[Any]]:
        """SQL selecting (entry id) of entries containing any of the 3-grams, best first, without the entry of
        `exclude` (kind, object id); usable as a subquery."""
        ...

    def rebuild(self) -> None: ...


def day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def indexed_filter_sql(request: CandidateRequest, connection: BaseDatabaseWrapper) -> tuple[list[str], list[Any]]:
    """The filter conditions that a B-tree index of knowledge_searchentry serves.

    Datetimes go through the backend's own adaptation: SQLite stores UTC text without an offset, and a
    raw aware datetime would compare as text with a "+09:00" suffix (off by nine hours).
    """
    where: list[str] = []
    params: list[Any] = []
    f = request.filters
    for column in ("category", "status", "channel"):
        value = getattr(f, column)
        if value:
            where.append(f"{ENTRY}.{column} = %s")
            params.append(value)
    if f.date_from:
        where.append(f"{ENTRY}.received_at >= %s")
        params.append(connection.ops.adapt_datetimefield_value(day_start(f.date_from)))
    if f.date_to:
        where.append(f"{ENTRY}.received_at < %s")
        params.append(connection.ops.adapt_datetimefield_value(day_start(f.date_to + dt.timedelta(days=1))))
    return where, params


def filter_sql(request: CandidateRequest, connection: BaseDatabaseWrapper) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if request.kinds:
        where.append(f"{ENTRY}.kind IN ({', '.join(['%s'] * len(request.kinds))})")
        params.extend(request.kinds)
    indexed, indexed_params = indexed_filter_sql(request, connection)
    where.extend(indexed)
    params.extend(indexed_params)
    f = request.filters
    if f.tag:
        where.append(f"{ENTRY}.tags LIKE %s ESCAPE '\\'")
        params.append(f"%|{like_escape(f.tag.strip())}|%")
    if request.caller_checks_permissions:
        return where, params
    # Restricted entries are only visible through a permission queryset of their kind.
    allowed = sorted(request.restrict)
    if allowed:
        where.append(f"({ENTRY}.visibility <> 'restricted' OR {ENTRY}.kind IN ({', '.join(['%s'] * len(allowed))}))")
        params.extend(allowed)
    else:
        where.append(f"{ENTRY}.visibility <> 'restricted'")
    for kind in allowed:
        outer_id = RawSQL(f"{ENTRY}.object_id", ())  # noqa: S611 - a column reference, no value
        qs = request.restrict[kind].order_by().filter(pk=outer_id).values("pk")
        sub_sql, sub_params = qs.query.get_compiler(connection=connection).as_sql()
        if connection.vendor == "postgresql":
            # OFFSET 0 keeps PostgreSQL from hashing the whole permission queryset instead of one index
            # lookup per entry (convert_EXISTS_to_ANY): for a manager it read all 100,000 cases (88 of 212 ms
            # of a search at 100,000 entries), and would read all 1,000,000 at scale.
            sub_sql += " OFFSET 0"
        where.append(f"({ENTRY}.kind <> %s OR EXISTS ({sub_sql}))")
        params.append(kind)
        params.extend(sub_params)
    return where, params


def tagged_sql(request: CandidateRequest, connection: BaseDatabaseWrapper, *, column: str) -> tuple[str, list[Any]]:
    """`SELECT e.<column>` of the entries carrying the filter's tag, through the tag postings (no text).

    Both backends: the (tag, entry) B-tree gives one tag's entries in entry order; the other filters
    and permissions are checked per posting. Callers add ORDER BY t.entry_id / LIMIT as they need.
    """
    where, params = filter_sql(request, connection)
    sql = (
        f"SELECT {ENTRY}.{column} FROM knowledge_searchtag t JOIN knowledge_searchentry {ENTRY} "
        f"ON {ENTRY}.id = t.entry_id WHERE {' AND '.join(['t.tag = %s', *where])}"
    )
    return sql, [request.filters.tag.strip()[:100], *params]


def rarest_within(ranked: list[str], *, rows: Callable[[str], float], budget: float) -> list[str]:
    """The leading grams of `ranked` (rarest first) whose entries add up to at most `budget`."""
    chosen: list[str] = []
    total = 0.0
    for gram in ranked:
        total += rows(gram)
        if total > budget:
            break
        chosen.append(gram)
    return chosen


# The entry of one object, for leaving it out of a candidate query (no row: nothing is left out).
EXCLUDED_ENTRY_SQL = "SELECT id FROM knowledge_searchentry WHERE kind = %s AND object_id = %s"
