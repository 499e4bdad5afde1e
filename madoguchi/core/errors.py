"""Domain errors carry a Japanese message that views show next to the form (`show_on_form`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.forms import BaseForm


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


def show_on_form(form: BaseForm, exc: DomainError) -> None:
    """Put a refused action's message next to the field it names, or above the form; the typing stays bound."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
