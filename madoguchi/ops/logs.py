"""Structured logs: one JSON object per line with the request id, secrets scrubbed from every message."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from typing import Any

from madoguchi.ops.request_id import current_request_id

# key=value, key: value and "key": "value" forms of anything that looks like a credential.
# The names of secrets to scrub, not a secret.
_SECRET_KEYS = r"(?:password|passwd|pwd|secret|token|csrfmiddlewaretoken|api[_-]?key|authorization|otp_token|sessionid)"  # noqa: S105
SECRET_PATTERN = re.compile(
    rf"(?P<key>[\"']?{_SECRET_KEYS}[\"']?\s*[:=]\s*)(?P<value>\"[^\"]*\"|'[^']*'|[^\s,&;}}]+)",
    re.IGNORECASE,
)
REDACTED = "[REDACTED]"


def redact(text: str) -> str:
    return SECRET_PATTERN.sub(lambda m: f"{m.group('key')}{REDACTED}", text)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (empty outside a request: commands and workers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line. Never the request object, POST data or locals: only what the message says."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "request_id": getattr(record, "request_id", "") or current_request_id.get(),
            "process": record.process,
        }
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class PlainFormatter(logging.Formatter):
    """Development: readable lines, still with the request id and scrubbed."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return redact(super().format(record))
