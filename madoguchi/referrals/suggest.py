"""Suggest referral organisations and law entries for a consultation text, each with the reasons why.

Reads the directory and the law map; writes nothing. The triage assistant and the case panel call
suggest_for_text(). Keywords are hints (triage-notes §9): a keyword negated in its own clause
(「身代金の画面は出ていない」) does not count, and an ASCII keyword must stand alone (「DoS」 is not inside
「DDoS」).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from madoguchi.cases.choices import Category, Urgency
from madoguchi.cases.extensions import CasePage
from madoguchi.cases.models import Case
from madoguchi.referrals.directory import directory
from madoguchi.referrals.models import (
    Audience,
    EventType,
    LawEntry,
    LinkRelevance,
    ReferralOrganization,
    Situation,
)
from madoguchi.referrals.services import normalize_for_search
from madoguchi.referrals.situation_rules import select_laws, select_referrals

MAX_ORGANIZATIONS = 10
MAX_LAWS = 10

# How far after a keyword a negation still belongs to it: the rest of its clause, at most this many characters.
_CLAUSE_END = re.compile(r"[。．！？!?\n、]")
_NEGATION_WINDOW = 20
_NEGATION = re.compile(
    r"(ていない|ていません|てない|ではない|ではありません|じゃない|ではなく|なかった|ありません|無い|なし|ない)"
)
# 「かもしれない」「わからない」 express doubt, not absence.
_NOT_NEGATION_BEFORE = ("しれ", "わから", "分から", "かね", "知れ")
_INDIVIDUAL_CUES = ("個人で", "個人として", "私用", "自宅", "家族", "息子", "娘", "個人的に", "プライベート")
_ASCII_WORD = re.compile(r"[a-z0-9]")


@dataclass(frozen=True)
class Suggestions:
    organizations: list[tuple[ReferralOrganization, list[str]]]
    laws: list[tuple[LawEntry, list[str]]]
    situations: list[tuple[Situation, list[str]]] = field(default_factory=list)
    events: list[tuple[EventType, list[str]]] = field(default_factory=list)


def _negated(text: str, end: int) -> bool:
    rest = text[end : end + _NEGATION_WINDOW]
    stop = _CLAUSE_END.search(rest)
    if stop:
        rest = rest[: stop.start()]
    return any(not rest[: match.start()].endswith(_NOT_NEGATION_BEFORE) for match in _NEGATION.finditer(rest))


def keyword_hits(text: str, keywords: list[str]) -> list[str]:
    """Keywords present in the normalised text and not negated in their clause, in the keywords' order."""
    return _hits(text, [(keyword, normalize_for_search(keyword)) for keyword in keywords])


def _hits(text: str, keywords: Iterable[tuple[str, str]]) -> list[str]:
    """keyword_hits on (keyword, its normalised form) pairs (the directory snapshot keeps them normalised)."""
    hits = []
    for keyword, needle in keywords:
        if not needle:
            continue
        ascii_word = needle.isascii()
        for match in re.finditer(re.escape(needle), text):
            if ascii_word:
                before = text[match.start() - 1 : match.start()]
                after = text[match.end() : match.end() + 1]
                if _ASCII_WORD.match(before) or _ASCII_WORD.match(after):
                    continue
            if not _negated(text, match.end()):
                hits.append(keyword)
                break
    return hits


def audience_hint(text: str) -> str:
    """The desk serves businesses; a consultation about one's private life is the individual's own case."""
    return Audience.INDIVIDUAL if any(cue in text for cue in _INDIVIDUAL_CUES) else Audience.COMPANY


def _category_label(category: str) -> str:
    return str(Category(category).label) if category in Category.values else category


