"""Report filters, procedure edits and retention periods, with Japanese messages next to the field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.core.limits import NOTE, max_chars
from madoguchi.reports.registry import Period

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(value: str) -> dt.date | None:
    match = _MONTH.match(value.strip().translate(str.maketrans("０１２３４５６７８９－", "0123456789-")))
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return dt.date(year, month, 1)


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthField(forms.Field):
    widget = MonthInput
    default_error_messages = {"invalid": _("年月は 2026-11 の形で入力してください。")}

    def to_python(self, value: Any) -> dt.date | None:
        text = str(value or "").strip()
        if not text:
            return None
        month = parse_month(text[:20])
        if month is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return f"{value.year}-{value.month:02d}"
        return value


class PeriodForm(forms.Form):
    start = MonthField(label=_("開始月"), required=False)
    end = MonthField(label=_("終了月"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("終了月は開始月と同じか、それより後にしてください。"))
        elif start and end and (end.year - start.year) * 12 + end.month - start.month >= 36:
            self.add_error("end", _("期間は36か月以内にしてください。"))
        return data

    def period(self, default: Period) -> Period:
        if not self.is_bound or not self.is_valid():
            return default
        start = self.cleaned_data.get("start") or default.start
        end = self.cleaned_data.get("end") or default.end
        if start > end:
            return default
        return Period(start=start, end=end)


class MonthForm(forms.Form):
    month = MonthField(label=_("対象月"))


class HandbookSectionForm(forms.Form):
    body = forms.CharField(label=_("本文"), widget=forms.Textarea(attrs={"rows": 14}), validators=max_chars(NOTE))
    note = forms.CharField(label=_("変更の内容"), max_length=200, required=False)


class RetentionPolicyForm(forms.Form):
    record_type = forms.CharField(widget=forms.HiddenInput)
    months = forms.IntegerField(
        label=_("保存期間（月）"),
        min_value=1,
        max_value=1200,
        error_messages={
            "min_value": _("1か月以上を入力してください。"),
            "max_value": _("1200か月以内で入力してください。"),
            "invalid": _("月数を数字で入力してください。"),
            "required": _("月数を入力してください。"),
        },
    )
