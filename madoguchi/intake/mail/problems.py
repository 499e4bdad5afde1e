"""The one record type for "something about this mail was not clean", shared by every parsing step."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A machine-readable code plus a Japanese sentence staff can read as-is.

    The code is stable (tests and the database match on it); the message is for
    display next to the consultation so staff know the text may not be exact.
    """

    code: str
    message: str
