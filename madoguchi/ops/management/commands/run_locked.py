from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from madoguchi.core.joblock import job_lock


class Command(BaseCommand):
    help = (
        "Run a scheduled command unless the same command already runs anywhere (PostgreSQL advisory lock; "
        "a file lock on SQLite). For cron and systemd timers on several machines: run_locked notify_due_callbacks"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("job", help="the management command to run")
        parser.add_argument("job_args", nargs="*", help="its arguments (put them after --)")

    def handle(self, *args: Any, **options: Any) -> None:
        job = options["job"]
        if job in {"run_locked", "restore", "backup"}:
            raise CommandError(f"{job} cannot be run through run_locked")
        with job_lock(f"command:{job}") as acquired:
            if not acquired:
                self.stdout.write(f"{job}: already running elsewhere, skipped")
                return
            call_command(job, *options["job_args"], stdout=self.stdout, stderr=self.stderr)
