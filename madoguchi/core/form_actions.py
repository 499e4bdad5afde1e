"""The one shape of a form POST in the staff views: validate, call one service, show a refusal next to its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest

from madoguchi.core.errors import DomainError, show_on_form

T = TypeVar("T")


def submit(request: HttpRequest, form: BaseForm, action: Callable[[dict[str, Any]], T], *, done: str) -> T | None:
    """`action(form.cleaned_data)` when the form is valid: its result, with `done` queued as the success message.

    None when the form is invalid or the service refused; the refusal (a DomainError) is then on the form, next to
    the field it names, and the form keeps what was typed.
    """
    if not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except DomainError as exc:
        show_on_form(form, exc)
        return None
    messages.success(request, done)
    return result
