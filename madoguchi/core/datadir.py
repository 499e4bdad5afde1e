"""Writes into the data dir and its health: one atomic write, one "disk full" error, one cached probe (ADR 0036)."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from madoguchi.core.errors import DomainError

# Full disk, quota exceeded, file system mounted read-only: writing cannot succeed until an operator acts.
STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
PROBE_BYTES = 4096


def is_storage_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in STORAGE_ERRNOS


def storage_full_message() -> str:
    return _(
        "保存領域が不足しているため、ファイルを保存できませんでした。入力内容は消えていません。"
        "しばらく時間をおいてからもう一度送信するか、お電話でご連絡ください。"
    )


class StorageFull(DomainError, OSError):
    """A write to the data dir failed for lack of space (or a read-only mount).

    A DomainError, so views that already re-render their form on a refused action show the message next to the
    file field with everything typed kept; an OSError with the original errno, so callers that treat any OSError
    as "retry later" (ingest_email exits 75) keep doing so.
    """

    def __init__(self, source: OSError, *, field: str = "file") -> None:
        DomainError.__init__(self, storage_full_message(), field=field)
        self.errno = source.errno
        self.strerror = source.strerror
        self.filename = source.filename


# Files this request or command created inside a files_removed_on_error() block (None outside one).
_created: ContextVar[list[Path] | None] = ContextVar("madoguchi_created_files", default=None)


@contextmanager
def files_removed_on_error() -> Iterator[None]:
    """Around a service that writes files and rows: when anything fails (a later file, a row, the commit), the
    files it created are deleted again, so a rolled-back transaction leaves no orphan file. Files that already
    existed (content-addressed stores: the same bytes stored earlier for another row) are never deleted."""
    created: list[Path] = []
    token = _created.set(created)
    try:
        yield
    except BaseException:
        for path in reversed(created):
            path.unlink(missing_ok=True)
        raise
    finally:
        _created.reset(token)


def fsync_dir(path: Path) -> None:
    # The rename is only durable once the directory entry is on disk too.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(*, path: Path, data: bytes) -> None:
    """Write via a temp file in the same directory, fsync, rename: readers see all bytes or no file.

    A full disk raises StorageFull and leaves no temporary file behind."""
    existed = path.exists()
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
        fsync_dir(path.parent)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if is_storage_full(exc) and not isinstance(exc, StorageFull):
            raise StorageFull(exc) from exc
        raise
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    created = _created.get()
    if created is not None and not existed:
        created.append(path)


# --- health: can the desk write into the data dir? ---


@dataclass(frozen=True)
class StorageState:
    writable: bool
    free_bytes: int | None
    min_free_bytes: int
    error: str = ""

    @property
    def read_only(self) -> bool:
        """Staff work read-only: writing fails, or the space left is kept for mail and the public form."""
        return not self.writable or (self.free_bytes is not None and self.free_bytes < self.min_free_bytes)


def probe_dirs() -> list[Path]:
    """The data dir (which must exist) and the file stores that exist yet, which operators may put on their own
    volumes; a store not created yet will be created inside the data dir."""
    dirs = [Path(settings.DATA_DIR)]
    for value in (settings.MEDIA_ROOT, settings.MAIL_STORE_DIR):
        path = Path(value)
        if path not in dirs and path.is_dir():
            dirs.append(path)
    return dirs


def probe() -> StorageState:
    """Write and delete a small file in every store; the smallest free space counts. Leaves no file behind."""
    min_free = int(settings.MADOGUCHI_MIN_FREE_BYTES)
    free: int | None = None
    for folder in probe_dirs():
        try:
            # NamedTemporaryFile deletes the probe on close, also when the write failed.
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-") as handle:
                handle.write(b"\0" * PROBE_BYTES)
                handle.flush()
                os.fsync(handle.fileno())
            usage = shutil.disk_usage(folder)
        except OSError as exc:
            return StorageState(writable=False, free_bytes=free, min_free_bytes=min_free, error=_errno_name(exc))
        free = usage.free if free is None else min(free, usage.free)
    return StorageState(writable=True, free_bytes=free, min_free_bytes=min_free)


def _errno_name(exc: OSError) -> str:
    return errno.errorcode.get(exc.errno or 0, type(exc).__name__)


_cached: tuple[float, StorageState] | None = None


def storage_state(*, now: float | None = None) -> StorageState:
    """The probe's answer, kept MADOGUCHI_STORAGE_CHECK_SECONDS per process: every staff page asks, and the desk
    leaves read-only mode by itself once space returns and the cached answer expires."""
    global _cached
    moment = time.monotonic() if now is None else now
    if _cached is not None and moment - _cached[0] < settings.MADOGUCHI_STORAGE_CHECK_SECONDS:
        return _cached[1]
    state = probe()
    _cached = (moment, state)
    return state


def refresh_storage_state(*, now: float | None = None) -> StorageState:
    """Probe now (readyz, and a write that just failed for lack of space) and cache the answer."""
    forget_storage_state()
    return storage_state(now=now)


def forget_storage_state() -> None:
    global _cached
    _cached = None
