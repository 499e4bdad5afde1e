from __future__ import annotations

import imaplib
import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections

from madoguchi.intake import imap

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Fetch new mail from the IMAP folder in settings (IMAP_*), store it, then flag or move it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--loop", action="store_true", help="keep polling every --interval seconds")
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--limit", type=int, default=None, help="at most this many messages per poll")

    def handle(self, *args: Any, **options: Any) -> None:
        config = imap.MailboxConfig.from_settings()
        while True:
            try:
                report = imap.poll_once(config=config, limit=options["limit"])
            except (imap.MailboxError, imaplib.IMAP4.error, OSError, DatabaseError) as exc:
                if not options["loop"]:
                    raise CommandError(f"poll failed: {type(exc).__name__}: {exc}", returncode=75) from exc
                logger.warning("poll_mailbox: %s: %s", type(exc).__name__, exc)
            else:
                if report.fetched or report.marked or options["verbosity"] > 1:
                    self.stdout.write(
                        f"fetched={report.fetched} new={report.new} duplicates={report.duplicates} "
                        f"quarantined={report.quarantined} marked={report.marked}"
                    )
            if not options["loop"]:
                return
            time.sleep(options["interval"])
            # Between rounds, as a web server does between requests: a connection that died (a database restart)
            # or outlived DB_CONN_MAX_AGE is dropped, so the next round connects afresh instead of failing for ever.
            close_old_connections()
