from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from madoguchi.intake.models import Transport
from madoguchi.intake.services import mail as mail_intake

# sysexits.h: what an MTA understands. 75 makes Postfix/Exim/sendmail keep the mail and retry.
EX_OK = 0
EX_DATAERR = 65
EX_NOINPUT = 66
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Store one RFC 822 mail per FILE (stdin when none), for an MTA pipe or manual import."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="*", metavar="FILE")
        parser.add_argument(
            "--transport", choices=[Transport.PIPE, Transport.UPLOAD], default=None, help="default: pipe for stdin"
        )

    def _read(self, name: str | None) -> bytes:
        if name is None:
            return sys.stdin.buffer.read()
        try:
            return Path(name).read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {name}: {exc.strerror}", returncode=EX_NOINPUT) from exc

    def handle(self, *args: Any, **options: Any) -> None:
        names: list[str | None] = list(options["files"]) or [None]
        transport = options["transport"] or (Transport.PIPE if options["files"] == [] else Transport.UPLOAD)
        # The MTA pipe has no size cap of its own; beyond this the input is refused rather than half-stored.
        from django.conf import settings

        hard_cap = 2 * settings.MAIL_MAX_MESSAGE_BYTES
        for name in names:
            raw = self._read(name)
            label = name or "stdin"
            if len(raw) > hard_cap:
                raise CommandError(
                    f"{label}: message of {len(raw)} bytes exceeds the storage limit of {hard_cap} bytes",
                    returncode=EX_DATAERR,
                )
            try:
                result = mail_intake.ingest_raw(raw=raw, transport=transport)
            except DatabaseError as exc:
                raise CommandError(
                    f"{label}: database unavailable, retry later ({type(exc).__name__})", returncode=EX_TEMPFAIL
                ) from exc
            except OSError as exc:
                raise CommandError(
                    f"{label}: cannot store the mail, retry later ({exc.strerror or exc})", returncode=EX_TEMPFAIL
                ) from exc
            case = result.case.reference if result.case else "-"
            self.stdout.write(f"{label}: {result.outcome} {result.message.raw_sha256} case={case}")
