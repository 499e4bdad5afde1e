from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from madoguchi.ops import backup


class Command(BaseCommand):
    help = "Write one archive (tar.gz) with a consistent database copy, the data dir and a manifest of checksums."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", help="archive path (default: DATA_DIR/backups/madoguchi-<UTC time>.tar.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        default = Path(settings.DATA_DIR) / "backups" / f"madoguchi-{stamp}.tar.gz"
        output = Path(options["output"]) if options["output"] else default
        try:
            manifest = backup.create_backup(output=output.resolve())
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(f"{output} tables={len(manifest['row_counts'])} rows={rows} files={len(manifest['files'])}")
