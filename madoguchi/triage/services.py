"""The triage assistant inside the desk: model storage, suggestions for cases, decisions as training data."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Urgency
from madoguchi.cases.extensions import CaseSaved
from madoguchi.cases.models import Case
from madoguchi.triage.engine import corpus
from madoguchi.triage.engine.model import TriageModel, train
from madoguchi.triage.models import Decision, TriageSuggestion

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
    from madoguchi.triage.engine.model import ENGINE_VERSION

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
    referrals: list[dict[str, Any]]
    laws: list[dict[str, Any]]
    reasons: list[str]
    model_version: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _reference_suggestions(*, text: str, category: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    from madoguchi.referrals.suggest import suggest_for_text

    found = suggest_for_text(text=text, category=category)
    referrals = [
        {"code": org.code, "name": org.name, "reasons": list(reasons)} for org, reasons in found.organizations[:6]
    ]
    laws = [
        {
            "code": law.code,
            "name": f"{law.law_short_name or law.law_name} {law.article}".strip(),
            "reasons": list(reasons),
        }
        for law, reasons in found.laws[:6]
    ]
    return referrals, laws


def suggest_text(*, text: str, channel: str | None = None) -> FullSuggestion:
    model = current_model()
    s = model.suggest(text=text, channel=channel)
    referrals, laws = _reference_suggestions(text=text, category=s.category)
    return FullSuggestion(
        category=s.category,
        confidence=s.confidence,
        alternatives=list(s.alternatives),
        urgent=s.urgent,
        police=s.police,
        flow=s.flow,
        referrals=referrals,
        laws=laws,
        reasons=list(s.reasons),
        model_version=s.model_version,
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
    from madoguchi.triage.engine.model import ENGINE_VERSION, training_data_sha256

    return f"{ENGINE_VERSION}+{training_data_sha256(examples=corpus.training_examples())[:12]}"
