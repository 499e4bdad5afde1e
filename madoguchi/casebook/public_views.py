"""Public casebook pages (no login): published case studies grouped by the guidebook, and the PDF booklet."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from madoguchi.casebook import export, selectors
from madoguchi.taxonomy.selectors import terms_for


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/casebook/index.html", {"groups": selectors.published_by_section()})


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = selectors.published_case_study(pk=pk)
    if study is None:
        raise Http404
    context = {"study": study, "organizations": list(study.organizations.all()), "terms": terms_for(obj=study)}
    return render(request, "public/casebook/detail.html", context)


@require_GET
def booklet(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(export.booklet_pdf(selectors.published_by_section()), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="casebook.pdf"'
    return response
