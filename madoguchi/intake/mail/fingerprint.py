"""The content fingerprint that tells a redelivered copy of a mail from a different mail reusing its Message-ID."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")


def normalize_address(address: str) -> str:
    """NFKC, trimmed, case-folded: the form two addresses are compared in."""
    return unicodedata.normalize("NFKC", address).strip().casefold()


def content_fingerprint(*, sender: str, subject: str, body: str, attachment_sha256s: Iterable[str]) -> str:
    """SHA-256 over the normalised sender, subject, text body and attachment hashes.

    Not the raw bytes: a redelivery of the same mail differs in Received/Delivered-To lines, folding and line
    endings, and must still count as the same mail. Anything the consulter wrote does count.
    """
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    payload = [
        normalize_address(sender),
        _SPACE.sub(" ", unicodedata.normalize("NFC", subject)).strip(),
        "\n".join(lines).strip("\n"),
        sorted(attachment_sha256s),
    ]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()
