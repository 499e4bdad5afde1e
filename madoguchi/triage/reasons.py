"""Triage reasons are stored in Japanese (the engine has no Django); this shows them in the UI language."""

from __future__ import annotations

import re

from django.utils.translation import gettext

from madoguchi.triage.engine import rules, version

_SCORE = re.compile(rf"^({re.escape(version.REASON_URGENT_SCORE)}|{re.escape(version.REASON_POLICE_SCORE)}) ([0-9.]+)$")


def translate_reason(reason: str) -> str:
    """One stored reason in the active language; an unknown reason is shown as stored."""
    score = _SCORE.match(reason)
    if score:
        return f"{gettext(score.group(1))} {score.group(2)}"
    for suffix in rules.CONTEXT_SUFFIXES:
        if reason.endswith(suffix) and len(reason) > len(suffix):
            return gettext(reason[: -len(suffix)]) + gettext(suffix)
    return gettext(reason)


def translate_reasons(reasons: list[str]) -> list[str]:
    return [translate_reason(reason) for reason in reasons]
