"""A playbook run as an A4 PDF, with reportlab's built-in Japanese CID font (no font files, text extractable)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from madoguchi.core import pdf
from madoguchi.playbooks import clocks, selectors
from madoguchi.playbooks.models import PlaybookRun, Who


def _when(value: object) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)  # type: ignore[arg-type]
    return f"{local:%Y-%m-%d %H:%M}"


def render_run_pdf(*, run: PlaybookRun, deadlines: list[clocks.Deadline]) -> bytes:
    base = pdf.base_style()
    title = ParagraphStyle("title", parent=base, fontSize=14, leading=20)
    heading = ParagraphStyle("heading", parent=base, fontSize=11, leading=16, spaceBefore=6)
    small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=10)

    def p(value: str, style: ParagraphStyle = base) -> Paragraph:
        return pdf.text(value, style)

    case = run.case
    story: list[object] = [
        p(_("事故対応チェックリスト: %(title)s（第%(v)s版）") % {"title": run.title, "v": run.template_version}, title),
        p(_("受付番号 %(ref)s　%(subject)s") % {"ref": case.reference, "subject": case.subject}),
        p(
            _("開始 %(start)s　進み具合 %(done)s/%(total)s　印刷 %(now)s")
            % {
                "start": _when(run.started_at),
                "done": run.done_count,
                "total": run.total_count,
                "now": _when(timezone.now()),
            },
            small,
        ),
        Spacer(1, 4 * mm),
    ]
    if deadlines:
        story.append(p(_("報告期限"), heading))
        rows = [[p(_("報告・通知")), p(_("期限")), p(_("状況"))]]
        for d in deadlines:
            if d.due_date:
                due = _("%(date)s まで") % {"date": d.due_date.strftime("%Y-%m-%d")}
            else:
                due = _when(d.due_at) or _("速やかに")
            rows.append([p(d.rule.name), p(due), p(str(_STATE_TEXT.get(d.state, d.state)))])
        table = Table(rows, colWidths=[95 * mm, 45 * mm, 40 * mm], repeatRows=1)
        table.setStyle(_TABLE_STYLE)
        story.append(table)
    who = dict(Who.choices)
    for phase in selectors.phases(run=run):
        story.append(p(f"{phase.label}（{phase.done}/{phase.total}）", heading))
        rows = [[p(_("済")), p(_("行うこと")), p(_("担当")), p(_("記録"))]]
        for item in phase.items:
            mark = _("済") if item.done else "□"
            done_text = f"\n{_when(item.done_at)} {item.done_by or ''}" if item.done else ""
            note = "\n" + _("メモ: %(note)s") % {"note": item.note} if item.note else ""
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
    doc = pdf.a4_document(buffer, title=f"{case.reference} {run.title}")
    doc.build(story)
    return buffer.getvalue()


_STATE_TEXT = {
    clocks.State.FILED: gettext_lazy("提出済み"),
    clocks.State.OVERDUE: gettext_lazy("期限超過"),
    clocks.State.WARN: gettext_lazy("期限間近"),
    clocks.State.RUNNING: gettext_lazy("期限内"),
    clocks.State.NOW: gettext_lazy("速やかに"),
    clocks.State.NEEDS_START: gettext_lazy("起算日時が未入力"),
}

_TABLE_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ebf0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)
