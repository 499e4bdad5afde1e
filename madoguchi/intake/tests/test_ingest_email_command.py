"""ingest_email as an MTA runs it: a real process, the mail on stdin, the exit status is the answer."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from madoguchi.intake.tests.conftest import eml
from madoguchi.testing.migrated_db import migrated_sqlite

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, stdin: bytes = b"", env_extra: dict | None = None, data_dir: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "MADOGUCHI_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'db.sqlite3'}",
        "MADOGUCHI_DESK_NOTIFY": "desk@example.jp",
        **(env_extra or {}),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "ingest_email", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("ingest-cmd")
    migrated_sqlite(path / "db.sqlite3", tmp_path_factory)
    return path


def test_stored_mail_exits_zero(data_dir):
    done = _run(stdin=eml("iso2022jp_outlook.eml"), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert b"new_case" in done.stdout


def test_duplicate_and_quarantined_mail_also_exit_zero_because_they_are_stored(data_dir):
    assert _run(stdin=eml("duplicate_first.eml"), data_dir=data_dir).returncode == 0
    again = _run(stdin=eml("duplicate_redelivered.eml"), data_dir=data_dir)
    assert again.returncode == 0 and b"duplicate" in again.stdout
    garbage = _run(stdin=eml("garbage_random.eml"), data_dir=data_dir)
    assert garbage.returncode == 0 and b"quarantined" in garbage.stdout


def test_unreachable_database_is_a_temporary_failure_so_the_mta_retries(data_dir):
    done = _run(
        stdin=eml("thread_original.eml"),
        data_dir=data_dir,
        env_extra={"DATABASE_URL": "postgres://nobody@127.0.0.1:9/none?connect_timeout=2"},
    )
    assert done.returncode == 75
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "retry" in lines[0]


def test_unwritable_mail_store_is_a_temporary_failure(data_dir):
    # The store path is a file, not a directory: writing fails even for root, as a full or broken disk would.
    store = data_dir / "mail"
    store.mkdir(exist_ok=True)
    store.rename(data_dir / "mail.saved")
    store.write_text("not a directory")
    try:
        failed = _run(stdin=eml("eucjp_mutt.eml"), data_dir=data_dir)
    finally:
        store.unlink()
        (data_dir / "mail.saved").rename(store)
    assert failed.returncode == 75
    lines = failed.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "retry" in lines[0]


def test_input_beyond_the_storage_limit_is_a_data_error(data_dir):
    done = _run(stdin=b"x" * 5000, data_dir=data_dir, env_extra={"MAIL_MAX_MESSAGE_BYTES": "1000"})
    assert done.returncode == 65
    assert len(done.stderr.decode().strip().splitlines()) == 1


def test_missing_file_argument_is_reported(data_dir):
    done = _run(str(data_dir / "nope.eml"), data_dir=data_dir)
    assert done.returncode == 66
