"""The search service every search box uses: index, remove, search, similar records.

Write through index_document()/remove_document() inside the caller's transaction, so the index
never disagrees with the record. The backend is chosen by the database vendor.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import operator
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat, Substr

from madoguchi.knowledge.models import SearchEntry, SearchTag
from madoguchi.knowledge.search.backends.base import SearchBackend, tagged_sql
from madoguchi.knowledge.search.backends.postgres import PostgresBackend
from madoguchi.knowledge.search.backends.sqlite import SqliteBackend
from madoguchi.knowledge.search.highlight import highlight
from madoguchi.knowledge.search.normalize import normalize_text, query_terms, split_tag, trigrams
from madoguchi.knowledge.search.types import (
    RANK_WINDOW,
    CandidateRequest,
    Document,
    Query,
    SearchFilters,
    SearchHit,
    SearchPage,
)

# Very long bodies (forwarded mail threads) are indexed up to this length.
MAX_INDEXED_BODY = 30_000
SNIPPET_WIDTH = 140
# Similar records: candidates per part of the backend's retrieval, and how much of each text is compared.
SIMILAR_CANDIDATES = 60
SIMILAR_TEXT_CHARS = 3000


def get_backend(*, using: str = "default") -> SearchBackend:
    connection = connections[using]
    if connection.vendor == "sqlite":
        return SqliteBackend(connection)
    if connection.vendor == "postgresql":
        return PostgresBackend(connection)
    # Only the two supported databases have the Japanese indexes (docs/search.md).
    raise ImproperlyConfigured(f"Madoguchi supports SQLite and PostgreSQL, not {connection.vendor}")


def tag_names(tags: Iterable[str]) -> list[str]:
    return sorted({t.strip()[:100] for t in tags if t.strip()})


def tags_field(tags: Iterable[str]) -> str:
    names = tag_names(tags)
    return f"|{'|'.join(names)}|" if names else ""


def indexed_body(body: str, tags: Iterable[str]) -> str:
    """The normalised body the text indexes hold: the body, then the tags, so free text finds a tag.

    The raw body (snippets) stays without them; the page shows tags on their own.
    """
    norm = normalize_text(body)
    names = tag_names(tags)
    if not names:
        return norm
    return f"{norm}\n{normalize_text(' '.join(names))}" if norm else normalize_text(" ".join(names))


def index_document(
    *,
    kind: str,
    object_id: int,
    title: str,
    body: str,
    category: str = "",
    status: str = "",
    channel: str = "",
    received_at: dt.datetime | None = None,
    tags: Iterable[str] = (),
    visibility: str = "staff",
    url: str = "",
    using: str = "default",
) -> SearchEntry:
    """Create or replace the entry of one record; call it inside the record's own transaction."""
    backend = get_backend(using=using)
    body = body[:MAX_INDEXED_BODY]
    title = title[:300]
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        entry = SearchEntry.objects.using(using).filter(kind=kind, object_id=object_id).first()
        if entry is not None:
            backend.remove(cursor, entry_id=entry.pk, title_norm=entry.title_norm, body_norm=entry.body_norm)
        else:
            entry = SearchEntry(kind=kind, object_id=object_id)
        entry.title = title
        entry.body = body
        names = tag_names(tags)
        entry.title_norm = normalize_text(title)[:600]
        entry.body_norm = indexed_body(body, names)
        entry.category = category
        entry.status = status
        entry.channel = channel
        entry.received_at = received_at
        # Postings change only with the tags; most saves of a case (status, notes) leave them alone.
        tags_changed = entry.pk is None or entry.tags != tags_field(names)
        entry.tags = tags_field(names)
        entry.visibility = visibility
        entry.url = url
        entry.save(using=using)
        if tags_changed:
            SearchTag.objects.using(using).filter(entry=entry).delete()
            SearchTag.objects.using(using).bulk_create([SearchTag(entry=entry, tag=name) for name in names])
        backend.add(cursor, entry_id=entry.pk, title_norm=entry.title_norm, body_norm=entry.body_norm)
    return entry


def update_status(*, kind: str, object_id: int, status: str, using: str = "default") -> None:
    """Change only an entry's status column (a filter); its text and postings stay as they are."""
    SearchEntry.objects.using(using).filter(kind=kind, object_id=object_id).update(status=status)


