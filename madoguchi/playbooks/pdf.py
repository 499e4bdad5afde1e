"""A playbook run as an A4 PDF, with reportlab's built-in Japanese CID font (no font files, text extractable)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from madoguchi.playbooks import clocks, selectors
from madoguchi.playbooks.models import PlaybookRun, Who

FONT = "HeiseiKakuGo-W5"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _when(value: object) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)  # type: ignore[arg-type]
    return f"{local:%Y-%m-%d %H:%M}"


def render_run_pdf(*, run: PlaybookRun, deadlines: list[clocks.Deadline]) -> bytes:
    font = _font()
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=13, wordWrap="CJK")
    title = ParagraphStyle("title", parent=base, fontSize=14, leading=20)
    heading = ParagraphStyle("heading", parent=base, fontSize=11, leading=16, spaceBefore=6)
    small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=10)

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    case = run.case
    story: list[object] = [
        p(f"事故対応チェックリスト: {run.title}（第{run.template_version}版）", title),
        p(f"受付番号 {case.reference}　{case.subject}"),
        p(
            f"開始 {_when(run.started_at)}　進み具合 {run.done_count}/{run.total_count}　印刷 {_when(timezone.now())}",
            small,
        ),
        Spacer(1, 4 * mm),
    ]
    if deadlines:
        story.append(p("報告期限", heading))
        rows = [[p("報告・通知"), p("期限"), p("状況")]]
        for d in deadlines:
            due = d.due_date.strftime("%Y-%m-%d まで") if d.due_date else _when(d.due_at) or "速やかに"
            rows.append([p(d.rule.name), p(due), p(_STATE_TEXT.get(d.state, d.state))])
        table = Table(rows, colWidths=[95 * mm, 45 * mm, 40 * mm], repeatRows=1)
        table.setStyle(_TABLE_STYLE)
        story.append(table)
    who = dict(Who.choices)
    for phase in selectors.phases(run=run):
        story.append(p(f"{phase.label}（{phase.done}/{phase.total}）", heading))
        rows = [[p("済"), p("行うこと"), p("担当"), p("記録")]]
        for item in phase.items:
            mark = "済" if item.done else "□"
            done_text = f"\n{_when(item.done_at)} {item.done_by or ''}" if item.done else ""
            note = f"\nメモ: {item.note}" if item.note else ""
            rows.append(
                [
                    p(mark),
                    p(item.text + note),
                    p(str(who.get(item.who, item.who))),
                    p(item.record + done_text, small),
                ]
            )
        table = Table(rows, colWidths=[9 * mm, 101 * mm, 28 * mm, 42 * mm], repeatRows=1)
        table.setStyle(_TABLE_STYLE)
        story.append(table)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{case.reference} {run.title}",
    )
    doc.build(story)
    return buffer.getvalue()


_STATE_TEXT = {
    clocks.State.FILED: "提出済み",
    clocks.State.OVERDUE: "期限超過",
    clocks.State.WARN: "期限間近",
    clocks.State.RUNNING: "期限内",
    clocks.State.NOW: "速やかに",
    clocks.State.NEEDS_START: "起算日時が未入力",
}

_TABLE_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ebf0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)
