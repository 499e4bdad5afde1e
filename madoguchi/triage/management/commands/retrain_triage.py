from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from madoguchi.triage import services


class Command(BaseCommand):
    help = "Retrain the triage model from the shipped corpus and staff-confirmed consultations; store a new version."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-missing", action="store_true", help="only when no model has been trained yet")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_missing"] and services.has_model():
            self.stdout.write(f"triage model present: {services.current_model().model_version}")
            return
        result = services.retrain()
        self.stdout.write(
            f"trained {result.model_version} from {result.corpus_examples} shipped + "
            f"{result.confirmed_examples} confirmed examples -> {result.path}"
        )
