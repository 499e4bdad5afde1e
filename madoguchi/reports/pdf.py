"""The monthly report as an A4 PDF: the dashboard charts drawn by reportlab with their tables, Japanese CID text."""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from madoguchi.core.pdf import a4_document, base_style, japanese_font, markup
from madoguchi.reports.registry import Cell, Chart, ReportTable

BAR_COLOURS = ["#1f5fa8", "#2f8f5b", "#b3541e", "#6b4fa0", "#8a6d00", "#3d6f7a"]
PAGE_WIDTH = 180 * mm


def chart_drawing(chart: Chart) -> Drawing:
    font = japanese_font()
    label_width, value_width, bar, gap = 62 * mm, 18 * mm, 10, 4
    plot = PAGE_WIDTH - label_width - value_width
    scale_max = 100.0 if chart.unit == "%" else max([*chart.values, 1.0])
    height = max(len(chart.labels), 1) * (bar + gap) + 4
    drawing = Drawing(PAGE_WIDTH, height)
    for i, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = height - (i + 1) * (bar + gap)
        width = plot * max(value, 0) / scale_max if scale_max > 0 else 0
        drawing.add(String(label_width - 4, y + 2, label[:28], fontName=font, fontSize=7, textAnchor="end"))
        drawing.add(Rect(label_width, y, width, bar, fillColor=colors.HexColor(BAR_COLOURS[i % 6]), strokeColor=None))
        number = f"{value:.1f}" if chart.unit == "%" else f"{value:.0f}"
        drawing.add(String(label_width + width + 3, y + 2, f"{number}{chart.unit}", fontName=font, fontSize=7))
    return drawing


def _cell(value: Cell) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return value


def _table(table: ReportTable, *, max_columns: int = 8) -> Table:
    style = base_style(size=7, leading=9)
    columns = table.columns
    rows = table.rows
    if len(columns) > max_columns:
        # Month columns do not fit on A4: keep the label, the last months and the total.
        keep = [0, *range(len(columns) - max_columns + 1, len(columns))]
        columns = [columns[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
    data = [[Paragraph(markup(c), style) for c in columns]]
    data += [[Paragraph(markup(_cell(v)), style) for v in row] for row in rows]
    first = 55 * mm
    other = (PAGE_WIDTH - first) / max(len(columns) - 1, 1)
    result = Table(data, colWidths=[first] + [other] * (len(columns) - 1), repeatRows=1)
    result.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return result


def report_pdf(*, title: str, subtitle: str, tables: list[ReportTable], footer: str) -> bytes:
    buffer = io.BytesIO()
    doc = a4_document(buffer, title=title, author=footer)
    heading = base_style(size=16, leading=22)
    section_heading = base_style(size=11, leading=16)
    body = base_style(size=8, leading=11)
    story: list[Flowable] = [
        Paragraph(markup(title), heading),
        Paragraph(markup(subtitle), body),
        Spacer(1, 4 * mm),
    ]
    for table in tables:
        block: list[Flowable] = [Paragraph(markup(table.title), section_heading), Spacer(1, 2 * mm)]
        if table.chart is not None and table.chart.labels:
            block.append(chart_drawing(table.chart))
            block.append(Spacer(1, 2 * mm))
        story.append(KeepTogether(block))
        story.append(_table(table))
        if table.note:
            story.append(Paragraph(markup(table.note), body))
        story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(markup(footer), body))
    doc.build(story)
    return buffer.getvalue()