def index_document_from(document: Document, *, using: str = "default") -> SearchEntry:
    return index_document(
        kind=document.kind,
        object_id=document.object_id,
        title=document.title,
        body=document.body,
        category=document.category,
        status=document.status,
        channel=document.channel,
        received_at=document.received_at,
        tags=document.tags,
        visibility=document.visibility,
        url=document.url,
        using=using,
    )


def _stored_as(entry: SearchEntry, document: Document) -> bool:
    return (
        entry.title == document.title[:300]
        and entry.body == document.body[:MAX_INDEXED_BODY]
        and entry.category == document.category
        and entry.status == document.status
        and entry.channel == document.channel
        and entry.received_at == document.received_at
        and entry.tags == tags_field(document.tags)
        and entry.visibility == document.visibility
        and entry.url == document.url
    )


def sync_kind(*, kind: str, documents: list[Document], using: str = "default") -> dict[str, int]:
    """Make the entries of one small kind (directory, law map) equal `documents`: write only what changed.

    For reference data loaded in bulk; one query reads what is stored, unchanged records cost nothing.
    Entries whose record is gone are removed.
    """
    stored = {e.object_id: e for e in SearchEntry.objects.using(using).filter(kind=kind)}
    counts = {"indexed": 0, "unchanged": 0, "removed": 0}
    with transaction.atomic(using=using):
        for document in documents:
            entry = stored.pop(document.object_id, None)
            if entry is not None and _stored_as(entry, document):
                counts["unchanged"] += 1
                continue
            index_document_from(document, using=using)
            counts["indexed"] += 1
        for object_id in stored:
            remove_document(kind=kind, object_id=object_id, using=using)
            counts["removed"] += 1
    return counts


def remove_document(*, kind: str, object_id: int, using: str = "default") -> bool:
    backend = get_backend(using=using)
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        entry = SearchEntry.objects.using(using).filter(kind=kind, object_id=object_id).first()
        if entry is None:
            return False
        backend.remove(cursor, entry_id=entry.pk, title_norm=entry.title_norm, body_norm=entry.body_norm)
        entry.delete()
    return True


def clear_index(*, using: str = "default") -> None:
    """Empty the index (rebuild_search_index); the full-text structures follow the table."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        SearchEntry.objects.using(using).all().delete()
        get_backend(using=using).rebuild()
        cursor.execute("SELECT 1")


def parse_query(query: str) -> Query:
    """Terms to match, and a `tag:名前` (or 「タグ：名前」) token taken out of them as a tag filter."""
    text, tag = split_tag(query)
    return Query(terms=tuple(query_terms(text)), tag=tag)


def search(
    *,
    query: str,
    kinds: Iterable[str] = (),
    filters: SearchFilters | None = None,
    restrict: dict[str, QuerySet[Any]] | None = None,
    limit: int = 20,
    offset: int = 0,
    using: str = "default",
) -> SearchPage:
    """Ranked, filtered, permission-filtered search with highlighted snippets.

    `restrict` maps a kind to the queryset of objects the user may see (for cases:
    cases.access.visible_cases(user=...)); entries marked restricted of any other kind are hidden.
    """
    parsed = parse_query(query)
    empty = SearchPage(
        query=query, terms=parsed.terms, hits=[], total=0, total_is_lower_bound=False, offset=offset, limit=limit
    )
    filters = filters or SearchFilters()
    if parsed.tag:
        if filters.tag.strip() and filters.tag.strip() != parsed.tag:
            # One tag filter at a time: the form refuses two different ones before this point.
            return empty
        filters = dataclasses.replace(filters, tag=parsed.tag)
    if not parsed.terms and not filters.tag.strip():
        return empty
    request = CandidateRequest(query=parsed, kinds=tuple(kinds), filters=filters, restrict=dict(restrict or {}))
    # A tag and no text: the tag's postings, newest first.
    scored = get_backend(using=using).candidates(request) if parsed.terms else _tagged_candidates(request, using=using)
    # Best score first; among equals the newest.
    scored.sort(key=lambda pair: (-pair[1], -pair[0]))
    page_ids = [entry_id for entry_id, _score in scored[offset : offset + limit]]
    score_of = dict(scored)
    entries = {e.pk: e for e in SearchEntry.objects.using(using).filter(pk__in=page_ids)}
    terms = list(parsed.terms)
    hits = [
        SearchHit(
            entry_id=e.pk,
            kind=e.kind,
            object_id=e.object_id,
            title=e.title,
            url=e.url,
            score=score_of[e.pk],
            title_html=highlight(e.title, terms),
            snippet=highlight(e.body, terms, width=SNIPPET_WIDTH),
            category=e.category,
            status=e.status,
            channel=e.channel,
            received_at=e.received_at,
            tags=e.tag_list,
        )
        for e in (entries[i] for i in page_ids if i in entries)
    ]
    return SearchPage(
        query=query,
        terms=parsed.terms,
        hits=hits,
        total=len(scored),
        total_is_lower_bound=len(scored) >= RANK_WINDOW,
        offset=offset,
        limit=limit,
    )


def _tagged_candidates(request: CandidateRequest, *, using: str) -> list[tuple[int, float]]:
    """A tag and no text: the tag's postings newest first (the (tag, entry) B-tree), filters applied."""
    connection = connections[using]
    sql, params = tagged_sql(request, connection, column="id")
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY t.entry_id DESC LIMIT %s", [*params, request.window])
        return [(int(r[0]), 0.0) for r in cursor.fetchall()]


