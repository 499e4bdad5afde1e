"""The triage assistant inside the desk: model storage, suggestions for cases, decisions as training data."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Urgency
from madoguchi.cases.extensions import CasePage, CaseSaved
from madoguchi.cases.models import Case
from madoguchi.referrals.suggest import CaseSituations
from madoguchi.triage.engine import corpus
from madoguchi.triage.engine.version import ENGINE_VERSION, carries_situations, training_data_sha256
from madoguchi.triage.models import Decision, TriageSuggestion
from madoguchi.triage.picks import reference_picks

if TYPE_CHECKING:
    # scikit-learn and SciPy are imported when a model is trained or loaded, not by every command that
    # imports this module (engine/version.py).
    from madoguchi.triage.engine.model import TriageModel

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_cached: dict[str, TriageModel] = {}


def _pointer() -> Path:
    return Path(settings.TRIAGE_MODEL_DIR) / "current.json"


def confirmed_examples() -> list[dict[str, Any]]:
    """Staff-confirmed consultations: the case text with the category staff finally chose."""
    rows = (
        TriageSuggestion.objects.exclude(decision=Decision.PENDING)
        .exclude(final_category="")
        .select_related("case")
        .order_by("case_id", "-decided_at")
    )
    seen: set[int] = set()
    examples = []
    for row in rows.iterator(chunk_size=1000):
        if row.case_id in seen:
            continue
        seen.add(row.case_id)
        examples.append(
            {
                "id": f"case-{row.case.reference}",
                "channel": row.case.channel,
                "text": f"{row.case.subject}\n{row.case.body}",
                "category": row.final_category,
                "urgent": bool(row.final_urgent),
                "police": bool(row.final_police),
                "flow": row.flow or None,
                "source": "confirmed",
            }
        )
    return examples


@dataclass
class RetrainResult:
    model_version: str
    path: Path
    corpus_examples: int
    confirmed_examples: int
    metadata: dict[str, Any] = field(default_factory=dict)


def retrain(*, include_confirmed: bool = True) -> RetrainResult:
    from madoguchi.triage.engine.model import train

    shipped = corpus.training_examples()
    confirmed = confirmed_examples() if include_confirmed else []
    model = train(examples=shipped + confirmed)
    directory = Path(settings.TRIAGE_MODEL_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"model-{model.model_version.replace('+', '-')}.joblib"
    tmp = path.with_suffix(".tmp")
    model.save(tmp)
    tmp.replace(path)
    pointer_tmp = _pointer().with_suffix(".tmp")
    pointer_tmp.write_text(
        json.dumps({"model_version": model.model_version, "file": path.name, "trained_at": timezone.now().isoformat()})
    )
    pointer_tmp.replace(_pointer())
    with _lock:
        _cached.clear()
        _cached[model.model_version] = model
    return RetrainResult(model.model_version, path, len(shipped), len(confirmed), dict(model.metadata))


def current_version() -> str | None:
    pointer = _pointer()
    if not pointer.exists():
        return None
    return str(json.loads(pointer.read_text())["model_version"])


def has_model() -> bool:
    """A usable model exists: trained by this engine version (an upgrade needs `retrain_triage`)."""
    version = current_version()
    return version is not None and version.startswith(f"{ENGINE_VERSION}+")


class NoModelError(RuntimeError):
    pass


def current_model() -> TriageModel:
    """The model named by current.json, loaded once per process.

    Training takes tens of seconds, so it never happens inside a request: `setup_desk` and
    `retrain_triage` train; without a model the desk simply shows no suggestion.
    """
    pointer = _pointer()
    if not has_model():
        raise NoModelError(f"no triage model for this engine under {pointer.parent}: run `manage.py retrain_triage`")
    info = json.loads(pointer.read_text())
    version = info["model_version"]
    with _lock:
        model = _cached.get(version)
        if model is None:
            from madoguchi.triage.engine.model import TriageModel

            model = TriageModel.load(pointer.parent / info["file"])
            _cached.clear()
            _cached[version] = model
    return model


@dataclass
class FullSuggestion:
    category: str
    confidence: float
    alternatives: list[tuple[str, float]]
    urgent: bool
    police: bool
    flow: str | None
    situations: list[dict[str, Any]]
    referrals: list[dict[str, Any]]
    laws: list[dict[str, Any]]
    reasons: list[str]
    model_version: str
    personal: bool = False
    # Below-threshold situations (code, score) for the law fallback; stored, not printed.
    situation_candidates: list[tuple[str, float]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["situation_candidates"]
        return data


def suggest_text(*, text: str, channel: str | None = None) -> FullSuggestion:
    from madoguchi.referrals.situation_rules import situation_name

    model = current_model()
    s = model.suggest(text=text, channel=channel)
    codes = [code for code, _confidence, _why in s.situations]
    referrals, laws = reference_picks(
        situations=codes,
        police=s.police,
        urgent=s.urgent,
        personal=s.personal,
        category=s.category,
        candidates=s.situation_candidates,
    )
    situations = [
        {"code": code, "name": situation_name(code), "confidence": confidence, "why": why}
        for code, confidence, why in s.situations
    ]
    return FullSuggestion(
        category=s.category,
        confidence=s.confidence,
        alternatives=list(s.alternatives),
        urgent=s.urgent,
        police=s.police,
        flow=s.flow,
        situations=situations,
        referrals=referrals,
        laws=laws,
        reasons=list(s.reasons),
        model_version=s.model_version,
        personal=s.personal,
        situation_candidates=list(s.situation_candidates),
    )


def latest_suggestion(*, case: Case) -> TriageSuggestion | None:
    rows = TriageSuggestion.objects.filter(case=case).select_related("decided_by")
    return rows.order_by("-created_at", "-id").first()


SUGGESTION_KEY = "triage.suggestion"


def page_suggestion(page: CasePage) -> TriageSuggestion | None:
    """The case's latest suggestion, loaded once per case screen for the triage and referral panels."""
    return page.shared(SUGGESTION_KEY, lambda: latest_suggestion(case=page.case))


