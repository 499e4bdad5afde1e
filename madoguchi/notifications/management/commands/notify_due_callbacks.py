"""Cron job (every few minutes): tell each assignee once that a call-back falls due."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from madoguchi.notifications import services


class Command(BaseCommand):
    help = "Notify assignees of call-backs due within the next N minutes (each call-back once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--within-minutes", type=int, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        created = services.notify_due_callbacks(within=dt.timedelta(minutes=options["within_minutes"]))
        self.stdout.write(f"notify_due_callbacks: {created} new")
