"""The specialist handbook (専門員業務ガイドブック), assembled from the live system each time it is built.

Nothing here is written twice: the workflow comes from cases.workflow, targets and approval rules from the
desk settings, the directory, law map and playbooks from their apps, the procedures from `HandbookSection`
(edited by managers), and other apps' chapters (FAQ) through `report_hooks.HANDBOOK_CHAPTERS`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from madoguchi.cases.choices import Category
from madoguchi.cases.models import DeskRules, ResponseTarget
from madoguchi.cases.workflow import ALLOWED_TRANSITIONS, Status
from madoguchi.core.pdf import a4_document, base_style, markup, text
from madoguchi.playbooks.models import PlaybookTemplate
from madoguchi.referrals.models import LawEntry, ReferralOrganization
from madoguchi.reports.models import HandbookRevision, HandbookSection
from madoguchi.reports.registry import HandbookChapter, handbook_chapters
from madoguchi.reports.services import handbook_default_sections_ensure


@dataclass
class Block:
    heading: str = ""
    text: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Chapter:
    key: str
    title: str
    blocks: list[Block]


@dataclass
class Handbook:
    title: str
    version: str
    built_at: dt.datetime
    chapters: list[Chapter]


def procedure_texts() -> dict[str, tuple[HandbookSection, HandbookRevision | None]]:
    handbook_default_sections_ensure()
    latest = HandbookRevision.objects.order_by("-number").select_related("author")
    out: dict[str, tuple[HandbookSection, HandbookRevision | None]] = {}
    for section in HandbookSection.objects.prefetch_related(Prefetch("revisions", queryset=latest)):
        revisions = list(section.revisions.all())
        out[section.key] = (section, revisions[0] if revisions else None)
    return out


def _procedure_block(key: str, texts: dict[str, tuple[HandbookSection, HandbookRevision | None]]) -> list[Block]:
    if key not in texts:
        return []
    section, revision = texts[key]
    if revision is None:
        return []
    return [Block(heading=section.title, text=revision.body)]


def _workflow(texts: dict[str, tuple[HandbookSection, HandbookRevision | None]]) -> dict[str, Any]:
    labels = dict(Status.choices)
    rows = [
        [str(labels[status]), "、".join(str(labels[t]) for t in sorted(targets, key=list(labels).index)) or "—"]
        for status, targets in ALLOWED_TRANSITIONS.items()
    ]
    return {
        "title": _("相談対応の流れ"),
        "blocks": [
            *_procedure_block("workflow", texts),
            Block(heading=_("状態と次に移れる状態"), columns=[_("状態"), _("次に移れる状態")], rows=rows),
        ],
    }


def _dispatch(texts: dict[str, tuple[HandbookSection, HandbookRevision | None]]) -> dict[str, Any]:
    rules = DeskRules.current()
    targets = dict(ResponseTarget.objects.values_list("category", "first_response_minutes"))
    playbooks: dict[str, list[str]] = {}
    for template in PlaybookTemplate.objects.order_by("family", "-version"):
        for category in template.categories:
            titles = playbooks.setdefault(category, [])
            if template.title not in titles:
                titles.append(template.title)
    rows = []
    for value, label in Category.choices:
        minutes = targets.get(value, rules.default_first_response_minutes)
        rows.append(
            [
                str(label),
                _("%(hours)s時間") % {"hours": f"{minutes / 60:g}"},
                _("要") if value in rules.approval_categories else _("不要"),
                "、".join(playbooks.get(value, [])) or "—",
            ]
        )
    police = _("警察への相談を要する案件の回答は、相談区分にかかわらず管理職の承認を要します。")
    return {
        "title": _("相談区分と回付の基準"),
        "blocks": [
            *_procedure_block("dispatch", texts),
            Block(
                heading=_("相談区分ごとの目標と承認"),
                columns=[_("相談区分"), _("初回対応の目標"), _("回答の管理職承認"), _("事故対応フロー")],
                rows=rows,
            ),
            *([Block(text=police)] if rules.approval_for_police_referral else []),
        ],
    }


def _answers(texts: dict[str, tuple[HandbookSection, HandbookRevision | None]]) -> dict[str, Any]:
    return {
        "title": _("回答の構成（①・②）"),
        "blocks": [
            *_procedure_block("answer_structure", texts),
            Block(
                columns=[_("部分"), _("内容")],
                rows=[
                    [_("① 具体的な対策"), _("相談者が今日から行える対策を、優先順に具体的に書きます。")],
                    [_("② 相談・届出先"), _("紹介先機関の名称・連絡先・受付時間を、確認した日付とともに書きます。")],
                ],
            ),
        ],
    }


def _procedures(texts: dict[str, tuple[HandbookSection, HandbookRevision | None]]) -> dict[str, Any]:
    blocks: list[Block] = []
    for key in ("phone", "web", "email", "counter"):
        blocks += _procedure_block(key, texts)
    known = {"workflow", "dispatch", "answer_structure", "phone", "web", "email", "counter"}
    for key, (section, revision) in texts.items():
        if key not in known and revision is not None:
            blocks.append(Block(heading=section.title, text=revision.body))
    return {"title": _("受付経路ごとの手順（電話・Web・メール・来訪）"), "blocks": blocks}


def _directory() -> dict[str, Any]:
    rows = [
        [o.name, o.handles, o.region, f"{o.as_of:%Y-%m-%d}" + ("" if o.verified else _("（要確認）")), o.source_url]
        for o in ReferralOrganization.objects.order_by("order", "name")
    ]
    return {
        "title": _("相談・届出先（紹介先機関）"),
        "blocks": [Block(columns=[_("名称"), _("対応内容"), _("地域"), _("情報の日付"), _("出典")], rows=rows)],
    }


def _law_map() -> dict[str, Any]:
    rows = [
        [
            f"{law.law_name} {law.article}",
            law.covers,
            law.penalty or "—",
            f"{law.as_of:%Y-%m-%d}" + ("" if law.verified else _("（要確認）")),
            law.source_url,
        ]
        for law in LawEntry.objects.order_by("order", "law_short_name", "article")
    ]
    return {
        "title": _("事象と適用法規（法令マップ）"),
        "blocks": [
            Block(columns=[_("法令・条項"), _("対象となる行為"), _("罰則"), _("情報の日付"), _("出典")], rows=rows)
        ],
    }


def _playbooks() -> dict[str, Any]:
    blocks = []
    latest = PlaybookTemplate.objects.values("code").annotate(v=Max("version"))
    current = {(x["code"], x["v"]) for x in latest}
    for template in PlaybookTemplate.objects.prefetch_related("items").order_by("family", "code"):
        if (template.code, template.version) not in current:
            continue
        rows = [[item.phase_label, item.text, item.get_who_display()] for item in template.items.all()]
        blocks.append(
            Block(
                heading=_("%(title)s（第%(version)s版）") % {"title": template.title, "version": template.version},
                columns=[_("段階"), _("行うこと"), _("担当")],
                rows=rows,
            )
        )
    return {"title": _("事故対応フロー"), "blocks": blocks}


def _builtin() -> list[HandbookChapter]:
    texts = procedure_texts()
    return [
        HandbookChapter(key="workflow", order=10, build=lambda: _workflow(texts)),
        HandbookChapter(key="dispatch", order=20, build=lambda: _dispatch(texts)),
        HandbookChapter(key="answers", order=30, build=lambda: _answers(texts)),
        HandbookChapter(key="procedures", order=40, build=lambda: _procedures(texts)),
        HandbookChapter(key="directory", order=50, build=_directory),
        HandbookChapter(key="law_map", order=60, build=_law_map),
        HandbookChapter(key="playbooks", order=70, build=_playbooks),
    ]


def _chapter(key: str, data: dict[str, Any]) -> Chapter:
    blocks = []
    for block in data.get("blocks", []):
        if isinstance(block, Block):
            blocks.append(block)
        else:  # plain dicts from other apps' report_hooks
            blocks.append(
                Block(
                    heading=str(block.get("heading", "")),
                    text=str(block.get("text", "")),
                    columns=[str(c) for c in block.get("columns", [])],
                    rows=[[str(v) for v in row] for row in block.get("rows", [])],
                )
            )
    return Chapter(key=key, title=str(data["title"]), blocks=blocks)


def build(*, now: dt.datetime | None = None) -> Handbook:
    chapters = []
    for chapter in handbook_chapters(_builtin()):
        data = chapter.build()
        if data:
            chapters.append(_chapter(chapter.key, data))
    content = json.dumps(
        [[c.title, [[b.heading, b.text, b.columns, b.rows] for b in c.blocks]] for c in chapters], ensure_ascii=False
    )
    built_at = now or timezone.now()
    # The version names the content: the same system state gives the same version on any day.
    version = hashlib.sha256(content.encode()).hexdigest()[:10]
    return Handbook(title=_("専門員業務ガイドブック"), version=version, built_at=built_at, chapters=chapters)


def handbook_pdf(handbook: Handbook) -> bytes:
    buffer = io.BytesIO()
    doc = a4_document(buffer, title=handbook.title)
    title_style = base_style(size=18, leading=26)
    chapter_style = base_style(size=13, leading=18)
    heading_style = base_style(size=10, leading=15)
    body = base_style(size=9, leading=13)
    cell = base_style(size=7, leading=9)
    stamp = _("版 %(version)s ／ 作成 %(date)s") % {
        "version": handbook.version,
        "date": timezone.localtime(handbook.built_at).strftime("%Y年%m月%d日 %H:%M"),
    }
    story: list[Flowable] = [
        Paragraph(markup(handbook.title), title_style),
        Paragraph(markup(stamp), body),
        Spacer(1, 6 * mm),
        Paragraph(markup(_("目次")), chapter_style),
    ]
    for i, chapter in enumerate(handbook.chapters, start=1):
        story.append(Paragraph(markup(f"{i}. {chapter.title}"), body))
    for i, chapter in enumerate(handbook.chapters, start=1):
        story += [PageBreak(), Paragraph(markup(f"{i}. {chapter.title}"), chapter_style), Spacer(1, 3 * mm)]
        for block in chapter.blocks:
            if block.heading:
                story.append(Paragraph(markup(block.heading), heading_style))
            if block.text:
                story.append(text(block.text, body))
            if block.columns:
                data = [[Paragraph(markup(c), cell) for c in block.columns]]
                data += [[Paragraph(markup(v), cell) for v in row] for row in block.rows]
                table = Table(data, repeatRows=1, colWidths=[180 * mm / len(block.columns)] * len(block.columns))
                table.setStyle(
                    TableStyle([("GRID", (0, 0), (-1, -1), 0.25, "#888888"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
                )
                story.append(table)
            story.append(Spacer(1, 3 * mm))
    doc.build(story)
    return buffer.getvalue()