def matching_object_ids_sql(
    *, query: str, kind: str, filters: SearchFilters | None = None, using: str = "default"
) -> tuple[str, list[Any]] | None:
    """SQL for `pk__in=RawSQL(...)`: every object of `kind` matching the query (unranked, unwindowed).

    The caller's own queryset must apply permissions (cases.access.visible_cases).
    """
    parsed = parse_query(query)
    filters = filters or SearchFilters()
    if parsed.tag:
        filters = dataclasses.replace(filters, tag=parsed.tag)
    request = CandidateRequest(query=parsed, kinds=(kind,), filters=filters, caller_checks_permissions=True)
    if parsed.terms:
        return get_backend(using=using).matching_ids_sql(request)
    if not filters.tag.strip():
        return None
    return tagged_sql(request, connections[using], column="object_id")


def new_entry(d: Document) -> SearchEntry:
    """The unsaved entry of a record not yet indexed (bulk_add, and the bulk loader's COPY rows)."""
    return SearchEntry(
        kind=d.kind,
        object_id=d.object_id,
        title=d.title[:300],
        body=d.body[:MAX_INDEXED_BODY],
        title_norm=normalize_text(d.title[:300])[:600],
        body_norm=indexed_body(d.body[:MAX_INDEXED_BODY], d.tags),
        category=d.category,
        status=d.status,
        channel=d.channel,
        received_at=d.received_at,
        tags=tags_field(d.tags),
        visibility=d.visibility,
        url=d.url,
    )


def bulk_add(documents: list[Document], *, using: str = "default") -> int:
    """Insert entries for records not yet indexed (rebuild_search_index, benchmark): batched, no lookups."""
    backend = get_backend(using=using)
    entries = [new_entry(d) for d in documents]
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        created = SearchEntry.objects.using(using).bulk_create(entries, batch_size=1000)
        SearchTag.objects.using(using).bulk_create(
            [
                SearchTag(entry=e, tag=name)
                for e, d in zip(created, documents, strict=True)
                for name in tag_names(d.tags)
            ],
            batch_size=5000,
        )
        backend.add_many(cursor, rows=[(e.pk, e.title_norm, e.body_norm) for e in created])
    return len(created)


@dataclass(frozen=True)
class SimilarEntry:
    entry: SearchEntry
    similarity: float


def _distinctive_grams(norm: str, *, limit: int) -> list[str]:
    """Trigrams likely to carry meaning: letters only, kanji/katakana/latin before hiragana."""

    def weight(gram: str) -> int:
        if not all(ch.isalnum() for ch in gram):
            return -1
        hira = sum("\u3040" <= ch <= "\u309f" for ch in gram)
        return 3 - hira

    counts = _trigram_counts(norm)
    ranked = sorted((g for g in counts if weight(g) > 0), key=lambda g: (-weight(g), -counts[g], g))
    return ranked[:limit]


def _trigram_counts(text: str) -> Counter[str]:
    """Counts of every character trigram (text[i:i+3]); built from C-level iterators, as the similar-consultations
    panel does this for each of up to 120 candidates of up to 3,000 characters per case page."""
    return Counter(map("".join, zip(text, text[1:], text[2:], strict=False)))  # shorter tails end it


def _norm_sq(counts: Counter[str]) -> int:
    values = list(counts.values())
    return sum(map(operator.mul, values, values))


