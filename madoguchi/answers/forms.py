from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.answers.models import AnswerChannel
from madoguchi.core import limits


class AnswerDraftForm(forms.Form):
    prefix = "answer"
    # The version of the draft the editor loaded; 0 says explicitly "there was no draft yet" (see services).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    measures = forms.CharField(
        label=_("① 具体的な対策"),
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=limits.max_chars(limits.ANSWER_PART),
    )
    referrals = forms.CharField(
        label=_("② 相談・届出先"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        validators=limits.max_chars(limits.ANSWER_PART),
    )
    channel = forms.ChoiceField(label=_("回答方法"), choices=AnswerChannel.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measures"].error_messages["required"] = _("① 具体的な対策を入力してください。")
        stale = _("画面の情報が古いため保存できませんでした。入力内容を控えてから、画面を読み込み直してください。")
        for code in ("required", "invalid", "min_value"):
            self.fields["version"].error_messages[code] = stale

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The version is a hidden field: its error would be invisible next to it, so show it at the top.
        if "version" in self.errors:
            message = self.errors.pop("version")
            self.add_error(None, message)
        return cleaned

    # Browsers submit textareas with CRLF; the answer is stored, previewed and mailed with plain LF.
    def clean_measures(self) -> str:
        return _lf(self.cleaned_data["measures"])

    def clean_referrals(self) -> str:
        return _lf(self.cleaned_data["referrals"])


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class ReviewForm(forms.Form):
    prefix = "review"
    decision = forms.ChoiceField(choices=[("approve", _("承認")), ("reject", _("差戻し"))], widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("コメント"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        validators=limits.max_chars(limits.NOTE),
    )


class MailTemplateForm(forms.Form):
    subject = forms.CharField(label=_("件名"), max_length=200)
    body = forms.CharField(
        label=_("本文"), widget=forms.Textarea(attrs={"rows": 18}), validators=limits.max_chars(limits.ANSWER_PART)
    )
