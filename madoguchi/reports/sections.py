"""The statistics the reports show, computed from consultations: aggregates and labels only, never personal data."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.cases.choices import Category, Channel, EmployeeBand, Industry
from madoguchi.cases.models import Callback, Case, DeskRules, ResponseTarget
from madoguchi.cases.workflow import Status
from madoguchi.reports.registry import Cell, Chart, Period, ReportTable, Section, report_sections


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end_exclusive, dt.time.min, tzinfo=tz)
    return start, end


def _month_key(value: dt.datetime) -> dt.date:
    local = timezone.localtime(value)
    return dt.date(local.year, local.month, 1)


def month_label(month: dt.date) -> str:
    return f"{month.year}-{month.month:02d}"


def _counted_cases(period: Period) -> list[dict[str, Any]]:
    # Merged duplicates are the same consultation counted once, under the case they were merged into.
    start, end = _bounds(period)
    queryset = (
        Case.objects.filter(received_at__gte=start, received_at__lt=end)
        .exclude(status=Status.MERGED)
        .values(
            "received_at",
            "category",
            "channel",
            "organization__industry",
            "organization__employee_band",
            "organization__prefecture",
            "organization__municipality",
        )
    )
    return [dict(row) for row in queryset]


def _area(row: dict[str, Any]) -> str:
    prefecture = row["organization__prefecture"] or ""
    if prefecture and prefecture != "東京都":
        return _("東京都外（%(prefecture)s）") % {"prefecture": prefecture}
    return row["organization__municipality"] or _("不明")


def _by_dimension(
    *, key: str, title: str, label: str, period: Period, value: Callable[[dict[str, Any]], str], order: list[str]
) -> ReportTable:
    months = period.months
    counts: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for row in _counted_cases(period):
        counts[value(row)][_month_key(row["received_at"])] += 1
    labels = [x for x in order if x in counts] + sorted(x for x in counts if x not in order)
    rows: list[list[Cell]] = []
    for name in labels:
        per_month = [counts[name][m] for m in months]
        rows.append([name, *per_month, sum(per_month)])
    if not order:  # no natural order (areas): largest first
        rows.sort(key=lambda r: -int(r[-1] or 0))
    totals = [sum(counts[n][m] for n in labels) for m in months]
    rows.append([_("合計"), *totals, sum(totals)])
    columns = [label, *[month_label(m) for m in months], _("合計")]
    chart_rows = rows[:-1][:15]
    return ReportTable(
        key=key,
        title=title,
        columns=columns,
        rows=rows,
        chart=Chart(labels=[str(r[0]) for r in chart_rows], values=[float(r[-1] or 0) for r in chart_rows]),
        numeric_columns=frozenset(range(1, len(columns))),
    )


def _label(choices: Any, value: str) -> str:
    if not value:
        return _("未設定")
    return str(dict(choices.choices).get(value, value))


def monthly_total(period: Period) -> ReportTable:
    counts = Counter(_month_key(r["received_at"]) for r in _counted_cases(period))
    months = period.months
    rows: list[list[Cell]] = [[month_label(m), counts[m]] for m in months]
    return ReportTable(
        key="monthly_total",
        title=_("月別の相談件数"),
        columns=[_("月"), _("件数")],
        rows=rows,
        chart=Chart(labels=[month_label(m) for m in months], values=[float(counts[m]) for m in months]),
        numeric_columns=frozenset({1}),
    )


def by_category(period: Period) -> ReportTable:
    order = [str(label) for label in Category.labels] + [_("未設定")]
    return _by_dimension(
        key="by_category",
        title=_("相談区分別の件数（月別）"),
        label=_("相談区分"),
        period=period,
        value=lambda r: _label(Category, r["category"]),
        order=order,
    )


def by_channel(period: Period) -> ReportTable:
    return _by_dimension(
        key="by_channel",
        title=_("受付経路別の件数（月別）"),
        label=_("受付経路"),
        period=period,
        value=lambda r: _label(Channel, r["channel"]),
        order=[str(label) for label in Channel.labels],
    )


def by_industry(period: Period) -> ReportTable:
    return _by_dimension(
        key="by_industry",
        title=_("業種別の件数（月別）"),
        label=_("業種"),
        period=period,
        value=lambda r: _label(Industry, r["organization__industry"] or ""),
        order=[str(label) for label in Industry.labels],
    )


def by_employee_band(period: Period) -> ReportTable:
    return _by_dimension(
        key="by_employee_band",
        title=_("従業員規模別の件数（月別）"),
        label=_("従業員規模"),
        period=period,
        value=lambda r: _label(EmployeeBand, r["organization__employee_band"] or ""),
        order=[str(label) for label in EmployeeBand.labels],
    )


def by_area(period: Period) -> ReportTable:
    return _by_dimension(
        key="by_area",
        title=_("地域別の件数（月別）"),
        label=_("地域"),
        period=period,
        value=_area,
        order=[],
    )


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def response_times(period: Period) -> ReportTable:
    """First response against each category's target, and time to resolution."""
    start, end = _bounds(period)
    targets = dict(ResponseTarget.objects.values_list("category", "first_response_minutes"))
    default_target = DeskRules.current().default_first_response_minutes
    first: dict[str, list[float]] = defaultdict(list)
    on_time: Counter[str] = Counter()
    resolved: dict[str, list[float]] = defaultdict(list)
    rows_in = (
        Case.objects.filter(received_at__gte=start, received_at__lt=end)
        .exclude(status=Status.MERGED)
        .values("category", "received_at", "first_response_at", "first_response_due_at", "closed_at")
    )
    for row in rows_in:
        category = row["category"] or ""
        if row["first_response_at"]:
            first[category].append((row["first_response_at"] - row["received_at"]).total_seconds() / 60)
            due = row["first_response_due_at"]
            if due is None or row["first_response_at"] <= due:
                on_time[category] += 1
        if row["closed_at"]:
            resolved[category].append((row["closed_at"] - row["received_at"]).total_seconds() / 86400)
    order = [c for c in Category.values if c in first or c in resolved]
    if "" in first or "" in resolved:
        order.append("")
    rows: list[list[Cell]] = []
    labels: list[str] = []
    rates: list[float] = []
    for category in order:
        answered = len(first[category])
        rate = round(100 * on_time[category] / answered, 1) if answered else None
        rows.append(
            [
                _label(Category, category),
                targets.get(category, default_target),
                answered,
                _median(first[category]),
                rate,
                len(resolved[category]),
                _median(resolved[category]),
            ]
        )
        if rate is not None:
            labels.append(_label(Category, category))
            rates.append(rate)
    return ReportTable(
        key="response_times",
        title=_("初回対応・解決までの時間と目標"),
        columns=[
            _("相談区分"),
            _("初回対応の目標（分）"),
            _("初回対応の件数"),
            _("初回対応までの中央値（分）"),
            _("目標内の割合（%）"),
            _("完了件数"),
            _("完了までの中央値（日）"),
        ],
        rows=rows,
        chart=Chart(labels=labels, values=rates, unit="%"),
        note=_("目標内の割合は、初回対応期限（受付時に目標から計算）までに初回対応した案件の割合です。"),
        numeric_columns=frozenset(range(1, 7)),
    )


