"""Read path of FAQ entries: what staff and the public may see, browse axes, related entries, usage."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.cases.access import visible_cases
from madoguchi.cases.models import Case
from madoguchi.knowledge.models import FaqEntry, FaqStatus, FaqUse, FaqVisibility, UsefulLink
from madoguchi.taxonomy.models import Scheme, Term, TermAssignment

# The two classification axes the public site browses by (taxonomy scheme codes).
FAQ_AXES = ("tokyo_guidebook", "ipa_kokokara")


def staff_faqs(*, include_retired: bool = False) -> QuerySet[FaqEntry]:
    qs = FaqEntry.objects.select_related("created_by", "reviewed_by")
    return qs if include_retired else qs.exclude(status=FaqStatus.RETIRED)


def visible_faq_exists(*, user: User, pk: int) -> bool:
    """Whether this staff member may open this FAQ entry (what `faq_access.access_faq` would load)."""
    return user.can(Action.CASE_VIEW) and staff_faqs(include_retired=True).filter(pk=pk).exists()


def source_cases_for(*, faq: FaqEntry, user: User) -> list[Case]:
    """The entry's source consultations this user may open (tier 1 sees its own queue), like everywhere else."""
    ids = faq.source_cases.values_list("pk", flat=True)
    return list(visible_cases(user=user).filter(pk__in=list(ids)).order_by("received_at", "pk"))


def originals_visible(*, faq: FaqEntry, user: User) -> bool:
    """Whether this user may see what the masks hide: it is the source consultations' personal data, so only an
    editor who may open every one of them (a masked draft never widens what a consultation shows)."""
    if not user.can(Action.FAQ_EDIT):
        return False
    source_ids = set(faq.source_cases.values_list("pk", flat=True))
    return not source_ids or visible_cases(user=user).filter(pk__in=source_ids).count() == len(source_ids)


def public_faqs() -> QuerySet[FaqEntry]:
    """Only reviewed, published, public entries ever reach the public site."""
    return FaqEntry.objects.filter(
        status=FaqStatus.PUBLISHED, visibility=FaqVisibility.PUBLIC, reviewed_by__isnull=False
    ).exclude(approved_hash="")


def usable_faqs() -> QuerySet[FaqEntry]:
    """Entries staff may insert into an answer: published ones, internal or public."""
    return FaqEntry.objects.filter(status=FaqStatus.PUBLISHED).order_by("title", "pk")


def faq_list(*, status: str = "") -> QuerySet[FaqEntry]:
    qs = staff_faqs(include_retired=True).annotate(use_count=Count("uses"))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-updated_at", "-pk")


@dataclass(frozen=True)
class UsageRow:
    case: Case
    count: int


def faq_usage(*, faq: FaqEntry, user: User) -> tuple[int, list[UsageRow]]:
    """How often the entry was used, and the cases this user may see (others are counted, not shown)."""
    total = faq.uses.count()
    per_case = dict(faq.uses.values_list("case_id").annotate(n=Count("id")).values_list("case_id", "n"))
    cases = visible_cases(user=user).filter(pk__in=list(per_case)).order_by("-received_at")
    return total, [UsageRow(case=c, count=per_case[c.pk]) for c in cases]


def _faq_type() -> ContentType:
    return ContentType.objects.get_for_model(FaqEntry)


@dataclass(frozen=True)
class AxisTerm:
    term: Term
    depth: int
    count: int


@dataclass(frozen=True)
class Axis:
    scheme: Scheme
    terms: list[AxisTerm]


def public_axes() -> list[Axis]:
    """Each browse axis with its terms that classify at least one public entry (and their parents)."""
    ids = list(public_faqs().values_list("pk", flat=True))
    counts = dict(
        TermAssignment.objects.filter(content_type=_faq_type(), object_id__in=ids, term__scheme__code__in=FAQ_AXES)
        .values_list("term_id")
        .annotate(n=Count("id"))
        .values_list("term_id", "n")
    )
    axes: list[Axis] = []
    for scheme in Scheme.objects.filter(code__in=FAQ_AXES).order_by("code"):
        from madoguchi.taxonomy.selectors import scheme_tree

        rows = scheme_tree(scheme=scheme)
        used = {r.term.pk for r in rows if r.term.pk in counts}
        keep: set[int] = set(used)
        by_pk = {r.term.pk: r.term for r in rows}
        for pk in used:
            parent = by_pk[pk].parent_id
            while parent is not None:
                keep.add(parent)
                parent = by_pk[parent].parent_id if parent in by_pk else None
        axes.append(
            Axis(
                scheme=scheme,
                terms=[
                    AxisTerm(term=r.term, depth=r.depth, count=counts.get(r.term.pk, 0))
                    for r in rows
                    if r.term.pk in keep
                ],
            )
        )
    axes.sort(key=lambda a: FAQ_AXES.index(a.scheme.code))
    return axes


def public_term(*, scheme_code: str, term_code: str) -> Term | None:
    if scheme_code not in FAQ_AXES:
        return None
    return Term.objects.select_related("scheme").filter(scheme__code=scheme_code, code=term_code).first()


def public_faqs_with_term(*, term: Term) -> QuerySet[FaqEntry]:
    """Entries classified with the term or any term below it."""
    ids = {term.pk}
    frontier = [term.pk]
    while frontier:
        frontier = list(Term.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    faq_ids = TermAssignment.objects.filter(content_type=_faq_type(), term_id__in=ids).values("object_id")
    return public_faqs().filter(pk__in=faq_ids).order_by("title", "pk")


def faq_terms(*, faq: FaqEntry) -> list[Term]:
    from madoguchi.taxonomy.selectors import terms_for

    return terms_for(obj=faq)


def related_public_faqs(*, faq: FaqEntry, limit: int = 5) -> list[FaqEntry]:
    """Other public entries sharing a classification term or a keyword, most shared first."""
    term_ids = list(
        TermAssignment.objects.filter(content_type=_faq_type(), object_id=faq.pk).values_list("term_id", flat=True)
    )
    shared = dict(
        TermAssignment.objects.filter(content_type=_faq_type(), term_id__in=term_ids)
        .exclude(object_id=faq.pk)
        .values_list("object_id")
        .annotate(n=Count("id"))
        .values_list("object_id", "n")
    )
    candidates = list(public_faqs().exclude(pk=faq.pk).order_by("-published_at", "-pk")[:200])
    words = set(faq.keywords)

    def score(other: FaqEntry) -> int:
        return int(shared.get(other.pk, 0)) * 2 + len(words & set(other.keywords))

    ranked = sorted((c for c in candidates if score(c) > 0), key=lambda c: (-score(c), c.title, c.pk))
    return ranked[:limit]


def public_links() -> QuerySet[UsefulLink]:
    return UsefulLink.objects.filter(published=True).order_by("order", "pk")


def all_links() -> QuerySet[UsefulLink]:
    return UsefulLink.objects.select_related("updated_by").order_by("order", "pk")


def faq_uses_of_case(*, case: Case) -> QuerySet[FaqUse]:
    return FaqUse.objects.filter(case=case).select_related("faq")
