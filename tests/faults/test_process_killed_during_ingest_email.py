"""`ingest_email` killed with SIGKILL in the middle of recording a mail: the raw copy is kept, no half-written
rows remain, and the next delivery of the same bytes records it exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from madoguchi.cases.models import Case
from madoguchi.intake.models import Attachment, InboundMessage
from madoguchi.intake.storage import raw_path
from madoguchi.intake.tests.conftest import eml

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]

# Runs ingest_email in a fresh process; the hook stops it inside the database transaction, after the
# raw file is stored and the case row is inserted, until the test kills it.
KILLED_RUN = """
import sys, time, django
django.setup()
from pathlib import Path
from django.core.management import call_command
from madoguchi.intake.services import mail as mail_intake

marker = Path(sys.argv[2])

def hang(*args, **kwargs):
    marker.write_text("inside the transaction")
    time.sleep(600)

mail_intake._store_attachments = hang
call_command("ingest_email", sys.argv[1])
"""


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _env(data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "MADOGUCHI_DATA_DIR": str(data_dir),
        "MADOGUCHI_TESTING": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
    }


def test_sigkill_mid_ingest_keeps_the_raw_mail_and_the_next_run_records_it_once(tmp_path, settings, desk_settings):
    data_dir = tmp_path / "data"
    settings.MEDIA_ROOT = data_dir / "files"  # where the child process, with this data dir, writes
    settings.MAIL_STORE_DIR = data_dir / "mail"
    raw = eml("rfc2231_filenames.eml")
    mail_file = tmp_path / "in.eml"
    mail_file.write_bytes(raw)
    marker = tmp_path / "reached"
    connection.close()  # the child writes to the same database

    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, str(mail_file), str(marker)],
        cwd=ROOT,
        env=_env(data_dir),
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
        assert time.monotonic() < deadline, "ingest_email never reached the hook"
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    import hashlib

    sha256 = hashlib.sha256(raw).hexdigest()
    stored = raw_path(sha256=sha256)
    assert stored.read_bytes() == raw, "the raw copy survives the kill byte for byte"
    assert (InboundMessage.objects.count(), Case.objects.count(), Attachment.objects.count()) == (0, 0, 0)

    for expected in ("new_case", "duplicate"):
        run = subprocess.run(
            [sys.executable, "manage.py", "ingest_email", str(mail_file)],
            cwd=ROOT,
            env=_env(data_dir),
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert run.returncode == 0, run.stderr
        assert f" {expected} " in run.stdout, run.stdout
    assert InboundMessage.objects.count() == 1
    assert Case.objects.count() == 1
    assert Attachment.objects.filter(case=Case.objects.get()).count() == 5
