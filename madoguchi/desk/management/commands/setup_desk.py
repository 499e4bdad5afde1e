from __future__ import annotations

from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction

from madoguchi.accounts.models import SecurityPolicy
from madoguchi.cases.choices import DEFAULT_TARGETS
from madoguchi.cases.models import DeskRules, ResponseTarget

# Loaders of other apps, run when they exist: (command, options).
LOADERS: list[tuple[str, dict[str, Any]]] = [("load_reference_data", {}), ("retrain_triage", {"if_missing": True})]


class Command(BaseCommand):
    help = "Create the desk's default rules and load reference data. Safe to run again: keeps edited values."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            DeskRules.current()
            SecurityPolicy.current()
            for category, minutes in DEFAULT_TARGETS.items():
                ResponseTarget.objects.get_or_create(category=category, defaults={"first_response_minutes": minutes})
        available = get_commands()
        for name, extra in LOADERS:
            if name in available:
                call_command(name, verbosity=options["verbosity"], **extra)
        self.stdout.write(self.style.SUCCESS("desk rules and reference data are in place"))
