from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.roles import Action
from madoguchi.cases.access import visible_cases
from madoguchi.cases.choices import Category, Channel
from madoguchi.cases.workflow import Status
from madoguchi.knowledge import faq_selectors
from madoguchi.knowledge.case_index import CASE_KIND
from madoguchi.knowledge.faq_index import FAQ_KIND
from madoguchi.knowledge.forms import KIND_LABELS, SearchForm
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.types import SearchFilters

PAGE_SIZE = 20


@require_GET
@require_action(Action.CASE_VIEW)
def search(request: StaffRequest) -> HttpResponse:
    user = request.user
    form = SearchForm(request.GET or None)
    page = None
    # A tag alone (the tag field, or `tag:` in the keyword box) lists that tag's records.
    if form.is_valid() and (form.cleaned_data["q"].strip() or form.cleaned_data["tag"].strip()):
        data = form.cleaned_data
        try:
            number = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            number = 1
        page = service.search(
            query=data["q"],
            kinds=[data["kind"]] if data["kind"] else [],
            filters=SearchFilters(
                category=data["category"],
                status=data["status"],
                channel=data["channel"],
                date_from=data["date_from"],
                date_to=data["date_to"],
                tag=data["tag"],
            ),
            restrict={
                CASE_KIND: visible_cases(user=user),
                # Staff see internal and public entries in every status, retired ones only when asked.
                FAQ_KIND: faq_selectors.staff_faqs(include_retired=data["include_retired"]),
            },
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
        )
    query = request.GET.copy()
    query.pop("page", None)
    kinds, categories = KIND_LABELS, dict(Category.choices)
    statuses, channels = dict(Status.choices), dict(Channel.choices)
    hits = page.hits if page else []
    # Case hits carry the case's triage state, so an undecided urgent case is marked here as in every list.
    case_ids = [hit.object_id for hit in hits if hit.kind == CASE_KIND]
    cases = {c.pk: c for c in visible_cases(user=user).filter(pk__in=case_ids)} if case_ids else {}
    rows = [
        {
            "hit": hit,
            "case": cases.get(hit.object_id) if hit.kind == CASE_KIND else None,
            "kind_label": kinds.get(hit.kind, hit.kind),
            "category_label": categories.get(hit.category, ""),
            "status_label": statuses.get(hit.status, ""),
            "channel_label": channels.get(hit.channel, ""),
        }
        for hit in hits
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "page_number": (page.offset // PAGE_SIZE + 1) if page else 1,
        "query": query.urlencode(),
    }
    status = 400 if request.GET and not form.is_valid() else 200
    return render(request, "staff/knowledge/search.html", context, status=status)
