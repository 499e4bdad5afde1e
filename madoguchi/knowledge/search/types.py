"""Value objects of the search service, shared by both backends and the callers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.safestring import SafeString

# Ranking is bm25 / ts_rank-like over the newest RANK_WINDOW matches. A query matching more
# than that (a single common character, say) is too broad to rank meaningfully; staff narrow it.
RANK_WINDOW = 500


@dataclass(frozen=True)
class SearchFilters:
    category: str = ""
    status: str = ""
    channel: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    tag: str = ""


@dataclass(frozen=True)
class Query:
    """A parsed query: normalised terms split by the index that serves them."""

    terms: tuple[str, ...]
    # From a `tag:` token of the query (exact tag name, NFKC only); merged into the filters.
    tag: str = ""

    @property
    def long_terms(self) -> list[str]:
        return [t for t in self.terms if len(t) >= 3]

    @property
    def short_terms(self) -> list[str]:
        return [t for t in self.terms if len(t) < 3]


@dataclass(frozen=True)
class CandidateRequest:
    query: Query
    kinds: tuple[str, ...] = ()
    filters: SearchFilters = field(default_factory=SearchFilters)
    # kind -> queryset of the objects this user may see; restricted entries of other kinds are hidden.
    restrict: dict[str, QuerySet[Any]] = field(default_factory=dict)
    window: int = RANK_WINDOW
    # The caller's own queryset filters permissions (keyword filter of the case list).
    caller_checks_permissions: bool = False


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    title: str
    body: str
    category: str = ""
    status: str = ""
    channel: str = ""
    received_at: dt.datetime | None = None
    tags: tuple[str, ...] = ()
    visibility: str = "staff"
    url: str = ""


@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    kind: str
    object_id: int
    title: str
    url: str
    score: float
    title_html: SafeString
    snippet: SafeString
    category: str
    status: str
    channel: str
    received_at: dt.datetime | None
    tags: list[str]


@dataclass(frozen=True)
class SearchPage:
    query: str
    terms: tuple[str, ...]
    hits: list[SearchHit]
    total: int
    # True when more than RANK_WINDOW entries matched: total is then a lower bound.
    total_is_lower_bound: bool
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.hits) < self.total

    @property
    def has_previous(self) -> bool:
        return self.offset > 0
