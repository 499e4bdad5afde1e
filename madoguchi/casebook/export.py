"""Documents made from the casebook: the public PDF booklet and the managers' guidebook-upkeep export."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from madoguchi.casebook.models import CaseStudy
from madoguchi.casebook.selectors import SectionGroup, SectionUpkeep
from madoguchi.core.pdf import a4_document, base_style, markup, text


def _section_title(group: SectionGroup) -> str:
    return str(group.section) if group.section is not None else _("その他の事例")


def _study_parts(study: CaseStudy) -> list[tuple[str, str]]:
    parts = [
        (_("状況"), study.situation),
        (_("企業が行ったこと"), study.company_actions),
        (_("窓口の助言"), study.desk_advice),
        (_("教訓"), study.lessons),
    ]
    return [(label, value) for label, value in parts if value.strip()]


def booklet_pdf(groups: list[SectionGroup]) -> bytes:
    """The printable casebook: one chapter per guidebook MISSION, in the guidebook's order."""
    buffer = io.BytesIO()
    title = _("事例集")
    doc = a4_document(buffer, title=title)
    body = base_style(size=10, leading=16)
    h1 = base_style(size=18, leading=26)
    h2 = base_style(size=14, leading=20)
    h3 = base_style(size=12, leading=18)
    label = base_style(size=10, leading=16)
    story: list[Flowable] = [
        Paragraph(markup(title), h1),
        text(_("窓口に寄せられた相談を、個人や会社が分からないように書き改めた事例です。"), body),
        text(_("作成日：%(date)s") % {"date": timezone.localdate().isoformat()}, body),
        Spacer(1, 12),
    ]
    for group in groups:
        story.append(Paragraph(markup(_section_title(group)), h2))
        for study in group.studies:
            story.append(Paragraph(markup(study.title), h3))
            for name, value in _study_parts(study):
                story.append(Paragraph("<b>" + markup(name) + "</b>", label))
                story.append(text(value, body))
            orgs = [o.name for o in study.organizations.all()]
            if orgs:
                story.append(Paragraph("<b>" + markup(_("支援した機関")) + "</b>", label))
                story.append(text("、".join(orgs), body))
            story.append(Spacer(1, 10))
        story.append(PageBreak())
    if not groups:
        story.append(text(_("公開中の事例はまだありません。"), body))
    doc.build(story)
    return buffer.getvalue()


def _status(value: str) -> str:
    from madoguchi.casebook.models import ProposalStatus

    return str(ProposalStatus(value).label)


def upkeep_markdown(rows: list[SectionUpkeep]) -> str:
    """The guidebook-upkeep document for managers, as Markdown (opens in any editor, pastes into Word)."""
    lines = [
        f"# {_('ガイドブック改訂提案')}",
        "",
        _("作成日：%(date)s") % {"date": timezone.localdate().isoformat()},
        "",
    ]
    for row in rows:
        lines += [f"## {row.section}", ""]
        if not row.proposals:
            lines += [_("改訂提案はありません。"), ""]
        for p in row.proposals:
            lines += [f"### {p.title}（{_status(p.status)}）", ""]
            lines += [f"- {_('変更すべき点')}：{p.change}", f"- {_('理由')}：{p.reason}"]
            for url in p.source_url_list:
                lines.append(f"- {_('出典')}：<{url}>")
            for item in p.archive_items.all():
                lines.append(f"- {_('情報アーカイブ')}：{item.title}")
            if p.decision_note:
                lines.append(f"- {_('判断の理由')}：{p.decision_note}")
            lines.append("")
        if row.laws:
            lines += [f"#### {_('関係する法令')}", ""]
            lines += [f"- {law}：{law.covers}" for law in row.laws]
            lines.append("")
    return "\n".join(lines)


def upkeep_pdf(rows: list[SectionUpkeep]) -> bytes:
    buffer = io.BytesIO()
    title = _("ガイドブック改訂提案")
    doc = a4_document(buffer, title=title)
    body = base_style(size=9, leading=14)
    h1 = base_style(size=16, leading=24)
    h2 = base_style(size=13, leading=19)
    h3 = base_style(size=11, leading=16)
    story: list[Flowable] = [Paragraph(markup(title), h1)]
    for row in rows:
        story.append(Paragraph(markup(str(row.section)), h2))
        if not row.proposals:
            story.append(text(_("改訂提案はありません。"), body))
        for p in row.proposals:
            story.append(Paragraph(markup(f"{p.title}（{_status(p.status)}）"), h3))
            story.append(text(f"{_('変更すべき点')}：{p.change}", body))
            story.append(text(f"{_('理由')}：{p.reason}", body))
            for url in p.source_url_list:
                story.append(text(f"{_('出典')}：{url}", body))
            for item in p.archive_items.all():
                story.append(text(f"{_('情報アーカイブ')}：{item.title}", body))
            if p.decision_note:
                story.append(text(f"{_('判断の理由')}：{p.decision_note}", body))
        for law in row.laws:
            story.append(text(f"{_('関係する法令')}：{law}（{law.covers}）", body))
        story.append(Spacer(1, 8))
    doc.build(story)
    return buffer.getvalue()
