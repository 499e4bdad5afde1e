"""The public FAQ pages (no login): browse by both classification axes, search, one page per entry, useful links."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from madoguchi.knowledge import faq_selectors
from madoguchi.knowledge.faq_access import access_public_faq
from madoguchi.knowledge.faq_forms import PublicSearchForm
from madoguchi.knowledge.faq_index import FAQ_KIND
from madoguchi.knowledge.models import FaqEntry
from madoguchi.knowledge.search import service

PAGE_SIZE = 20


def public_url(faq: FaqEntry) -> str:
    return reverse("faq_public:detail", kwargs={"pk": faq.pk})


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "axes": faq_selectors.public_axes(),
        "latest": list(faq_selectors.public_faqs().order_by("-published_at", "-pk")[:10]),
        "form": PublicSearchForm(),
    }
    return render(request, "public/faq/index.html", context)


@require_GET
def term(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    found = faq_selectors.public_term(scheme_code=scheme, term_code=code)
    if found is None:
        raise Http404
    faqs = list(faq_selectors.public_faqs_with_term(term=found))
    return render(request, "public/faq/term.html", {"term": found, "faqs": faqs})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = PublicSearchForm(request.GET or None)
    rows: list[dict[str, Any]] = []
    page = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        # Only published public entries: the permission queryset of the FAQ kind is the public one.
        page = service.search(
            query=form.cleaned_data["q"],
            kinds=[FAQ_KIND],
            restrict={FAQ_KIND: faq_selectors.public_faqs()},
            limit=PAGE_SIZE,
        )
        rows = [{"hit": hit, "url": reverse("faq_public:detail", kwargs={"pk": hit.object_id})} for hit in page.hits]
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "public/faq/search.html", {"form": form, "page": page, "rows": rows}, status=status)


def faq_jsonld(faq: FaqEntry, *, answer: str) -> str:
    """schema.org FAQPage data, escaped so it cannot end the <script> element it is put in."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": answer}}
            for q in [faq.title, *faq.questions]
        ],
    }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    faq = access_public_faq(pk=pk)
    referrals = list(faq.referrals.filter(public=True).order_by("name"))
    answer = faq.measures
    if referrals:
        answer += "\n" + _("相談・届出先") + ": " + "、".join(o.name for o in referrals)
    context = {
        "faq": faq,
        "terms": [t for t in faq_selectors.faq_terms(faq=faq) if t.scheme.code in faq_selectors.FAQ_AXES],
        "referrals": referrals,
        "related": faq_selectors.related_public_faqs(faq=faq),
        "jsonld": faq_jsonld(faq, answer=answer),
        "description": " ".join(faq.measures.split())[:120],
    }
    return render(request, "public/faq/detail.html", context)


@require_GET
def links(request: HttpRequest) -> HttpResponse:
    return render(request, "public/faq/links.html", {"links": faq_selectors.public_links()})


class FaqSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"

    def items(self) -> Any:
        return faq_selectors.public_faqs().order_by("pk")

    def location(self, item: FaqEntry) -> str:
        return public_url(item)

    def lastmod(self, item: FaqEntry) -> Any:
        return item.updated_at


class PublicPagesSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"

    def items(self) -> list[str]:
        names = ["intake:home", "intake:form", "referrals_public:directory", "faq_public:index", "faq_public:links"]
        return names

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"pages": PublicPagesSitemap, "faq": FaqSitemap}
