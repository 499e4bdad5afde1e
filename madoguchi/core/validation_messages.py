"""Project-wide wording for Django's own validation messages whose Japanese translation misleads."""

from __future__ import annotations

from django.core import validators
from django.utils.translation import gettext_lazy as _


def install() -> None:
    # Every forms.CharField gets a ProhibitNullCharactersValidator() built with no message, so the class
    # attribute is the one place that reaches every form (staff, public, admin). Django's Japanese catalogue
    # renders it as 「何か文字を入力してください。」, which sends people looking for an empty field.
    validators.ProhibitNullCharactersValidator.message = _(
        "保存できない文字（NUL 文字）が含まれています。削除してから送信してください。"
    )
