"""A migrated SQLite database for tests that run `manage.py` in a subprocess (ingest_email, triage, gunicorn).

Each such test used to run `manage.py migrate` into its own empty file: 10-15 s of a fresh interpreter applying
every migration, four times per run. `migrated_sqlite(dest)` runs that same subprocess `migrate` once per test run
(the xdist workers share it under a lock) and copies the result to `dest`. The copy is keyed by the bytes of every
migration file and Django's version, so a changed or added migration builds a new one. Tests only.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import django
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _migrations_key() -> str:
    # The interpreter and Django's version too: contrib apps' migrations come with the installed Django.
    digest = hashlib.sha256(f"{sys.executable} {django.__version__}".encode())
    for path in sorted(ROOT.glob("madoguchi/*/migrations/*.py")):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrated_sqlite(dest: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Copy a database that `manage.py migrate` built (once per run, in a subprocess) to `dest`; returns `dest`."""
    # The run's own temporary root: the xdist workers' base directories are its children.
    shared = tmp_path_factory.getbasetemp().parent
    key = _migrations_key()
    template = shared / f"migrated-{key}" / "db.sqlite3"
    with (shared / f"migrated-{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            build = template.parent.with_name(template.parent.name + ".build")
            shutil.rmtree(build, ignore_errors=True)
            build.mkdir(parents=True)
            env = {**os.environ, "MADOGUCHI_DATA_DIR": str(build), "DATABASE_URL": f"sqlite:///{build / 'db.sqlite3'}"}
            env.pop("DJANGO_SETTINGS_MODULE", None)
            command = [sys.executable, str(ROOT / "manage.py"), "migrate", "-v", "0"]
            subprocess.run(command, env=env, cwd=ROOT, check=True)  # noqa: S603 - our own manage.py
            # The migrate process has exited, so its WAL is checkpointed into the file; nothing else belongs to it.
            template.parent.mkdir(parents=True, exist_ok=True)
            os.replace(build / "db.sqlite3", template)
            shutil.rmtree(build, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, dest)
    return dest
