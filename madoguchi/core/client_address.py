"""The one place that decides a request's client address (audit log, login throttling, public-form rate limit)."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _parse(value: str) -> str | None:
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind N trusted reverse proxies the N-th X-Forwarded-For entry counted from the right.

    Each trusted proxy appends the address it received the connection from, so only the right-most N entries
    were written by us; anything to their left came from the client and is ignored. A chain that is shorter
    than N or holds a malformed entry in the part we read falls back to REMOTE_ADDR: not spoofable, merely
    coarse (every client behind the same proxy then shares one address).
    """
    remote = _parse(str(request.META.get("REMOTE_ADDR") or ""))
    count = int(settings.MADOGUCHI_TRUSTED_PROXY_COUNT)
    if count <= 0:
        return remote
    entries = str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")
    if len(entries) < count:
        return remote
    trusted = [_parse(entry) for entry in entries[-count:]]
    if any(address is None for address in trusted):
        return remote
    return trusted[0]
