"""Input normalisation shared by every form: full-width digits, phone numbers, postal codes, e-mail."""

from __future__ import annotations

import re
import unicodedata

_PHONE_ALLOWED = re.compile(r"^\+?[0-9]+$")


def nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


def normalize_phone(value: str) -> str:
    """Return a phone number as digits with hyphens kept where the caller gave them.

    Accepts full-width digits, ー/－/‐ as hyphens, spaces and parentheses, e.g.
    「０３（１２３４）５６７８」 -> "03-1234-5678". Raises ValueError when it is not a number.
    """
    text = nfkc(value).strip()
    if not text:
        return ""
    text = re.sub(r"[‐‑‒–—―ーｰ−]", "-", text)
    text = re.sub(r"[()\s]+", "-", text).strip("-")
    text = re.sub(r"-{2,}", "-", text)
    digits = text.replace("-", "")
    if not _PHONE_ALLOWED.match(digits):
        raise ValueError("not a phone number")
    count = len(digits.lstrip("+"))
    if count < 10 or count > 15:
        raise ValueError("wrong length")
    return text


def phone_digits(value: str) -> str:
    """Digits only, used to recognise the same number written differently."""
    return re.sub(r"[^0-9+]", "", nfkc(value))


def normalize_postal_code(value: str) -> str:
    text = re.sub(r"[‐‑‒–—―ーｰ−\-\s〒]", "", nfkc(value))
    if not text:
        return ""
    if not re.fullmatch(r"[0-9]{7}", text):
        raise ValueError("postal code must have 7 digits")
    return f"{text[:3]}-{text[3:]}"


def normalize_email(value: str) -> str:
    text = nfkc(value).strip()
    if not text:
        return ""
    local, sep, domain = text.rpartition("@")
    if not sep or not local or not domain:
        raise ValueError("not an e-mail address")
    return f"{local}@{domain.lower()}"


def normalize_name(value: str) -> str:
    """Collapse spacing and width so 「㈱サンプル 商事」 and 「(株)サンプル商事」 compare equal."""
    text = nfkc(value)
    text = re.sub(r"\s+", "", text)
    return text.lower()