def callbacks(period: Period) -> ReportTable:
    start, end = _bounds(period)
    now = timezone.now()
    due: Counter[dt.date] = Counter()
    kept: Counter[dt.date] = Counter()
    late: Counter[dt.date] = Counter()
    open_overdue: Counter[dt.date] = Counter()
    for due_at, done_at in Callback.objects.filter(due_at__gte=start, due_at__lt=end).values_list("due_at", "done_at"):
        month = _month_key(due_at)
        due[month] += 1
        if done_at is not None and done_at <= due_at:
            kept[month] += 1
        elif done_at is not None:
            late[month] += 1
        elif due_at < now:
            open_overdue[month] += 1
    rows: list[list[Cell]] = []
    rates: list[float] = []
    months = period.months
    for m in months:
        rate = round(100 * kept[m] / due[m], 1) if due[m] else None
        rows.append([month_label(m), due[m], kept[m], late[m], open_overdue[m], rate])
        rates.append(rate or 0.0)
    return ReportTable(
        key="callbacks",
        title=_("折り返しの期限順守"),
        columns=[_("月"), _("期限の件数"), _("期限内"), _("期限後"), _("未了（期限切れ）"), _("期限内の割合（%）")],
        rows=rows,
        chart=Chart(labels=[month_label(m) for m in months], values=rates, unit="%"),
        numeric_columns=frozenset(range(1, 6)),
    )


BUILTIN = [
    Section(key="monthly_total", order=10, compute=monthly_total),
    Section(key="by_category", order=20, compute=by_category),
    Section(key="by_channel", order=30, compute=by_channel),
    Section(key="by_industry", order=40, compute=by_industry),
    Section(key="by_employee_band", order=50, compute=by_employee_band),
    Section(key="by_area", order=60, compute=by_area),
    Section(key="response_times", order=70, compute=response_times),
    Section(key="callbacks", order=80, compute=callbacks),
]


def all_sections() -> list[Section]:
    return report_sections(BUILTIN)


def build_report(period: Period, *, only: str | None = None) -> list[ReportTable]:
    tables = []
    for section in all_sections():
        if only and section.key != only:
            continue
        table = section.compute(period)
        if table is not None:
            tables.append(table)
    return tables


def default_period(today: dt.date | None = None) -> Period:
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    end = dt.date(today.year, today.month, 1)
    start = dt.date(end.year - 1, end.month, 1)
    start = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return Period(start=start, end=end)
