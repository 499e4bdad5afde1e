"""Report sections, retention record types and handbook chapters, including those other apps contribute.

No app may import reports (an import-linter contract), so reports finds contributions itself: an installed
app that ships a `report_hooks` module may define any of
    REPORT_SECTIONS: list of (key, order, compute) where compute(start, end) returns a plain dict
        {"title", "columns", "rows", "chart": {"labels", "values", "unit"} | None, "note"} or None;
    RETENTION_TYPES: list of (key, label, default_months, due(cutoff) -> QuerySet, anonymise(obj) -> None);
    HANDBOOK_CHAPTERS: list of (key, order, build() -> {"title", "blocks": [{"heading", "text"}]}).
Plain dicts keep the contributing app free of any import from here (docs/how-to/add-a-report-section.md).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.functional import Promise

Cell = str | int | float | None


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: one bar per label. Drawn as SVG on screen and as a reportlab drawing in the PDF."""

    labels: list[str]
    values: list[float]
    unit: str = "件"


@dataclass(frozen=True)
class ReportTable:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    chart: Chart | None = None
    note: str = ""
    # Column indexes (0-based) holding numbers; exports give them number formats.
    numeric_columns: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Period:
    """Whole months from `start` (first day) to `end` (first day of the last month), both included."""

    start: dt.date
    end: dt.date

    @property
    def months(self) -> list[dt.date]:
        out = []
        current = self.start
        while current <= self.end:
            out.append(current)
            current = next_month(current)
        return out

    @property
    def end_exclusive(self) -> dt.date:
        return next_month(self.end)


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


SectionCompute = Callable[[Period], ReportTable | None]


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    compute: SectionCompute


@dataclass(frozen=True)
class RetentionType:
    key: str
    label: str | Promise  # lazy, so the screen shows it in the reader's language
    default_months: int
    due: Callable[[dt.datetime], Any]  # cutoff -> queryset of records finished before it
    anonymise: Callable[[Any], None]


@dataclass(frozen=True)
class HandbookChapter:
    key: str
    order: int
    build: Callable[[], dict[str, Any] | None]


HOOK_MODULE = "report_hooks"


def _hook_modules() -> list[Any]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("madoguchi.") or config.name == "madoguchi.reports":
            continue
        name = f"{config.name}.{HOOK_MODULE}"
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


def _table_from_plain(key: str, data: dict[str, Any]) -> ReportTable:
    chart = data.get("chart")
    rows: list[list[Cell]] = [list(row) for row in data.get("rows", [])]
    numeric = frozenset(i for i in range(len(data["columns"])) if rows and all(_is_number(r[i]) for r in rows))
    return ReportTable(
        key=key,
        title=str(data["title"]),
        columns=[str(c) for c in data["columns"]],
        rows=rows,
        chart=Chart(
            labels=[str(x) for x in chart["labels"]],
            values=[float(v) for v in chart["values"]],
            unit=str(chart.get("unit", "件")),
        )
        if chart
        else None,
        note=str(data.get("note", "")),
        numeric_columns=numeric,
    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _plugin_section(key: str, order: int, compute: Callable[[dt.date, dt.date], dict[str, Any] | None]) -> Section:
    def run(period: Period) -> ReportTable | None:
        data = compute(period.start, period.end_exclusive)
        return _table_from_plain(key, data) if data else None

    return Section(key=key, order=order, compute=run)


def report_sections(builtin: Sequence[Section]) -> list[Section]:
    found = list(builtin)
    for module in _hook_modules():
        for key, order, compute in getattr(module, "REPORT_SECTIONS", []):
            found.append(_plugin_section(key, order, compute))
    return sorted(found, key=lambda s: (s.order, s.key))


def retention_types(builtin: Sequence[RetentionType]) -> list[RetentionType]:
    found = list(builtin)
    for module in _hook_modules():
        for key, label, months, due, anonymise in getattr(module, "RETENTION_TYPES", []):
            found.append(RetentionType(key=key, label=label, default_months=months, due=due, anonymise=anonymise))
    return found


def handbook_chapters(builtin: Sequence[HandbookChapter]) -> list[HandbookChapter]:
    found = list(builtin)
    for module in _hook_modules():
        for key, order, build in getattr(module, "HANDBOOK_CHAPTERS", []):
            found.append(HandbookChapter(key=key, order=order, build=build))
    return sorted(found, key=lambda c: (c.order, c.key))
