"""Attachment names and types: storage-safe filenames and content sniffing that ignores what the sender claims."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

import filetype

_RESERVED = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)} | {f"lpt{i}" for i in range(1, 10)}
)
MAX_FILENAME_CHARS = 120

# Extensions that legitimately hold a sniffed container format.
_COMPATIBLE_EXTENSIONS: dict[str, frozenset[str]] = {
    "jpg": frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    "tif": frozenset({"tif", "tiff"}),
    "zip": frozenset({"zip", "docx", "xlsx", "pptx", "docm", "xlsm", "pptm", "odt", "ods", "odp", "epub", "jar"}),
    "doc": frozenset({"doc", "xls", "ppt", "msg", "msi"}),  # OLE2 compound files
    "mp4": frozenset({"mp4", "m4a", "m4v"}),
    "gz": frozenset({"gz", "tgz"}),
}
EXECUTABLE_MIME_TYPES = frozenset(
    {
        "application/x-msdownload",
        "application/vnd.microsoft.portable-executable",
        "application/x-executable",
        "application/x-elf",
        "application/x-mach-binary",
        "application/x-dosexec",
    }
)


def sanitize_filename(*, name: str, fallback: str) -> str:
    """A name safe on any filesystem we store to, keeping the Japanese text and the extension."""
    name = unicodedata.normalize("NFC", name)
    # Only the last path component: "..\\..\\x.exe" and "C:/x" must not escape.
    name = re.split(r"[\\/]", name)[-1]
    name = _RESERVED.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        name = fallback
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.lower() in _WINDOWS_DEVICE_NAMES:
        stem = f"_{stem}"
    if len(name) > MAX_FILENAME_CHARS:
        keep = MAX_FILENAME_CHARS - (len(ext) + 1 if ext else 0)
        stem = stem[: max(keep, 1)]
    return f"{stem}.{ext}" if ext else stem


def sniff_type(*, payload: bytes) -> tuple[str | None, str | None]:
    """(MIME type, canonical extension) from the bytes themselves, or (None, None) if unknown."""
    kind = filetype.guess(payload)
    if kind is None:
        return None, None
    return kind.mime, kind.extension


def extension_mismatch(*, filename: str, sniffed_extension: str | None) -> bool:
    """True when the name promises one format and the bytes are another (an .exe called .pdf)."""
    if sniffed_extension is None:
        return False
    suffix = PurePosixPath(filename).suffix.lower().lstrip(".")
    if not suffix:
        return False
    allowed = _COMPATIBLE_EXTENSIONS.get(sniffed_extension, frozenset({sniffed_extension}))
    return suffix not in allowed
