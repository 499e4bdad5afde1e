"""Server-rendered SVG bar charts: no script, no inline style (CSP), colours from static/css/reports.css."""

from __future__ import annotations

from xml.sax.saxutils import escape

from madoguchi.reports.registry import Chart

WIDTH = 720
LABEL_WIDTH = 260
VALUE_WIDTH = 70
BAR_HEIGHT = 18
GAP = 6
TOP = 8


def _attr(value: object) -> str:
    return escape(str(value), {'"': "&quot;", "'": "&#39;"})


def _format(value: float, unit: str) -> str:
    number = f"{value:.1f}" if unit == "%" else f"{value:.0f}"
    return f"{number}{unit}"


def bar_chart_svg(chart: Chart, *, title: str, element_id: str) -> str:
    """One horizontal bar per label, longest bar = largest value. The table next to it carries the same numbers."""
    scale_max = 100.0 if chart.unit == "%" else max([*chart.values, 1.0])
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP * 2 + max(len(chart.labels), 1) * (BAR_HEIGHT + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{_attr(element_id)}-title">',
        f'<title id="{_attr(element_id)}-title">{escape(title)}</title>',
    ]
    for i, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = TOP + i * (BAR_HEIGHT + GAP)
        width = 0 if scale_max <= 0 else round(plot * max(value, 0) / scale_max, 1)
        text_y = y + BAR_HEIGHT - 4
        parts.append(
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{text_y}" text-anchor="end">{escape(label)}</text>'
        )
        parts.append(
            f'<rect class="chart-bar chart-bar-{i % 6}" x="{LABEL_WIDTH}" y="{y}" width="{width}" '
            f'height="{BAR_HEIGHT}"></rect>'
        )
        parts.append(
            f'<text class="chart-value" x="{LABEL_WIDTH + width + 6}" y="{text_y}">'
            f"{escape(_format(value, chart.unit))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
