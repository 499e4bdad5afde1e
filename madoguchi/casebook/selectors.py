"""Read path of the casebook, guidebook proposals and know-how reports; the booklet's grouping."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.casebook.models import CaseStudy, CaseStudyStatus, KnowhowReport, RevisionProposal
from madoguchi.casebook.sections import GUIDEBOOK_SCHEME, section_of, sections
from madoguchi.cases.access import visible_cases
from madoguchi.referrals.models import LawEntry
from madoguchi.taxonomy.models import Term, TermAssignment


def case_studies(*, user: User) -> QuerySet[CaseStudy]:
    """The studies this staff member may read: every published one, and the unpublished ones (unreviewed text
    that may still name the consulter) only where they may open the source consultation."""
    if not user.can(Action.CASEBOOK_VIEW):
        return CaseStudy.objects.none()
    visible = Q(status=CaseStudyStatus.PUBLISHED) | Q(source_case__in=visible_cases(user=user).values("pk"))
    return CaseStudy.objects.filter(visible).select_related("source_case", "reviewed_by").order_by("-updated_at", "-id")


def published_case_studies() -> QuerySet[CaseStudy]:
    return CaseStudy.objects.filter(status=CaseStudyStatus.PUBLISHED).order_by("-published_at", "-id")


def published_case_study(*, pk: int) -> CaseStudy | None:
    return published_case_studies().prefetch_related("organizations").filter(pk=pk).first()


@dataclass
class SectionGroup:
    section: Term | None
    studies: list[CaseStudy] = field(default_factory=list)


def _guidebook_terms() -> dict[int, Term]:
    return {t.pk: t for t in Term.objects.filter(scheme__code=GUIDEBOOK_SCHEME).select_related("scheme")}


def published_by_section() -> list[SectionGroup]:
    """Published studies grouped by the guidebook's MISSIONs in its order; unclassified ones last; 4 queries."""
    studies = list(published_case_studies().prefetch_related("organizations"))
    by_pk = _guidebook_terms()
    content_type = ContentType.objects.get_for_model(CaseStudy)
    first_section: dict[int, Term] = {}
    assignments = TermAssignment.objects.filter(
        content_type=content_type, object_id__in=[s.pk for s in studies], term_id__in=list(by_pk)
    ).order_by("term__order", "pk")
    for a in assignments:
        section = section_of(by_pk[a.term_id], by_pk=by_pk)
        if section is not None:
            first_section.setdefault(a.object_id, section)
    groups = {
        s.pk: SectionGroup(section=s)
        for s in sorted((t for t in by_pk.values() if t.parent_id is None), key=lambda t: (t.order, t.pk))
    }
    other = SectionGroup(section=None)
    for study in studies:
        section = first_section.get(study.pk)
        (groups[section.pk] if section is not None else other).studies.append(study)
    result = [g for g in groups.values() if g.studies]
    if other.studies:
        result.append(other)
    return result


@dataclass
class SectionUpkeep:
    section: Term
    proposals: list[RevisionProposal]
    laws: list[LawEntry]


def guidebook_upkeep() -> list[SectionUpkeep]:
    """Every MISSION with its revision proposals and the law-map entries that apply to it."""
    section_list = list(sections())
    proposals: dict[int, list[RevisionProposal]] = {}
    for p in RevisionProposal.objects.select_related("proposed_by", "decided_by").prefetch_related("archive_items"):
        proposals.setdefault(p.section_id, []).append(p)
    content_type = ContentType.objects.get_for_model(LawEntry)
    laws_by_term: dict[int, list[int]] = {}
    for a in TermAssignment.objects.filter(content_type=content_type, term__in=section_list):
        laws_by_term.setdefault(a.term_id, []).append(a.object_id)
    laws = {law.pk: law for law in LawEntry.objects.filter(pk__in=[i for ids in laws_by_term.values() for i in ids])}
    return [
        SectionUpkeep(
            section=s,
            proposals=proposals.get(s.pk, []),
            laws=sorted((laws[i] for i in laws_by_term.get(s.pk, []) if i in laws), key=lambda x: str(x)),
        )
        for s in section_list
    ]


def knowhow_reports() -> QuerySet[KnowhowReport]:
    return KnowhowReport.objects.select_related("author").order_by("-held_on", "-id")


def knowhow_for_month(*, year: int, month: int) -> list[KnowhowReport]:
    """The month's know-how reports, oldest first: what the monthly report lists."""
    start = dt.date(year, month, 1)
    end = dt.date(year + (month == 12), month % 12 + 1, 1)
    return list(knowhow_reports().filter(held_on__gte=start, held_on__lt=end).order_by("held_on", "id"))