def similar_entries(
    *,
    text: str,
    kinds: Iterable[str],
    exclude: tuple[str, int] | None = None,
    restrict: dict[str, QuerySet[Any]] | None = None,
    limit: int = 5,
    candidates: int = SIMILAR_CANDIDATES,
    min_similarity: float = 0.05,
    using: str = "default",
) -> list[SimilarEntry]:
    """Closest entries by character-trigram cosine, after bounded candidate retrieval through the index.

    The backend's candidates (at most 2 × `candidates`: entries sharing rare trigrams, and the newest sharing
    common ones) are compared on their first SIMILAR_TEXT_CHARS characters, so a page's work does not grow
    with the number of entries or the length of a forwarded mail thread (docs/search.md).
    """
    norm = normalize_text(text)[:SIMILAR_TEXT_CHARS]
    grams = _distinctive_grams(norm, limit=24)
    if not grams:
        return []
    backend = get_backend(using=using)
    # One query: the index's candidates (as a subquery, the excluded entry left out inside it), each kept only
    # when its object is in the `restrict` queryset of its kind (a correlated EXISTS: an index lookup per
    # candidate, whatever the size of the restricting table).
    sql, params = backend.any_of_sql(grams=grams, exclude=exclude, limit=candidates)
    candidate_ids = RawSQL(sql, params)  # noqa: S611 - the backend's own SQL; the grams travel as parameters
    qs = (
        SearchEntry.objects.using(using)
        .filter(pk__in=candidate_ids, kind__in=list(kinds))
        .defer("body", "title_norm", "body_norm")
        .annotate(
            compared=Substr(
                Concat("title_norm", Value(" "), "body_norm", output_field=TextField()), 1, SIMILAR_TEXT_CHARS
            )
        )
    )
    for kind, allowed in (restrict or {}).items():
        qs = qs.filter(~Q(kind=kind) | Exists(allowed.filter(pk=OuterRef("object_id"))))
    allowed_kinds = set(restrict or {})
    visible = [e for e in qs if e.visibility != "restricted" or e.kind in allowed_kinds]
    ranked = _closest(_trigram_counts(norm), [e.compared for e in visible], limit=limit, min_similarity=min_similarity)
    scored = [SimilarEntry(entry=visible[i], similarity=sim) for i, sim in ranked]
    scored.sort(key=lambda s: (-s.similarity, -s.entry.pk))
    return scored[:limit]


def _closest(target: Counter[str], texts: list[str], *, limit: int, min_similarity: float) -> list[tuple[int, float]]:
    """(index, cosine) of every text that can be among the `limit` closest to `target` (at least min_similarity).

    Gives each text exactly the cosine of `target` and its trigram counts, but builds those counts only when it can
    still place: the dot product is a C-level sum over the text's trigrams, and since a count vector's squared norm
    is at least its number of trigrams, dot / (|target| · √n) bounds the cosine from above. Texts are taken by
    falling bound, and once `limit` exact scores beat a bound, no later text can place (ties included: the caller
    breaks them by id, so a text whose bound equals the last place is still scored).
    """
    if not target or limit <= 0:
        return []
    target_norm_sq = _norm_sq(target)
    target_norm = math.sqrt(target_norm_sq)
    get = target.get
    bounded: list[tuple[float, int, list[str], int]] = []
    for index, text in enumerate(texts):
        grams = list(map("".join, zip(text, text[1:], text[2:], strict=False)))
        dot = sum(map(get, grams, itertools.repeat(0)))
        if not dot:
            continue
        bound = dot / (target_norm * math.sqrt(len(grams)))
        if bound >= min_similarity * _BOUND_SLACK:
            bounded.append((bound, index, grams, dot))
    bounded.sort(key=operator.itemgetter(0), reverse=True)
    exact: list[tuple[int, float]] = []
    places: list[float] = []  # the best `limit` exact scores so far, highest first
    for bound, index, grams, dot in bounded:
        if len(places) >= limit and bound < places[-1] * _BOUND_SLACK:
            break
        similarity = dot / math.sqrt(target_norm_sq * _norm_sq(Counter(grams)))
        if similarity < min_similarity:
            continue
        exact.append((index, similarity))
        places = sorted([*places, similarity], reverse=True)[:limit]
    return exact


# The bound and the exact score are rounded differently; a bound this close below a score is not trusted to be lower.
_BOUND_SLACK = 1 - 1e-9


__all__ = [
    "Document",
    "SearchFilters",
    "SearchPage",
    "bulk_add",
    "clear_index",
    "index_document",
    "matching_object_ids_sql",
    "new_entry",
    "remove_document",
    "search",
    "similar_entries",
    "sync_kind",
    "trigrams",
]
