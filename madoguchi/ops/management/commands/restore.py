from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from madoguchi.ops import backup


class Command(BaseCommand):
    help = "Restore an archive written by `backup` onto an empty installation, verifying every checksum."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive")
        parser.add_argument(
            "--force", action="store_true", help="replace the database and files of a non-empty installation"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"no such archive: {archive}")
        try:
            report = backup.restore_backup(archive=archive, force=options["force"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored tables={report.tables} rows={report.rows} files={report.files}")
