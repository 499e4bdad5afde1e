"""Fill the configured database with fictional consultations in bulk, for load tests (docs/reliability.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.cases.models import Case
from madoguchi.core.joblock import job_lock
from madoguchi.desk import bulk_load

LOCK_NAME = "bulk_load_consultations"


class Command(BaseCommand):
    help = "負荷試験用に架空の相談案件を一括投入します（PostgreSQL は COPY）。実運用のデータベースには使いません。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="投入する相談案件の件数")
        parser.add_argument("--years", type=int, default=12, help="受付日を散らす年数（直近から遡る）")
        parser.add_argument("--seed", type=int, default=20261207)
        parser.add_argument(
            "--skip-if-loaded",
            action="store_true",
            help="データベースの相談案件が既に --count 件以上あれば何もしない",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["count"]
        if count < 1:
            raise CommandError("--count must be at least 1")
        # One load at a time: a second run (the load script started again) would find the first one's rows
        # still uncommitted, load everything a second time and rebuild the indexes the first one dropped.
        with job_lock(LOCK_NAME) as acquired:
            if not acquired:
                raise CommandError("another bulk load is running on this database; wait for it to finish")
            self._load(count=count, options=options)

    def _load(self, *, count: int, options: dict[str, Any]) -> None:
        have = Case.objects.count()
        if options["skip_if_loaded"] and have >= count:
            self.stdout.write(f"already loaded: {have} cases (>= {count}); nothing to do")
            return

        def progress(done: int, seconds: float) -> None:
            if options["verbosity"] >= 1 and (done % 50_000 == 0 or done == count):
                self.stderr.write(f"{done:,} cases, {seconds:.0f} s")

        try:
            result = bulk_load.load(count=count, years=options["years"], seed=options["seed"], progress=progress)
        except bulk_load.CapacityExceeded as exc:
            raise CommandError(str(exc)) from exc
        rows = ", ".join(f"{name} {n:,}" for name, n in result.rows.items())
        self.stdout.write(self.style.SUCCESS(f"loaded {result.cases:,} cases in {result.seconds:.1f} s ({rows})"))
