"""Shipping exports of selected guidebook requests: CSV (UTF-8 with BOM), XLSX, and an A4 label-sheet PDF."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from madoguchi.core.pdf import base_style, japanese_font, markup
from madoguchi.outreach.models import GuidebookRequest

HEADER = [
    "受付番号",
    "郵便番号",
    "住所",
    "組織名",
    "部署名",
    "氏名",
    "電話番号",
    "メールアドレス",
    "版",
    "部数",
    "状態",
]
# Columns written as text in the spreadsheet, so that 0120-... and 060-0001 keep their leading zeros.
TEXT_COLUMNS = {"郵便番号", "電話番号", "受付番号"}


def _row(r: GuidebookRequest) -> list[str | int]:
    return [
        r.reference,
        r.postal_code,
        r.full_address,
        r.organization,
        r.department,
        r.person_name,
        r.phone,
        r.email,
        r.edition.name,
        r.copies,
        r.get_status_display(),
    ]


def _cell_text(value: str | int) -> str | int:
    # A cell starting with = + - @ would run as a formula in Excel: prefix it so it stays text.
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def to_csv(requests: Sequence[GuidebookRequest]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in requests:
        writer.writerow([_cell_text(v) for v in _row(r)])
    # The BOM tells Excel the file is UTF-8 (without it, Japanese text opens as mojibake).
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(requests: Sequence[GuidebookRequest]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "発送リスト"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for r in requests:
        sheet.append([_cell_text(v) for v in _row(r)])
    for index, name in enumerate(HEADER, start=1):
        if name in TEXT_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "@"
    widths = {"住所": 40, "組織名": 28, "メールアドレス": 28, "版": 24}
    for index, name in enumerate(HEADER, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = widths.get(name, 14)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# A4 sheet of 2 x 6 labels (86.4 x 42.3 mm, the common 12-label layout).
COLUMNS, ROWS = 2, 6
LABEL_W, LABEL_H = 86.4 * mm, 42.3 * mm
LEFT, TOP = 18.6 * mm, 21.5 * mm
PADDING = 5 * mm


def label_lines(r: GuidebookRequest) -> list[tuple[str, float]]:
    """The label written the Japanese way: 〒, address, organisation, department, name 様 (text, font size)."""
    lines = [(f"〒{r.postal_code}", 10.0), (r.full_address, 10.0), (r.organization, 11.0)]
    if r.department:
        lines.append((r.department, 10.0))
    lines.append((f"{r.person_name} 様", 12.0))
    return lines


def to_label_pdf(requests: Sequence[GuidebookRequest], *, title: str = "ガイドブック送付 宛名ラベル") -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(title)
    japanese_font()
    _width, height = A4
    per_page = COLUMNS * ROWS
    for index, r in enumerate(requests):
        if index and index % per_page == 0:
            canvas.showPage()
        slot = index % per_page
        column, row = slot % COLUMNS, slot // COLUMNS
        x = LEFT + column * LABEL_W + PADDING
        y = height - TOP - row * LABEL_H - PADDING
        room = LABEL_W - 2 * PADDING
        for text, size in label_lines(r):
            paragraph = Paragraph(markup(text), base_style(size=size, leading=size * 1.35))
            _w, used = paragraph.wrap(room, LABEL_H)
            y -= used
            paragraph.drawOn(canvas, x, y)
    if not requests:
        canvas.setFont(japanese_font(), 10)
        canvas.drawString(LEFT, height - TOP, "（選択された依頼はありません）")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
