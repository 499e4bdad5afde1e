"""Backup and restore: one tar.gz with a consistent database copy, the data dir and a manifest of checksums.

Archive layout::

    manifest.json                 format, vendor, created_at, sha256 of every other member, row counts per table
    database.sqlite3 | database.pgdump
    tree/files/...                attachments (MEDIA_ROOT)
    tree/mail/...                 raw mail (MAIL_STORE_DIR)
    tree/data/...                 the rest of the data dir: triage models ... (not the database, static, cache, locks)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PGDUMP_MEMBER = "database.pgdump"
TREE_PREFIX = "tree/"
# Rebuilt or per-machine, never part of a backup: collected static files, the cache, job locks, the local secret.
EXCLUDED_TOP_LEVEL = {"static", "cache", "locks", "secret_key", "backups"}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why (nothing has been changed by a refused restore)."""


@dataclass(frozen=True)
class RestoreReport:
    tables: int
    rows: int
    files: int


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _roots() -> dict[str, Path]:
    """Folders a backup copies, by name in the archive. Attachments and raw mail may live outside the data dir."""
    return {
        "files": Path(settings.MEDIA_ROOT).resolve(),
        "mail": Path(settings.MAIL_STORE_DIR).resolve(),
        "data": Path(settings.DATA_DIR).resolve(),
    }


def _sqlite_path() -> Path:
    return Path(str(connection.settings_dict["NAME"])).resolve()


def _skipped(path: Path, *, root_name: str, roots: dict[str, Path]) -> bool:
    if path.name.startswith(".tmp-") or path.name.endswith((".part", ".partial", ".restoring")):
        return True  # a write in progress (storage.atomic_write, our own archives and restores)
    if root_name != "data":
        return False
    data_dir = roots["data"]
    relative = path.relative_to(data_dir)
    if relative.parts and relative.parts[0] in EXCLUDED_TOP_LEVEL:
        return True
    if relative.name.startswith(".readyz-") or ".sqlite3" in relative.name:
        # SQLite files are copied through the backup API, never as plain files (a live file copy is torn).
        return True
    if connection.vendor == "sqlite" and path == _sqlite_path():
        return True
    # files/ and mail/ are their own roots (even when they are inside the data dir).
    return any(other != data_dir and path.is_relative_to(other) for other in roots.values())


def data_files() -> list[str]:
    """Files that belong in a backup, as '<root>/<path inside it>', sorted."""
    roots = _roots()
    found = []
    for root_name, root in roots.items():
        if not root.is_dir():
            continue
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                path = Path(folder) / name
                if path.is_file() and not _skipped(path, root_name=root_name, roots=roots):
                    found.append(f"{root_name}/{path.relative_to(root)}")
    return found


def file_path(name: str) -> Path:
    """Where '<root>/<path>' lives in this installation."""
    root_name, _sep, relative = name.partition("/")
    return _roots()[root_name] / relative


def table_row_counts(cursor: Any) -> dict[str, int]:
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names come from introspection, quoted
        counts[table] = int(cursor.fetchone()[0])
    return counts


# --- PostgreSQL tools ------------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore of the server's major version: an older pg_dump refuses a newer server's data."""
    major = connection.pg_version // 10000  # type: ignore[attr-defined]
    candidate = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if candidate.is_file():
        return str(candidate)
    found = shutil.which(name)
    if found:
        version = subprocess.run([found, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603 - fixed tool, arguments from settings
        match = re.search(r"(\d+)(?:\.\d+)?", version)
        if match and int(match.group(1)) >= major:
            return found
    raise BackupError(f"{name} for PostgreSQL {major} not found (install postgresql-client-{major})")


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    params = connection.settings_dict
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    return env, args


# --- Backup ------------------------------------------------------------------------------------------------


def _dump_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    source = sqlite3.connect(_sqlite_path())
    try:
        copy = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent snapshot page by page while the desk keeps writing (WAL).
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    with sqlite3.connect(target) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")
        tables = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {table: int(copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]) for table in tables}  # noqa: S608 - table names come from introspection, quoted
    return {table: counts[table] for table in sorted(counts) if table in set(_known_tables())}


def _known_tables() -> list[str]:
    with connection.cursor() as cursor:
        return list(connection.introspection.table_names(cursor))


def _dump_postgresql(target: Path) -> dict[str, int]:
    env, args = _pg_env_and_args()
    connection.ensure_connection()
    # Count rows and dump from one snapshot: the manifest describes exactly what the dump holds.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_row_counts(cursor)
        command = [pg_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges"]
        command += [f"--snapshot={snapshot}", f"--file={target}", str(connection.settings_dict["NAME"])]
        completed = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - fixed tool, arguments from settings
        if completed.returncode != 0:
            raise BackupError(f"pg_dump failed: {completed.stderr.strip()}")
    return counts


def create_backup(*, output: Path) -> dict[str, Any]:
    """Write the archive to `output` (a .tar.gz); return the manifest."""
    with tempfile.TemporaryDirectory(prefix="madoguchi-backup-") as work:
        work_dir = Path(work)
        if connection.vendor == "sqlite":
            member = SQLITE_MEMBER
            counts = _dump_sqlite(work_dir / member)
        elif connection.vendor == "postgresql":
            member = PGDUMP_MEMBER
            counts = _dump_postgresql(work_dir / member)
        else:
            raise BackupError(f"unsupported database: {connection.vendor}")
        files = data_files()
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": connection.vendor, "member": member, "sha256": sha256_file(work_dir / member)},
            "row_counts": counts,
            "files": {name: sha256_file(file_path(name)) for name in files},
        }
        (work_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True))
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work_dir / MANIFEST, arcname=MANIFEST)
            archive.add(work_dir / member, arcname=member)
            for name in files:
                archive.add(file_path(name), arcname=f"{TREE_PREFIX}{name}")
        partial.replace(output)  # never a half-written archive under the final name
        output.chmod(0o600)
    return manifest


