"""bulk_load_consultations loads the count, skips a full database, refuses overflowing years and a second run."""

from __future__ import annotations

import fcntl
import hashlib
import io
import os
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, connections

from madoguchi.cases.models import Case
from madoguchi.core import joblock
from madoguchi.desk import bulk_load
from madoguchi.desk.management.commands.bulk_load_consultations import LOCK_NAME

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("bulk_load_consultations", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_loads_the_count_and_skips_when_the_database_already_holds_it():
    assert "loaded 30 cases" in _run("--count", "30", "--years", "1")
    assert Case.objects.count() == 30
    assert "already loaded" in _run("--count", "30", "--skip-if-loaded")
    assert Case.objects.count() == 30
    _run("--count", "5", "--years", "1")  # without the flag it adds
    assert Case.objects.count() == 35


def test_refuses_more_cases_a_year_than_the_reference_number_holds(monkeypatch):
    # The real bound is 99,999 a year; a small one keeps the refused load small should the check ever go.
    monkeypatch.setattr(bulk_load, "MAX_PER_YEAR", 10)
    with pytest.raises(CommandError, match="reference numbers a year"):
        _run("--count", "40", "--years", "2")
    assert Case.objects.count() == 0
    assert "loaded 18 cases" in _run("--count", "18", "--years", "2")


@contextmanager
def _another_runner_holds_the_lock():
    """The lock as a second process would hold it: another database session, or another open lock file."""
    if connection.vendor == "postgresql":
        other = connections.create_connection("default")
        try:
            with other.cursor() as cur:
                cur.execute("SELECT pg_advisory_lock(%s)", [joblock._key(LOCK_NAME)])
            yield
        finally:
            other.close()
        return
    lock_dir = settings.DATA_DIR / "locks"
    lock_dir.mkdir(exist_ok=True)
    fd = os.open(lock_dir / f"{hashlib.sha256(LOCK_NAME.encode()).hexdigest()[:16]}.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def test_refuses_to_run_while_another_bulk_load_is_running():
    with _another_runner_holds_the_lock(), pytest.raises(CommandError, match="another bulk load is running"):
        _run("--count", "10", "--years", "1", "--skip-if-loaded")
    assert Case.objects.count() == 0
    assert "loaded 10 cases" in _run("--count", "10", "--years", "1")