def case_situations(case: Case, page: CasePage | None = None) -> CaseSituations | None:
    """The situations of the case's latest suggestion, for the referral panel (None before any suggestion)."""
    row = page_suggestion(page) if page is not None and page.case.pk == case.pk else latest_suggestion(case=case)
    if row is None or not carries_situations(model_version=row.model_version):
        # Suggestions from an engine without situations keep the keyword matching.
        return None
    detected = [item for item in row.situations if isinstance(item, dict) and "code" in item]
    return CaseSituations(
        codes=[str(item["code"]) for item in detected],
        why={str(item["code"]): str(item.get("why") or "") for item in detected},
        candidates=[(str(code), float(score)) for code, score in row.situation_candidates],
        personal=row.personal,
    )


def _decide(row: TriageSuggestion, case: Case, actor: User | None) -> None:
    urgent = case.urgency >= Urgency.HIGH
    same = row.category == case.category and row.urgent == urgent and row.police == case.police_referral
    row.decision = Decision.ACCEPTED if same else Decision.OVERRIDDEN
    row.decided_by = actor
    row.decided_at = timezone.now()
    row.final_category = case.category
    row.final_urgent = urgent
    row.final_police = case.police_referral
    row.save(update_fields=["decision", "decided_by", "decided_at", "final_category", "final_urgent", "final_police"])


# The after-save hook runs when these change: the text it suggests from, and the category staff decide.
HOOK_INPUTS = frozenset({"subject", "body", "category"})


def on_case_saved(saved: CaseSaved) -> None:
    """After-save hook: suggest for new cases; record staff's category decision against the open suggestion."""
    case = saved.case
    row = TriageSuggestion.objects.filter(case=case).order_by("-created_at", "-id").first()
    if row is None:
        if not has_model():
            logger.warning("triage: no model trained yet, no suggestion for case %s", case.pk)
            return
        try:
            s = suggest_text(text=f"{case.subject}\n{case.body}", channel=case.channel)
        except Exception:
            logger.exception("triage: suggestion failed for case %s", case.pk)
            return
        row = TriageSuggestion.objects.create(
            case=case,
            model_version=s.model_version,
            category=s.category,
            confidence=s.confidence,
            alternatives=s.alternatives,
            urgent=s.urgent,
            police=s.police,
            flow=s.flow or "",
            reasons=s.reasons,
            situations=s.situations,
            situation_candidates=s.situation_candidates,
            personal=s.personal,
            referrals=s.referrals,
            laws=s.laws,
        )
        # The lists, the dispatch form and the response target use the suggestion until staff decide.
        case_services.case_record_suggestion(
            actor=saved.actor,
            case=case,
            category=s.category,
            urgency=Urgency.CRITICAL if s.urgent else Urgency.NORMAL,
            police=s.police,
            flow=s.flow or "",
        )
    if case.category and row.decision == Decision.PENDING:
        # Whoever made the save that set the category decided (the hook is told; no timeline re-read).
        _decide(row, case, saved.actor)


@transaction.atomic
def accept(*, actor: User, suggestion: TriageSuggestion) -> Case:
    """Staff take the suggestion as it is, in one action."""
    case = suggestion.case
    case = case_services.case_triage(
        actor=actor,
        case=case,
        expected_version=None,
        category=suggestion.category,
        urgency=Urgency.CRITICAL if suggestion.urgent else min(case.urgency, Urgency.NORMAL),
        police_referral=suggestion.police,
        source=f"triage:{suggestion.model_version}",
    )
    return case


def shipped_model_version() -> str:
    """The version a model trained on the shipped corpus alone (no confirmed cases) would carry."""
    return f"{ENGINE_VERSION}+{training_data_sha256(examples=corpus.training_examples())[:12]}"
