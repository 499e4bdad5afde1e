from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.answers.models import AnswerChannel


class AnswerDraftForm(forms.Form):
    prefix = "answer"
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    measures = forms.CharField(label=_("① 具体的な対策"), widget=forms.Textarea(attrs={"rows": 8}))
    referrals = forms.CharField(label=_("② 相談・届出先"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    channel = forms.ChoiceField(label=_("回答方法"), choices=AnswerChannel.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measures"].error_messages["required"] = _("① 具体的な対策を入力してください。")

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
    comment = forms.CharField(label=_("コメント"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
