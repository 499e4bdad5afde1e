"""Domain errors carry a Japanese message that views show next to the form."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConcurrentEditError(DomainError):
    pass


class TransitionNotAllowed(DomainError):
    pass


class NotPermitted(DomainError):
    pass
