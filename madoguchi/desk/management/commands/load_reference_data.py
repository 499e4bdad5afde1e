"""Run every installed app's reference-data loader (`<app>/reference_loader.py`), referrals first."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

FIRST = "madoguchi.referrals"


class _DryRun(Exception):
    pass


def discover_loaders() -> list[tuple[str, Callable[..., dict[str, Any]]]]:
    """(app label, load function) of every installed app that ships a reference_loader module."""
    found: list[tuple[str, Callable[..., dict[str, Any]]]] = []
    configs = sorted(apps.get_app_configs(), key=lambda c: c.name != FIRST)
    for config in configs:
        module_name = f"{config.name}.reference_loader"
        if importlib.util.find_spec(config.name) is None or importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        load = getattr(module, "load", None)
        if callable(load):
            found.append((config.label, load))
    return found


def _format(result: dict[str, Any]) -> str:
    parts = []
    for key, value in result.items():
        if isinstance(value, dict):
            counts = ", ".join(f"{k}={v}" for k, v in value.items())
            parts.append(f"{key}: {counts}")
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


class Command(BaseCommand):
    help = (
        "Load the desk's reference data (referral directory, law map, and every app's reference_loader). "
        "Idempotent: creates or updates by code and keeps records staff edited after the last load."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="overwrite records staff edited after the last load")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, then roll back")
        parser.add_argument("--app", action="append", default=[], help="only this app label (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        loaders = discover_loaders()
        if options["app"]:
            unknown = set(options["app"]) - {label for label, _load in loaders}
            if unknown:
                raise CommandError(f"no reference_loader in: {', '.join(sorted(unknown))}")
            loaders = [(label, load) for label, load in loaders if label in options["app"]]
        results: dict[str, dict[str, Any]] = {}
        try:
            with transaction.atomic():
                for label, load in loaders:
                    # One transaction for all apps: a broken file fails the whole run, never half-loaded data.
                    results[label] = load(force=options["force"], stdout=self.stdout)
                if options["dry_run"]:
                    raise _DryRun
        except _DryRun:
            self.stdout.write("dry run: rolled back")
        for label, result in results.items():
            self.stdout.write(f"{label}: {_format(result)}")
        self.stdout.write(self.style.SUCCESS(f"reference data loaded from {len(results)} app(s)"))
