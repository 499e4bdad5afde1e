"""Polling an IMAP folder: fetch by UID, store through ingest_raw, and only then mark or move the message.

Order matters for "nothing lost, nothing twice": a message is flagged or moved only after its record is
committed, and never deleted before. A crash after the commit but before the flag leaves the message unflagged;
the next poll sees its UID at or below the remembered last UID (or finds its Message-ID already stored) and
only flags it.
"""

from __future__ import annotations

import imaplib
import logging
import re
import ssl
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from madoguchi.core.joblock import job_lock
from madoguchi.intake.models import MailboxState, Transport
from madoguchi.intake.services import mail as mail_intake

logger = logging.getLogger(__name__)

STORED_KEYWORD = "$MadoguchiStored"


class MailboxError(Exception):
    """The server refused something; the poll stops and the next run starts over safely."""


@dataclass(frozen=True)
class MailboxConfig:
    host: str
    port: int
    tls: str  # ssl | starttls | none
    user: str
    password: str
    folder: str = "INBOX"
    done_folder: str = ""

    @classmethod
    def from_settings(cls) -> MailboxConfig:
        return cls(
            host=settings.IMAP_HOST,
            port=settings.IMAP_PORT,
            tls=settings.IMAP_TLS,
            user=settings.IMAP_USER,
            password=settings.IMAP_PASSWORD,
            folder=settings.IMAP_FOLDER or "INBOX",
            done_folder=settings.IMAP_DONE_FOLDER,
        )

    @property
    def lock_name(self) -> str:
        """One poller per mailbox: the server (host and port), the account and the folder name it."""
        return f"poll_mailbox:{self.host}:{self.port}:{self.user}:{self.folder}"


@dataclass
class PollReport:
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    quarantined: int = 0
    marked: int = 0
    skipped: bool = False  # another poller holds this mailbox right now
    outcomes: list[str] = field(default_factory=list)


def _check(response: tuple[str, list[Any]], what: str) -> list[Any]:
    typ, data = response
    if typ != "OK":
        raise MailboxError(f"{what}: {typ} {data!r}")
    return data


def connect(config: MailboxConfig) -> imaplib.IMAP4:
    if not config.host:
        raise MailboxError("IMAP_HOST is not set")
    conn: imaplib.IMAP4
    if config.tls == "ssl":
        conn = imaplib.IMAP4_SSL(config.host, config.port, ssl_context=ssl.create_default_context(), timeout=60)
    else:
        conn = imaplib.IMAP4(config.host, config.port, timeout=60)
        if config.tls == "starttls":
            conn.starttls(ssl_context=ssl.create_default_context())
    _check(conn.login(config.user, config.password), "LOGIN")
    return conn


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _uidvalidity(conn: imaplib.IMAP4) -> int:
    _typ, data = conn.response("UIDVALIDITY")
    if data and data[0] is not None:
        return int(data[0])
    data = _check(conn.status(_quote(conn_folder(conn)), "(UIDVALIDITY)"), "STATUS")
    match = re.search(rb"UIDVALIDITY (\d+)", data[0] if isinstance(data[0], bytes) else b"")
    if match is None:
        raise MailboxError("server did not report UIDVALIDITY")
    return int(match.group(1))


def conn_folder(conn: imaplib.IMAP4) -> str:
    return getattr(conn, "_madoguchi_folder", "INBOX")


def _fetch(conn: imaplib.IMAP4, uid: int) -> bytes | None:
    data = _check(conn.uid("FETCH", str(uid), "(BODY.PEEK[])"), "FETCH")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None  # expunged by someone else meanwhile


def mark_done(conn: imaplib.IMAP4, uid: int, config: MailboxConfig) -> None:
    """Flag (or move) a message whose record is committed."""
    if config.done_folder:
        if "MOVE" in conn.capabilities:
            _check(conn.uid("MOVE", str(uid), _quote(config.done_folder)), "MOVE")
            return
        _check(conn.uid("COPY", str(uid), _quote(config.done_folder)), "COPY")
        _check(conn.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Deleted)"), "STORE")
        if "UIDPLUS" in conn.capabilities:
            _check(conn.uid("EXPUNGE", str(uid)), "EXPUNGE")
        else:
            _check(conn.expunge(), "EXPUNGE")
        return
    _check(conn.uid("STORE", str(uid), "+FLAGS.SILENT", f"(\\Seen {STORED_KEYWORD})"), "STORE")


def _state(config: MailboxConfig, uidvalidity: int) -> MailboxState:
    with transaction.atomic():
        state, _created = MailboxState.objects.select_for_update().get_or_create(
            host=config.host, username=config.user, folder=config.folder
        )
        if state.uidvalidity != uidvalidity:
            # New UIDVALIDITY: old UIDs mean nothing now. Message-ID de-duplication keeps re-fetches harmless.
            state.uidvalidity = uidvalidity
            state.last_uid = 0
            state.save(update_fields=["uidvalidity", "last_uid"])
    return state


def _remember(state: MailboxState, uid: int) -> None:
    MailboxState.objects.filter(pk=state.pk, last_uid__lt=uid).update(last_uid=uid, last_poll_at=timezone.now())
    state.last_uid = max(state.last_uid, uid)


def poll_once(*, config: MailboxConfig, limit: int | None = None) -> PollReport:
    """Poll the folder unless another poller (this or another machine) is polling it now: then skip this round."""
    with job_lock(config.lock_name) as acquired:
        if not acquired:
            return PollReport(skipped=True)
        return _poll_locked(config=config, limit=limit)


def _poll_locked(*, config: MailboxConfig, limit: int | None) -> PollReport:
    report = PollReport()
    conn = connect(config)
    try:
        if config.done_folder:
            conn.create(_quote(config.done_folder))  # fails harmlessly when it exists
        _check(conn.select(_quote(config.folder)), "SELECT")
        conn._madoguchi_folder = config.folder  # type: ignore[attr-defined]
        state = _state(config, _uidvalidity(conn))
        criteria = "ALL" if config.done_folder else f"UNKEYWORD {STORED_KEYWORD}"
        found = _check(conn.uid("SEARCH", criteria), "SEARCH")
        uids = sorted(int(u) for u in (found[0] or b"").split()) if found and isinstance(found[0], bytes) else []
        for uid in uids[:limit] if limit else uids:
            if uid <= state.last_uid:
                # Committed in an earlier run that stopped before marking it.
                mark_done(conn, uid, config)
                report.marked += 1
                continue
            raw = _fetch(conn, uid)
            if raw is None:
                continue
            report.fetched += 1
            # Any exception here ends the poll before the UID is remembered or marked, so nothing is skipped.
            result = mail_intake.ingest_raw(raw=raw, transport=Transport.IMAP)
            report.outcomes.append(result.outcome)
            if result.outcome == mail_intake.IngestOutcome.DUPLICATE:
                report.duplicates += 1
            elif result.outcome == mail_intake.IngestOutcome.QUARANTINED:
                report.quarantined += 1
            else:
                report.new += 1
            _remember(state, uid)
            mark_done(conn, uid, config)
            report.marked += 1
        MailboxState.objects.filter(pk=state.pk).update(last_poll_at=timezone.now())
    finally:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            logger.warning("poll_mailbox: logout failed", exc_info=True)
    return report