def suggest_for_text(*, text: str, category: str | None) -> Suggestions:
    normalized = normalize_for_search(text)
    category = category or None
    found = directory()

    situation_reasons: dict[int, list[str]] = {}
    situations: dict[int, Situation] = {}
    for situation in found.situations:
        hits = _hits(normalized, found.keywords[("situation", situation.pk)])
        if hits:
            situations[situation.pk] = situation
            situation_reasons[situation.pk] = [
                _("キーワード「%(words)s」") % {"words": "」「".join(hits)},
            ]

    audience = audience_hint(normalized)
    org_scores: list[tuple[float, int, ReferralOrganization, list[str]]] = []
    for org in found.organizations:
        score = 0.0
        reasons: list[str] = []
        for situation_pk in found.org_situations.get(org.pk, ()):
            if situation_pk in situations:
                score += 3
                reasons.append(
                    _("状況「%(label)s」に該当（%(why)s）")
                    % {"label": situations[situation_pk].label, "why": situation_reasons[situation_pk][0]}
                )
        if category and category in org.categories:
            score += 2 + (1 if org.categories[0] == category else 0)
            reasons.append(_("相談区分「%(label)s」の紹介先") % {"label": _category_label(category)})
        if not reasons:
            continue
        if audience in org.audience:
            score += 1
            reasons.append(_("対象：%(who)s") % {"who": Audience(audience).label})
        else:
            score -= 2
            reasons.append(
                _("対象外の可能性（%(who)s向け）") % {"who": "・".join(org.audience_labels())},
            )
        if not org.verified:
            score -= 1
        org_scores.append((score, org.order, org, reasons))
    org_scores.sort(key=lambda row: (-row[0], row[1]))

    event_scores: list[tuple[float, int, EventType, list[str]]] = []
    for event in found.events:
        score = 0.0
        reasons = []
        hits = _hits(normalized, found.keywords[("event", event.pk)])
        if hits:
            score += 3
            reasons.append(_("キーワード「%(words)s」") % {"words": "」「".join(hits)})
        shared = [situations[pk] for pk in found.event_situations.get(event.pk, ()) if pk in situations]
        if shared:
            score += 2
            reasons.append(_("状況「%(labels)s」に関係") % {"labels": "」「".join(s.label for s in shared)})
        if not reasons:
            # Category alone fits too many events to be a suggestion; it only ranks those the text points at.
            continue
        if category and category in event.categories:
            score += 1
            reasons.append(_("相談区分「%(label)s」") % {"label": _category_label(category)})
        event_scores.append((score, event.order, event, reasons))
    event_scores.sort(key=lambda row: (-row[0], row[1]))

    law_rows: dict[int, tuple[float, int, LawEntry, list[str]]] = {}
    for score, _order, event, _reasons in event_scores:
        for link in found.event_links.get(event.pk, ()):
            primary = link.relevance == LinkRelevance.PRIMARY
            if primary:
                reason = _("事象「%(event)s」の主な適用法規") % {"event": event.label}
            else:
                reason = _("事象「%(event)s」で条件付き：%(condition)s") % {
                    "event": event.label,
                    "condition": link.condition,
                }
            law_score = score + (1 if primary else 0)
            if link.law_id in law_rows:
                best, order, law, reasons = law_rows[link.law_id]
                reasons.append(reason)
                law_rows[link.law_id] = (max(best, law_score), order, law, reasons)
            else:
                law_rows[link.law_id] = (law_score, link.law.order, link.law, [reason])
    laws = sorted(law_rows.values(), key=lambda row: (-row[0], row[1]))

    return Suggestions(
        organizations=[(org, reasons) for _s, _o, org, reasons in org_scores[:MAX_ORGANIZATIONS]],
        laws=[(law, reasons) for _s, _o, law, reasons in laws[:MAX_LAWS]],
        situations=[(situations[pk], situation_reasons[pk]) for pk in situations],
        events=[(event, reasons) for _s, _o, event, reasons in event_scores],
    )


# --- situation-based selection for a case (issue 13) ---------------------------------------------------


@dataclass(frozen=True)
class CaseSituations:
    """What the triage assistant read from a case: situations (best first) and whether it is a private matter."""

    codes: list[str]
    why: dict[str, str] = field(default_factory=dict)
    candidates: list[tuple[str, float]] = field(default_factory=list)
    personal: bool = False


# Registered by the triage app (referrals imports no other desk app): case -> its situations, or None. On the
# case screen the source also gets the request's CasePage, so it can reuse what the triage panel loaded.
SituationSource = Callable[[Case, CasePage | None], CaseSituations | None]
_situation_sources: list[SituationSource] = []


def register_situation_source(source: SituationSource) -> None:
    if source not in _situation_sources:
        _situation_sources.append(source)


def case_situations(case: Case, page: CasePage | None = None) -> CaseSituations | None:
    for source in _situation_sources:
        found = source(case, page)
        if found is not None:
            return found
    return None


def suggest_for_case(*, case: Case, text: str, page: CasePage | None = None) -> Suggestions:
    """Answer ② organisations and likely laws for a case: the same selection as `manage.py triage`.

    Situations come from the triage assistant; the flags and the category are staff's where they have
    decided (the police flag, the urgency, the category) and the suggestion's until then. Without a
    triage suggestion the keyword matching of suggest_for_text is the fallback.
    """
    found = case_situations(case, page)
    if found is None:
        return suggest_for_text(text=text, category=case.category or None)
    category = case.category or case.suggested_category or None
    police = bool(case.police_referral or case.suggested_police)
    urgent = case.urgency >= Urgency.HIGH or (case.suggested_urgency or 0) >= Urgency.HIGH
    picks = select_referrals(
        situations=found.codes, police=police, urgent=urgent, individual=found.personal, category=category
    )
    laws = select_laws(
        situations=found.codes, possible_crime=police or category == "crime", candidates=found.candidates
    )
    known = directory()
    organizations, law_rows, situations = known.organizations_by_code, known.laws_by_code, known.situations_by_code
    return Suggestions(
        organizations=[(organizations[p.code], [p.why]) for p in picks if p.code in organizations],
        laws=[(law_rows[p.code], [p.why]) for p in laws if p.code in law_rows],
        situations=[(situations[code], [found.why.get(code, "")]) for code in found.codes if code in situations],
    )
