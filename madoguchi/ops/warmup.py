"""Warm-up of an app server process before it forks its workers (gunicorn `preload_app`, config/gunicorn.conf.py).

Django imports the URLconf, and with it every view module, on the first request, and compiles each template the
first time it is rendered. Measured on `make serve` (docs/deployment.md "Workers start warm"): a new worker's first
request took 0.8–1.4 s, most of it importing the URLconf (the FAQ masking engine compiles its patterns, the API
imports Django REST framework). gunicorn restarts each worker after about 2,000 requests (max_requests), so
without this a desk worker waited about a second every few minutes under load. Done once in the master, the
imports and compiled templates are inherited by every worker it forks, then and at each restart.

The triage engine (scikit-learn, SciPy: about a second of CPU) is imported here too, and the current model loaded:
a worker's first intake or triage request would otherwise pay for both. The management commands do not import
it unless they train or triage (madoguchi/triage/engine/version.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WarmUp:
    url_patterns: int
    templates: int
    triage_model: str | None


def _template_names(directory: Path, *, others: list[Path]) -> list[str]:
    """Template files under `directory`, leaving out those under another engine's folder inside it (the mail
    engine's templates/emails/ lies inside the HTML engine's templates/: those files are the mail engine's)."""
    inner = [o for o in others if o != directory and o.is_relative_to(directory)]
    return sorted(
        str(p.relative_to(directory))
        for p in directory.rglob("*")
        if p.suffix in {".html", ".txt"} and not any(p.is_relative_to(o) for o in inner)
    )


def _load_triage_model() -> str | None:
    """Import the triage engine and load the current model; None while no model has been trained (the desk then
    shows no suggestion, and the first model trained is loaded by the first request that needs it)."""
    import madoguchi.triage.engine.model  # noqa: F401 (the import is the point: scikit-learn, SciPy)
    from madoguchi.triage import services as triage_services

    try:
        return triage_services.current_model().model_version
    except triage_services.NoModelError:
        return None


def warm_up() -> WarmUp:
    """Import the URLconf, load every language's catalogue and compile the project's templates; then close every
    database connection, so that no forked worker shares a connection the master opened."""
    try:
        patterns = len(get_resolver().url_patterns)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                translation.gettext("ログイン")
        compiled = 0
        ours = Path(settings.BASE_DIR).resolve()
        every_dir = [Path(d).resolve() for backend in engines.all() for d in getattr(backend, "template_dirs", ())]
        for backend in engines.all():
            for directory in (Path(d).resolve() for d in getattr(backend, "template_dirs", ())):
                # The project's own templates (templates/, the apps' folders), not those of installed packages.
                if not directory.is_relative_to(ours) or ".venv" in directory.parts:
                    continue
                for name in _template_names(directory, others=every_dir):
                    try:
                        backend.get_template(name)
                    except (TemplateDoesNotExist, TemplateSyntaxError):
                        # Not one of this engine's templates (each engine has its own folders): left to the request.
                        continue
                    compiled += 1
        triage_model = _load_triage_model()
    finally:
        connections.close_all()
    result = WarmUp(url_patterns=patterns, templates=compiled, triage_model=triage_model)
    logger.info(
        "warm-up: %d URL patterns, %d templates compiled, triage model %s",
        result.url_patterns,
        result.templates,
        result.triage_model or "none yet",
    )
    return result
