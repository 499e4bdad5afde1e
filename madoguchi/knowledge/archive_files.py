"""Bytes of the archive's attached PDFs in the data dir: content-addressed, written atomically, read inside the root."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings

from madoguchi.core import datadir

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def sniff_pdf(data: bytes) -> bool:
    """A PDF by its bytes, whatever the name or the browser's content type say."""
    return data[:1024].lstrip(b"\r\n\t \x00\xef\xbb\xbf").startswith(PDF_MAGIC)


def _root() -> Path:
    return Path(settings.MEDIA_ROOT)


def store(*, data: bytes) -> tuple[str, str]:
    """(sha256, path relative to MEDIA_ROOT). The same bytes are stored once."""
    sha256 = hashlib.sha256(data).hexdigest()
    relative = f"archive/{sha256[:2]}/{sha256}"
    path = _root() / relative
    if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
        return sha256, relative
    datadir.atomic_write(path=path, data=data)
    return sha256, relative


def open_path(*, relative: str) -> Path:
    root = _root().resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise FileNotFoundError(relative)
    return path
