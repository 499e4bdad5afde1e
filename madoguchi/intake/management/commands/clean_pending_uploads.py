from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand

from madoguchi.intake import ratelimit, storage
from madoguchi.intake.services.web_form import PENDING_MAX_AGE


class Command(BaseCommand):
    help = "Remove public-form uploads nobody confirmed, and old rate-limit records. Run daily."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--older-than", type=int, default=PENDING_MAX_AGE, help="seconds (default: 6 hours)")

    def handle(self, *args: Any, **options: Any) -> None:
        removed = storage.clean_pending(older_than_seconds=options["older_than"])
        forgotten = ratelimit.forget_old(older_than=dt.timedelta(days=1))
        self.stdout.write(f"pending uploads removed={removed} rate-limit records removed={forgotten}")
