from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.choices import Category, Channel
from madoguchi.cases.workflow import Status
from madoguchi.knowledge.search.normalize import split_tag

# Labels of every kind the index may hold (results, the similar-consultations panel).
KIND_LABELS = {
    "case": _("相談案件"),
    "faq": _("よくある質問"),
    "article": _("記事"),
    "referral": _("相談・届出先"),
    "law": _("適用法規"),
}
# Kinds something indexes: consultations, FAQ, the information archive ("article", archive_index.py),
# the directory and the law map. A filter that cannot find anything is not offered.
SEARCHABLE_KINDS = ("case", "faq", "article", "referral", "law")
KIND_CHOICES = [("", _("すべて")), *((kind, KIND_LABELS[kind]) for kind in SEARCHABLE_KINDS)]


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "―"), *choices]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("キーワード"),
        max_length=200,
        required=False,
        help_text=_("タグの文字も探します。「tag:タグ名」でそのタグの記録だけに絞り込めます。"),
    )
    kind = forms.ChoiceField(label=_("種類"), choices=KIND_CHOICES, required=False)
    category = forms.ChoiceField(label=_("相談区分"), choices=_blank(Category.choices), required=False)
    status = forms.ChoiceField(label=_("状態"), choices=_blank(Status.choices), required=False)
    channel = forms.ChoiceField(label=_("受付経路"), choices=_blank(Channel.choices), required=False)
    tag = forms.CharField(label=_("タグ"), max_length=50, required=False)
    include_retired = forms.BooleanField(label=_("廃止したよくある質問も含める"), required=False)
    date_from = forms.DateField(label=_("日付（から）"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("日付（まで）"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _rest, query_tag = split_tag(data.get("q") or "")
        tag = (data.get("tag") or "").strip()
        if query_tag and tag and query_tag != tag:
            self.add_error(
                "tag", _("キーワードの「tag:」とタグ欄で違うタグが指定されています。どちらか一つにしてください。")
            )
        return data
