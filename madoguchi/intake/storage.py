"""Files on disk for intake: raw mail, attachment bytes and the public form's pending uploads."""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing

from madoguchi.core import datadir

PENDING_SALT = "madoguchi.intake.pending-upload"


# One atomic write for every store in the data dir; a full disk raises core.datadir.StorageFull (ADR 0036).
atomic_write = datadir.atomic_write
_fsync_dir = datadir.fsync_dir


def _store_content_addressed(*, path: Path, data: bytes, sha256: str) -> None:
    if path.exists():
        existing = path.read_bytes()
        if hashlib.sha256(existing).hexdigest() == sha256:
            return
        # A damaged copy (e.g. a disk error) is replaced, never trusted.
    atomic_write(path=path, data=data)


def mail_store_dir() -> Path:
    return Path(settings.MAIL_STORE_DIR)


def raw_path(*, sha256: str) -> Path:
    return mail_store_dir() / f"{sha256}.eml"


def store_raw(*, raw: bytes) -> str:
    """Keep the received bytes exactly; returns their SHA-256 (also the file name)."""
    sha256 = hashlib.sha256(raw).hexdigest()
    _store_content_addressed(path=raw_path(sha256=sha256), data=raw, sha256=sha256)
    return sha256


def discard_raw(*, sha256: str) -> None:
    """Delete a raw copy no row references (a redelivered duplicate); the folder entry is synced like a write."""
    path = raw_path(sha256=sha256)
    path.unlink(missing_ok=True)
    if path.parent.exists():
        _fsync_dir(path.parent)


def read_raw(*, sha256: str) -> bytes:
    return raw_path(sha256=sha256).read_bytes()


def attachment_relative_path(*, sha256: str) -> str:
    return f"attachments/{sha256[:2]}/{sha256}"


def store_attachment(*, data: bytes) -> tuple[str, str]:
    """(sha256, path relative to MEDIA_ROOT). Same bytes are stored once."""
    sha256 = hashlib.sha256(data).hexdigest()
    relative = attachment_relative_path(sha256=sha256)
    _store_content_addressed(path=Path(settings.MEDIA_ROOT) / relative, data=data, sha256=sha256)
    return sha256, relative


def open_attachment(*, relative: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise FileNotFoundError(relative)
    return path


# --- pending uploads of the public form (between the input and the confirmation step) ---


@dataclass(frozen=True)
class PendingFile:
    token: str  # signed, safe to put in a hidden field
    filename: str
    content_type: str
    sniffed_type: str
    size: int
    sha256: str


def pending_dir() -> Path:
    return Path(settings.DATA_DIR) / "pending_uploads"


def save_pending(*, data: bytes, filename: str, content_type: str, sniffed_type: str) -> PendingFile:
    key = secrets.token_hex(16)
    folder = pending_dir() / key
    meta = {
        "filename": filename,
        "content_type": content_type,
        "sniffed_type": sniffed_type,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    try:
        atomic_write(path=folder / "data", data=data)
        atomic_write(path=folder / "meta.json", data=json.dumps(meta, ensure_ascii=False).encode())
    except BaseException:
        # Half a pending upload (bytes without their description) would only wait for the cleanup job.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return PendingFile(token=signing.dumps(key, salt=PENDING_SALT), **meta)  # type: ignore[arg-type]


def load_pending(*, token: str, max_age: int) -> tuple[PendingFile, bytes] | None:
    """The file behind a signed token, or None if the token is forged, expired or the file is gone."""
    try:
        key = signing.loads(token, salt=PENDING_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(key, str) or not key.isalnum():
        return None
    folder = pending_dir() / key
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
        data = (folder / "data").read_bytes()
    except (OSError, ValueError):
        return None
    if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
        return None
    return PendingFile(token=token, **meta), data


def discard_pending(*, token: str) -> None:
    try:
        key = signing.loads(token, salt=PENDING_SALT)
    except signing.BadSignature:
        return
    if isinstance(key, str) and key.isalnum():
        shutil.rmtree(pending_dir() / key, ignore_errors=True)


def clean_pending(*, older_than_seconds: int) -> int:
    """Remove pending uploads nobody confirmed; returns how many were removed."""
    root = pending_dir()
    if not root.exists():
        return 0
    cutoff = time.time() - older_than_seconds
    removed = 0
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
