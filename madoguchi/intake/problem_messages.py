"""Display text of stored mail findings (problems, skipped parts, quarantine reasons) in the active language.

A finding is stored as its stable code, its params and the Japanese sentence of the day. The sentence is
rendered again at display time from the templates in ``mail/messages.py`` through gettext, so the English UI
shows English and the Japanese UI shows the same words as the stored text.

The stored Japanese is shown as it is when the sentence cannot be rebuilt: a code the tables do not know, or a
row stored before params existed whose sentence had dynamic parts (a charset, a size) or a variant. Such a
row's sentence without dynamic parts (``empty``, ``from_missing``) is rebuilt, because its words are the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext, gettext_noop

from madoguchi.intake.mail.messages import (
    PROBLEM_MESSAGES,
    SKIPPED_PART_MESSAGES,
    UNPARSEABLE_MESSAGES,
    MessageTable,
    japanese,
    template_for,
)

PARSER_ERROR = "parser_error"

# Quarantine codes are the parser's, plus the one the service records when the parser itself crashes.
QUARANTINE_MESSAGES: MessageTable = {
    **UNPARSEABLE_MESSAGES,
    (PARSER_ERROR, ""): gettext_noop("メールの解析中にエラーが発生しました（%(error)s）。修正後に再処理してください。"),
}


def render(table: MessageTable, *, code: str, params: Any, stored: str) -> str:
    """The sentence for code + params in the active language, or ``stored`` when it cannot be rebuilt.

    The result is plain text: params hold what the consulter sent (header values, file names), so templates
    must keep auto-escaping it.
    """
    if not isinstance(params, Mapping):
        return stored  # a row written by hand or by an older version: its stored text is the only record
    template = template_for(table, code=code, params=params)
    if template is None:
        return stored  # unknown code, or an old row without the variant that picks the sentence
    try:
        # The Japanese template first: a translation that drops a placeholder must not hide missing params.
        template % params
        return gettext(template) % params
    except (KeyError, TypeError, ValueError):
        return stored  # an old row whose sentence had parts it never stored as params


def problem_text(entry: Mapping[str, Any]) -> str:
    """One ``InboundMessage.problems`` entry: {"code", "message", "params"} (no params before they existed)."""
    return render(
        PROBLEM_MESSAGES, code=entry.get("code", ""), params=entry.get("params", {}), stored=entry.get("message", "")
    )


def skipped_part_text(entry: Mapping[str, Any]) -> str:
    """One ``InboundMessage.skipped_parts`` entry: {"code", "reason", "params", ...}."""
    return render(
        SKIPPED_PART_MESSAGES,
        code=entry.get("code", ""),
        params=entry.get("params", {}),
        stored=entry.get("reason", ""),
    )


def quarantine_text(*, code: str, params: Any, stored: str) -> str:
    return render(QUARANTINE_MESSAGES, code=code, params=params, stored=stored)


def japanese_quarantine_reason(*, code: str, params: Mapping[str, str]) -> str:
    """The Japanese sentence stored next to code + params, whatever language the current request uses."""
    return japanese(QUARANTINE_MESSAGES, code=code, params=params)
