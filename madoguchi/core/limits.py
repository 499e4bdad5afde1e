"""Length limits of free text, in characters, for every form: one place to read and change them."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

TITLE = 200  # subjects, names, search boxes
NOTE = 10_000  # notes, memos, reasons, assessments, directory notes
CONSULTATION_BODY = 20_000  # a consultation as staff record it (may be a pasted mail)
PUBLIC_FORM_BODY = 10_000  # what a consulter types on the public form
ANSWER_PART = 20_000  # each part of an answer draft, mail templates

TOO_LONG = _("%(limit_value)d文字以内で入力してください（現在%(show_value)d文字）。")


def max_chars(limit: int) -> list[MaxLengthValidator]:
    """Validators for a free-text field: a validator, not `max_length`, so the browser adds no `maxlength`
    that would silently cut a long paste; the server refuses it with a message and the form keeps the text."""
    return [MaxLengthValidator(limit, message=TOO_LONG)]
