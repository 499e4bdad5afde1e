"""Report tables as CSV (UTF-8 with BOM, for Excel in Japan) and XLSX (a sheet per table, header row, formats)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from madoguchi.reports.registry import Cell, ReportTable

# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(tables: list[ReportTable]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for i, table in enumerate(tables):
        if len(tables) > 1:
            if i:
                writer.writerow([])
            writer.writerow([table.title])
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow(["" if v is None else _text_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique within the book.
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title)[:28]
    name, n = cleaned, 2
    while name in used:
        name, n = f"{cleaned}{n}", n + 1
    used.add(name)
    return name


def to_xlsx(tables: list[ReportTable], *, title: str) -> bytes:
    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    used: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        sheet.append(table.columns)
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_text_cell(v) for v in row])
        for index in table.numeric_columns:
            letter = get_column_letter(index + 1)
            for (cell,) in sheet[f"{letter}2:{letter}{sheet.max_row}"] if sheet.max_row > 1 else []:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.0"
                elif isinstance(cell.value, int):
                    cell.number_format = "#,##0"
        sheet.freeze_panes = "B2"
        sheet.column_dimensions["A"].width = 36
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
