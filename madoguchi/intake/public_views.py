from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# (url name, label) pairs of the public site's sections, in order; names that do not resolve are skipped.
PUBLIC_SECTIONS: list[tuple[str, Callable[[], str]]] = [
    ("intake:form", lambda: _("相談フォーム")),
    ("referrals_public:directory", lambda: _("相談・届出先の一覧")),
    ("knowledge:public_faq", lambda: _("よくあるご質問")),
]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    links = []
    for name, label in PUBLIC_SECTIONS:
        try:
            links.append({"url": reverse(name), "label": label()})
        except NoReverseMatch:
            continue
    return render(request, "public/intake/home.html", {"public_links": links})
