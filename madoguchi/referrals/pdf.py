"""The printable quick list (相談・届出先クイックリスト) as an A4 PDF with the built-in Japanese CID font."""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from madoguchi.core import pdf
from madoguchi.referrals.formatting import jdate
from madoguchi.referrals.freshness import is_stale
from madoguchi.referrals.models import ChannelKind
from madoguchi.referrals.selectors import SituationGroup


def _styles() -> dict[str, ParagraphStyle]:
    base = pdf.base_style(size=8.5, leading=12)
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=20, spaceAfter=2 * mm),
        "meta": ParagraphStyle("meta", parent=base, fontSize=8, textColor=colors.HexColor("#444444")),
        "situation": ParagraphStyle(
            "situation",
            parent=base,
            fontSize=11,
            leading=15,
            spaceBefore=3 * mm,
            spaceAfter=1 * mm,
            textColor=colors.HexColor("#12324f"),
        ),
        "org": ParagraphStyle("org", parent=base, fontSize=9.5, leading=13, leftIndent=3 * mm),
        "detail": ParagraphStyle("detail", parent=base, leftIndent=6 * mm),
        "source": ParagraphStyle(
            "source", parent=base, fontSize=7, leading=9.5, leftIndent=6 * mm, textColor=colors.HexColor("#555555")
        ),
    }


def _footer(canvas: object, doc: SimpleDocTemplate) -> None:
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFont(pdf.japanese_font(), 7)  # type: ignore[attr-defined]
    canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"{doc.page}")  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def _channel_markup(channel: dict[str, str]) -> str:
    """One contact line as Paragraph markup; every directory value is escaped, web addresses become links."""
    kind = channel.get("kind", "")
    label = str(ChannelKind(kind).label) if kind in ChannelKind.values else kind
    value = channel.get("value", "")
    shown = pdf.markup(value)
    if kind == ChannelKind.WEB and value.lower().startswith(("https://", "http://")):
        shown = f'<link href="{pdf.markup(value)}">{shown}</link>'
    line = f"{pdf.markup(label)}：{shown}"
    if channel.get("hours"):
        line += f"（{pdf.markup(channel['hours'])}）"
    return line


def quick_list_pdf(*, groups: list[SituationGroup], today: dt.date, desk_name: str) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    doc = pdf.a4_document(buffer, title=_("相談・届出先クイックリスト"), author=desk_name)
    story: list[object] = [
        Paragraph(pdf.markup(_("相談・届出先クイックリスト")), styles["title"]),
        Paragraph(
            pdf.markup(
                _("%(desk)s　作成日：%(date)s　") % {"desk": desk_name, "date": jdate(today)}
                + _("各連絡先は出典の日付（情報の日付）時点のものです。ご利用前に各機関の案内をご確認ください。")
            ),
            styles["meta"],
        ),
        Spacer(1, 2 * mm),
    ]
    for group in groups:
        block: list[object] = [Paragraph(pdf.markup(f"■ {group.situation.label}"), styles["situation"])]
        for org in group.organizations:
            marks = []
            if not org.verified:
                marks.append(_("［未検証］"))
            if is_stale(org, today=today):
                marks.append(_("［要確認］"))
            entry: list[object] = [Paragraph(pdf.markup(org.name + " " + "".join(marks)), styles["org"])]
            for channel in org.channels:
                entry.append(Paragraph(_channel_markup(channel), styles["detail"]))
            source = _("出典：%(url)s（%(date)s時点）") % {"url": org.source_url, "date": jdate(org.as_of)}
            entry.append(Paragraph(pdf.markup(source), styles["source"]))
            block.append(KeepTogether(entry))
        story.extend(block)
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
