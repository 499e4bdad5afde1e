"""Paging for lists that may match a million rows: the count stops at a cap, and so does the deepest page."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

# Past this many matches a list says 「10,000件以上」 instead of counting on. An exact COUNT(*) reads every
# matching row (PostgreSQL has no cheap row count), so its cost grows with the table; a LIMITed count does not.
COUNT_CAP = 10_000


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """A Paginator whose count reads at most `cap` + 1 rows (one `SELECT COUNT(*) FROM (... LIMIT cap + 1)`).

    When more rows match, `capped` is True, `count` is `cap` and only the pages holding the first `cap` rows
    exist: OFFSET never goes past `cap`, so the deepest page costs what the 200th does (50 a page).
    The cap is read when the paginator is made (`COUNT_CAP` unless given), so tests can lower it.
    """

    def __init__(self, object_list: Any, per_page: int, *, cap: int | None = None, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def _seen(self) -> int:
        if isinstance(self.object_list, QuerySet):
            # Which rows are counted does not matter, only how many (up to cap + 1): without the ORDER BY the
            # database may stop after any cap + 1 rows instead of sorting every match first.
            return self.object_list.order_by().values("pk")[: self.cap + 1].count()
        return len(self.object_list[: self.cap + 1])

    @cached_property
    def count(self) -> int:
        return min(self._seen, self.cap)

    @property
    def capped(self) -> bool:
        return self._seen > self.cap
