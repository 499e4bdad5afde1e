"""A4 PDFs with reportlab's built-in Japanese CID font: no font files, text extractable (pdftotext)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

FONT = "HeiseiKakuGo-W5"


def japanese_font() -> str:
    # A CID font needs no font file: PDF viewers ship the Adobe-Japan1 glyphs.
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def base_style(*, size: float = 9, leading: float = 13) -> ParagraphStyle:
    return ParagraphStyle("base", fontName=japanese_font(), fontSize=size, leading=leading, wordWrap="CJK")


def markup(value: object) -> str:
    """Plain text made safe for reportlab Paragraph markup, in element text and in quoted attributes alike."""
    return escape(str(value), {'"': "&quot;", "'": "&#39;"})


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: escaped, line breaks kept."""
    return Paragraph(markup(value).replace("\n", "<br/>"), style)


def a4_document(buffer: io.BytesIO, *, title: str, author: str = "") -> SimpleDocTemplate:
    margins: dict[str, Any] = dict.fromkeys(("leftMargin", "rightMargin", "topMargin", "bottomMargin"), 15 * mm)
    return SimpleDocTemplate(buffer, pagesize=A4, title=title, author=author, **margins)
