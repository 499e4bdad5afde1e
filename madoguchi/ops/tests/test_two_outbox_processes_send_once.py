"""Two `manage.py send_outbox --loop` processes, as two machines' systemd units run them, on one database and one
real SMTP server: every queued mail is sent exactly once (issue 15). The threaded test beside it
(test_two_workers_send_and_ingest_once.py) runs the claim on both databases; this one runs the deployed command in
separate processes, on SQLite in WAL mode with IMMEDIATE transactions (the default installation)."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from madoguchi.testing.migrated_db import migrated_sqlite
from madoguchi.testing.production import production_env, run_django, running
from madoguchi.testing.servers import Collector, free_port

OUTGOING = 60

ENQUEUE = f"""
from madoguchi.answers import outbox
from madoguchi.answers.models import OutboundKind
for n in range({OUTGOING}):
    outbox.enqueue(
        kind=OutboundKind.NOTIFICATION, to=[f"user{{n}}@example.jp"], subject=f"試験 {{n}}", body_text="本文"
    )
"""


class SlowCollector(Collector):
    """A real SMTP server that takes 50 ms to accept each mail, as a relay across a network does: a round of three
    mails takes long enough that the other worker claims in the middle of it."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(0.05)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp() -> Iterator[tuple[SlowCollector, int]]:
    collector = SlowCollector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    yield collector, port
    controller.stop()


def _pending(database: Path) -> int:
    with sqlite3.connect(database, timeout=30) as db:
        return int(db.execute("SELECT COUNT(*) FROM answers_outboundemail WHERE status != 'sent'").fetchone()[0])


def test_two_send_outbox_processes_send_every_mail_exactly_once(tmp_path, tmp_path_factory, slow_smtp):
    smtp_server, port = slow_smtp
    database = tmp_path / "madoguchi.sqlite3"
    migrated_sqlite(database, tmp_path_factory)
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port))
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env["PYTHONUNBUFFERED"] = "1"  # each round's "sent=N" line reaches the log before the worker is stopped
    run_django(ENQUEUE, env)
    assert _pending(database) == OUTGOING

    command = [sys.executable, "manage.py", "send_outbox", "--loop", "--interval", "0.1", "--limit", "3"]
    with ExitStack() as stack:
        workers = [stack.enter_context(running(command, env, log=tmp_path / f"worker{n}.log")) for n in range(2)]
        # Not a timing assertion: a bound so that a broken worker cannot hang the suite.
        deadline = time.monotonic() + 120
        while _pending(database) and time.monotonic() < deadline:
            assert all(w.poll() is None for w in workers), "a worker exited"
            time.sleep(0.2)
        time.sleep(1)  # a round still under way would show a second send now
    output = [(tmp_path / f"worker{n}.log").read_text() for n in range(2)]
    assert _pending(database) == 0, output
    ids = Counter(
        raw.split(b"Message-ID: ", 1)[1].split(b"\r\n", 1)[0].split(b"\n", 1)[0] for _f, _t, raw in smtp_server.messages
    )
    assert len(ids) == OUTGOING, output
    assert max(ids.values()) == 1, "no mail sent twice"
    sent_by = [sum(int(part.split("=")[1]) for part in text.split() if part.startswith("sent=")) for text in output]
    assert sum(sent_by) == OUTGOING, output
    assert all(sent_by), f"both processes sent mail ({sent_by}): the test ran two workers, not one after the other"
    assert "Traceback" not in "".join(output), output
