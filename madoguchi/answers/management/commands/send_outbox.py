from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from madoguchi.answers import outbox


class Command(BaseCommand):
    help = "Send due mail from the outbox (once, or in a loop with --loop)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running, checking every --interval seconds")
        parser.add_argument("--interval", type=float, default=10.0)
        parser.add_argument("--limit", type=int, default=50)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            report = outbox.send_due(limit=options["limit"])
            if report.sent or report.failed or report.gave_up or options["verbosity"] > 1:
                self.stdout.write(f"sent={report.sent} retry={report.failed} failed={report.gave_up}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
            # Between rounds, as a web server does between requests: a connection that died (a database restart)
            # or outlived DB_CONN_MAX_AGE is dropped, so the next round connects afresh instead of failing for ever.
            close_old_connections()
