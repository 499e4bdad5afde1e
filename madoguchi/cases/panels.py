"""Panels that leaf apps add to the case screen, so cases never imports them.

A panel is a template plus a function building its context; the app registers it in AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

from madoguchi.cases.models import Case


@dataclass(frozen=True)
class Panel:
    key: str
    order: int
    template: str
    context: Callable[[HttpRequest, Case, dict[str, Any]], dict[str, Any] | None]
    # Shown in the case screen's jump menu.
    title: str | StrPromise = ""


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.key] = panel


def render_context(request: HttpRequest, case: Case, bound: dict[str, Any]) -> list[dict[str, Any]]:
    """Contexts of every visible panel; a panel returning None is hidden for this user or case."""
    out = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        ctx = panel.context(request, case, bound)
        if ctx is not None:
            out.append({"template": panel.template, "key": panel.key, "title": panel.title, **ctx})
    return out


@dataclass(frozen=True)
class DashboardWidget:
    key: str
    order: int
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]


_widgets: dict[str, DashboardWidget] = {}


def register_widget(widget: DashboardWidget) -> None:
    _widgets[widget.key] = widget


def dashboard_widgets(request: HttpRequest) -> list[dict[str, Any]]:
    out = []
    for widget in sorted(_widgets.values(), key=lambda w: w.order):
        ctx = widget.context(request)
        if ctx is not None:
            out.append({"template": widget.template, "key": widget.key, **ctx})
    return out


# How a case was answered, provided by the answers app, for screens that show past cases (similar cases).
AnswerSummaries = Callable[[list[int]], dict[int, str]]
_answer_summary_providers: list[AnswerSummaries] = []


def register_answer_summaries(provider: AnswerSummaries) -> None:
    if provider not in _answer_summary_providers:
        _answer_summary_providers.append(provider)


def answer_summaries(case_ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for provider in _answer_summary_providers:
        out.update(provider(case_ids))
    return out
