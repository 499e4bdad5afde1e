"""Every way other apps extend cases without cases importing them; each app registers in AppConfig.ready().

- `register_after_save(hook, inputs=...)`: runs after a case service saved a case, inside its transaction,
  only when one of the case fields the hook reads changed (search index, triage).
- `register(Panel(...))`: a panel on the case screen (a template plus a function building its context from the
  request's one `CasePage`, which loads what several panels need once per request).
- `register_widget(DashboardWidget(...))`: a widget on the dashboard.
- `register_keyword_filter(...)`: the case list's keyword search (the search index).
- `register_answer_summaries(...)`: how past cases were answered, for screens that list them (answers).
New timeline events reach listeners through `cases.events.register_listener` (they belong to the event log).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from django.db.models import QuerySet
from django.urls import reverse

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

from madoguchi.accounts.http import StaffRequest
from madoguchi.accounts.models import User
from madoguchi.cases.models import Case

# --- after a case is saved ---

# `CaseSaved.changed` holds Case field names, plus this one when the case's tags changed.
TAGS = "tags"


@dataclass(frozen=True)
class CaseSaved:
    """What a case service just did: who (None = the system: mail intake, the web form) and what changed."""

    case: Case
    actor: User | None
    changed: frozenset[str]
    created: bool = False

    def touches(self, inputs: Collection[str]) -> bool:
        return self.created or not self.changed.isdisjoint(inputs)


@dataclass(frozen=True)
class _AfterSave:
    hook: Callable[[CaseSaved], None]
    inputs: frozenset[str]


_after_save: list[_AfterSave] = []


def register_after_save(hook: Callable[[CaseSaved], None], *, inputs: Collection[str]) -> None:
    """`hook` runs for a new case and whenever one of `inputs` (Case field names, or TAGS) changed."""
    if all(entry.hook is not hook for entry in _after_save):
        _after_save.append(_AfterSave(hook=hook, inputs=frozenset(inputs)))


def case_saved(saved: CaseSaved) -> None:
    """Called by cases.services only, inside the service's transaction."""
    for entry in _after_save:
        if saved.touches(entry.inputs):
            entry.hook(saved)


# --- the case list's keyword filter ---


class KeywordFilter(Protocol):
    def __call__(self, *, user: User, query: str, filters: dict[str, Any]) -> QuerySet[Case]: ...


_keyword_filter: list[KeywordFilter] = []


def register_keyword_filter(keyword_filter: KeywordFilter) -> None:
    _keyword_filter[:] = [keyword_filter]


def keyword_filter() -> KeywordFilter | None:
    """The registered filter, or None: the case list then ignores the keyword box."""
    return _keyword_filter[0] if _keyword_filter else None


# --- the case screen's panels and the dashboard's widgets ---


T = TypeVar("T")


@dataclass
class CasePage:
    """One case screen being built: the view makes it once per request and every panel gets the same one.

    `case` was loaded once through `cases.access` (with its tags); `bound` holds the forms a refused action
    sent back. What more than one panel needs (the triage suggestion, say) goes through `shared`: the first
    caller loads it, every later caller in the same request gets the same object, so it costs one query.
    Keys are namespaced by the app that owns the loader (`"triage.suggestion"`); no panel reads another's keys
    except through that app's own function.
    """

    request: StaffRequest
    case: Case
    bound: dict[str, Any] = field(default_factory=dict)
    _shared: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def user(self) -> User:
        return self.request.user

    def shared(self, key: str, load: Callable[[], T]) -> T:
        if key not in self._shared:
            self._shared[key] = load()
        return cast(T, self._shared[key])


@dataclass(frozen=True)
class Panel:
    key: str
    order: int
    template: str
    context: Callable[[CasePage], dict[str, Any] | None]
    # Shown in the case screen's jump menu.
    title: str | StrPromise = ""
    # A deferred panel is not built with the case screen: the screen holds a placeholder with a link to the panel's
    # own URL (cases:panel), and static/js/deferred-panels.js fetches it when it comes near the viewport. For
    # research aids below the fold whose context is costly (the similar-consultations search) and that hold no
    # autosaved form; docs/reliability.md "Session 10".
    deferred: bool = False


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _panels[panel.key] = panel


DEFERRED_TEMPLATE = "staff/cases/_deferred_panel.html"


def render_context(page: CasePage) -> list[dict[str, Any]]:
    """Contexts of every visible panel; a panel returning None is hidden for this user or case.

    A deferred panel gets the placeholder's context instead: its own context is built only when its URL is asked.
    """
    out = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        if panel.deferred:
            url = reverse("cases:panel", kwargs={"reference": page.case.reference, "key": panel.key})
            out.append({"template": DEFERRED_TEMPLATE, "key": panel.key, "title": panel.title, "url": url})
            continue
        ctx = panel.context(page)
        if ctx is not None:
            out.append(_entry(panel, ctx))
    return out


def _entry(panel: Panel, ctx: dict[str, Any]) -> dict[str, Any]:
    return {"template": panel.template, "key": panel.key, "title": panel.title, **ctx}


def deferred_keys() -> frozenset[str]:
    """The keys of the panels served at their own URL (cases:panel); every other key answers 404 there."""
    return frozenset(key for key, panel in _panels.items() if panel.deferred)


def deferred_context(page: CasePage, key: str) -> dict[str, Any] | None:
    """The context of the deferred panel `key` for its own URL; None when there is no such deferred panel or it
    is hidden for this user or case (the view answers 404 either way)."""
    panel = _panels.get(key)
    if panel is None or not panel.deferred:
        return None
    ctx = panel.context(page)
    return None if ctx is None else _entry(panel, ctx)


@dataclass(frozen=True)
class DashboardWidget:
    key: str
    order: int
    template: str
    context: Callable[[StaffRequest], dict[str, Any] | None]


_widgets: dict[str, DashboardWidget] = {}


def register_widget(widget: DashboardWidget) -> None:
    _widgets[widget.key] = widget


def dashboard_widgets(request: StaffRequest) -> list[dict[str, Any]]:
    out = []
    for widget in sorted(_widgets.values(), key=lambda w: w.order):
        ctx = widget.context(request)
        if ctx is not None:
            out.append({"template": widget.template, "key": widget.key, **ctx})
    return out


# --- answer summaries ---

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