# --- Restore ------------------------------------------------------------------------------------------------


def _extract(archive_path: Path, work_dir: Path) -> dict[str, Any]:
    with tarfile.open(archive_path, "r:gz") as archive:
        # Regular files and folders only, no links, no absolute paths, nothing outside the work dir.
        archive.extractall(work_dir, filter="data")
    manifest_path = work_dir / MANIFEST
    if not manifest_path.is_file():
        raise BackupError("the archive has no manifest.json")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown archive format {manifest.get('format')!r}")
    database = manifest["database"]
    if sha256_file(work_dir / database["member"]) != database["sha256"]:
        raise BackupError(f"checksum mismatch: {database['member']}")
    tree = work_dir / TREE_PREFIX
    for name, digest in manifest["files"].items():
        path = tree / name
        if not path.is_file() or sha256_file(path) != digest:
            raise BackupError(f"checksum mismatch or missing file: {name}")
    present = {str(p.relative_to(tree)) for p in tree.rglob("*") if p.is_file()} if tree.exists() else set()
    extra = present - set(manifest["files"])
    if extra:
        raise BackupError(f"files not in the manifest: {sorted(extra)[:5]}")
    return manifest


def installation_contents() -> list[str]:
    """What makes this installation non-empty: tables with rows the desk wrote, files in the data dir."""
    found = []
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        # Migrations and content types are written by `migrate` on an empty installation: they do not count.
        for table in sorted(tables - {"django_migrations", "django_content_type", "auth_permission"}):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 - table names come from introspection, quoted
            if cursor.fetchone():
                found.append(f"table {table}")
    found += [f"file {path}" for path in data_files()[:20]]
    return found


def _restore_sqlite(source: Path) -> None:
    target = _sqlite_path()
    connection.close()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    partial = target.with_name(target.name + ".restoring")
    shutil.copyfile(source, partial)
    partial.replace(target)


def _restore_postgresql(source: Path) -> None:
    env, args = _pg_env_and_args()
    with connection.cursor() as cursor:
        # Start from an empty public schema: a fresh `migrate` may have created tables the dump will create again.
        cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connection.close()
    command = [pg_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    command += [f"--dbname={connection.settings_dict['NAME']}", str(source)]
    completed = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - fixed tool, arguments from settings
    if completed.returncode != 0:
        raise BackupError(f"pg_restore failed: {completed.stderr.strip()}")


def restore_backup(*, archive: Path, force: bool = False) -> RestoreReport:
    """Restore onto an empty installation (or any with force=True), then check row counts against the manifest."""
    with tempfile.TemporaryDirectory(prefix="madoguchi-restore-") as work:
        work_dir = Path(work)
        manifest = _extract(archive, work_dir)
        if manifest["database"]["vendor"] != connection.vendor:
            vendor = manifest["database"]["vendor"]
            raise BackupError(f"the archive holds a {vendor} database; this installation uses {connection.vendor}")
        contents = installation_contents()
        if contents and not force:
            raise BackupError(
                "this installation is not empty ("
                + ", ".join(contents[:5])
                + "); restore onto an empty one or use --force"
            )
        database_file = work_dir / manifest["database"]["member"]
        if connection.vendor == "sqlite":
            _restore_sqlite(database_file)
        else:
            _restore_postgresql(database_file)
        for name in manifest["files"]:
            target = file_path(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".restoring")
            shutil.copyfile(work_dir / TREE_PREFIX / name, partial)
            partial.replace(target)
    with connection.cursor() as cursor:
        counts = table_row_counts(cursor)
    expected = manifest["row_counts"]
    different = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
    if different:
        raise BackupError(f"row counts differ after restore: {different}")
    for name, digest in manifest["files"].items():
        if sha256_file(file_path(name)) != digest:
            raise BackupError(f"checksum mismatch after restore: {name}")
    return RestoreReport(tables=len(expected), rows=sum(expected.values()), files=len(manifest["files"]))
