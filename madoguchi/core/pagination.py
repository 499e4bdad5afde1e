"""Paging for lists that may match a million rows: the count stops at a cap, so does the deepest page, and deep pages
are read as ids first."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

# Past this many matches a list says 「10,000件以上」 instead of counting on. An exact COUNT(*) reads every
# matching row (PostgreSQL has no cheap row count), so its cost grows with the table; a LIMITed count does not.
COUNT_CAP = 10_000
# From this row on a page is read in two steps (a "deferred join"): first the ids of its rows, an OFFSET over
# the sort's index alone (index-only where the index holds the sort keys), then just those rows with their joins
# and prefetches. One OFFSET query over whole rows would fetch and discard every skipped row from the table.
DEFERRED_FROM = 1_000


def count_at_most(qs: QuerySet[Any], n: int) -> int:
    """How many rows `qs` matches, counted up to `n` + 1 (one `SELECT COUNT(*) FROM (... LIMIT n + 1)`).

    Which rows are counted does not matter, only how many: without the ORDER BY the database may stop after any
    n + 1 rows instead of sorting every match first. "More than n" reads as `count_at_most(qs, n) > n`.
    """
    return qs.order_by().values("pk")[: n + 1].count()


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """A Paginator whose count reads at most `cap` + 1 rows (one `SELECT COUNT(*) FROM (... LIMIT cap + 1)`).

    When more rows match, `capped` is True, `count` is `cap` and only the pages holding the first `cap` rows
    exist: OFFSET never goes past `cap`, so the deepest page costs what the 200th does (50 a page).
    The cap is read when the paginator is made (`COUNT_CAP` unless given), so tests can lower it.
    """

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        *,
        cap: int | None = None,
        deferred_from: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap
        self.deferred_from = DEFERRED_FROM if deferred_from is None else deferred_from

    def page(self, number: Any) -> Page:  # type: ignore[type-arg]
        """Paginator.page, with pages from `deferred_from` on read as ids first, then those rows (same order)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if not isinstance(self.object_list, QuerySet) or bottom < self.deferred_from:
            return Page(self.object_list[bottom:top], number, self)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=ids)}
        # A row deleted between the two reads is left out rather than shown half-loaded.
        return Page([rows[pk] for pk in ids if pk in rows], number, self)

    @cached_property
    def _seen(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return count_at_most(self.object_list, self.cap)
        return len(self.object_list[: self.cap + 1])

    @cached_property
    def count(self) -> int:
        return min(self._seen, self.cap)

    @property
    def capped(self) -> bool:
        return self._seen > self.cap
