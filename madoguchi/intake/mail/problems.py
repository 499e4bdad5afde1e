"""The one record type for "something about this mail was not clean", shared by every parsing step."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .messages import PROBLEM_MESSAGES, japanese


@dataclass(frozen=True)
class Problem:
    """A machine-readable code and its params, plus the Japanese sentence staff can read as-is.

    The code is stable (tests and the database match on it). ``params`` are the dynamic parts of the sentence
    (charset labels, file names, byte counts), so the UI can render it in the reader's language; ``message``
    is the Japanese sentence for pure-Python callers and for rows that outlive a wording change.
    """

    code: str
    message: str
    params: Mapping[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, code: str, **params: str) -> Problem:
        """A problem whose Japanese sentence comes from the message table (``mail/messages.py``)."""
        return cls(code=code, message=japanese(PROBLEM_MESSAGES, code=code, params=params), params=params)
