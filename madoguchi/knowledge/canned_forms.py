from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.choices import Category


class CannedTextForm(forms.Form):
    title = forms.CharField(label=_("題名"), max_length=100)
    body = forms.CharField(
        label=_("本文"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("回答の「① 具体的な対策」に挿入され、挿入後に案件に合わせて書き換えられます。"),
    )
    category = forms.ChoiceField(
        label=_("よく使う相談区分"),
        required=False,
        choices=[("", _("指定しない")), *Category.choices],
        help_text=_("選ぶと、その区分の案件で先頭に表示します。"),
    )
    active = forms.BooleanField(label=_("使用中"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            # A new canned text is in use; retiring is an edit.
            del self.fields["active"]
            del self.fields["version"]
