from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.choices import Category, Channel
from madoguchi.cases.workflow import Status

KIND_CHOICES = [
    ("", _("すべて")),
    ("case", _("相談案件")),
    ("faq", _("よくある質問")),
    ("article", _("記事")),
    ("referral", _("相談・届出先")),
    ("law", _("適用法規")),
]


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "―"), *choices]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("キーワード"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("種類"), choices=KIND_CHOICES, required=False)
    category = forms.ChoiceField(label=_("相談区分"), choices=_blank(Category.choices), required=False)
    status = forms.ChoiceField(label=_("状態"), choices=_blank(Status.choices), required=False)
    channel = forms.ChoiceField(label=_("受付経路"), choices=_blank(Channel.choices), required=False)
    tag = forms.CharField(label=_("タグ"), max_length=50, required=False)
    date_from = forms.DateField(label=_("日付（から）"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("日付（まで）"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
