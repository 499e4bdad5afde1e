"""The public page of the directory: only entries that are public and were seen in a source."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from madoguchi.referrals import selectors


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    groups = selectors.grouped_by_situation(public_only=True)
    return render(request, "public/referrals/directory.html", {"groups": groups})
