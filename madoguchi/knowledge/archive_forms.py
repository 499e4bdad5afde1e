"""Forms of the information archive: items, feeds, links, attachments and the list filters (Japanese messages)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madoguchi.core import limits
from madoguchi.knowledge.archive_services import ArchiveItemData
from madoguchi.knowledge.models import ArchiveKind, Importance
from madoguchi.taxonomy.selectors import term_choices

MAX_TAGS = 20
_TAG_SPLIT = re.compile(r"[,、，\s]+")


def split_tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in _TAG_SPLIT.split(text) if t))


class ArchiveItemForm(forms.Form):
    url = forms.CharField(
        label=_("URL"),
        max_length=1000,
        required=False,
        help_text=_("同じ URL が既にあれば、その項目を案内します（utm_ などの計測用の指定は除いて比べます）。"),
    )
    title = forms.CharField(label=_("表題"), max_length=300)
    source_organization = forms.CharField(label=_("発信元"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("種別"), choices=ArchiveKind.choices, initial=ArchiveKind.ARTICLE)
    published_on = forms.DateField(
        label=_("公表日"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    collected_on = forms.DateField(label=_("収集日"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    importance = forms.TypedChoiceField(
        label=_("重要度"), choices=Importance.choices, coerce=int, initial=Importance.NORMAL
    )
    summary = forms.CharField(
        label=_("要約"),
        required=False,
        validators=limits.max_chars(limits.NOTE),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("相談対応で使う観点（対象、影響、対策、紹介先）でまとめてください。"),
    )
    tags = forms.CharField(
        label=_("タグ"), max_length=500, required=False, help_text=_("読点・カンマ・空白で区切ります。")
    )
    terms = forms.TypedMultipleChoiceField(
        label=_("分類項目"), required=False, coerce=int, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, summary_required: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("collected_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        terms = self.fields["terms"]
        assert isinstance(terms, forms.TypedMultipleChoiceField)
        terms.choices = term_choices()
        if summary_required:
            self.fields["summary"].required = True
        if not editing:
            del self.fields["version"]

    def clean_tags(self) -> tuple[str, ...]:
        tags = split_tags(self.cleaned_data.get("tags") or "")
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(_("タグは %(n)d 個までにしてください。") % {"n": MAX_TAGS})
        if any(len(t) > 50 for t in tags):
            raise forms.ValidationError(_("タグは1つ50文字以内にしてください。"))
        return tags

    def item_data(self) -> ArchiveItemData:
        data = self.cleaned_data
        return ArchiveItemData(
            url=data["url"],
            title=data["title"],
            source_organization=data["source_organization"],
            published_on=data["published_on"],
            collected_on=data["collected_on"],
            kind=data["kind"],
            importance=data["importance"],
            summary=data["summary"],
            tags=data["tags"],
            term_ids=tuple(data["terms"]),
        )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("PDF ファイル"), help_text=_("PDF だけ添付できます（20 MB まで）。"))


class LinkCaseForm(forms.Form):
    reference = forms.CharField(label=_("受付番号"), max_length=16)


class LinkFaqForm(forms.Form):
    target_id = forms.IntegerField(label=_("よくある質問の番号"), min_value=1)


class FeedForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    url = forms.CharField(label=_("フィードの URL"), max_length=1000, help_text=_("RSS 2.0、RSS 1.0（RDF）、Atom"))


class ArchiveFilterForm(forms.Form):
    q = forms.CharField(label=_("キーワード"), max_length=limits.TITLE, required=False)
    kind = forms.ChoiceField(label=_("種別"), choices=[("", _("すべて")), *ArchiveKind.choices], required=False)
    importance = forms.TypedChoiceField(
        label=_("重要度"),
        choices=[("", _("すべて")), *Importance.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    tag = forms.CharField(label=_("タグ"), max_length=50, required=False)
    source = forms.CharField(label=_("発信元"), max_length=200, required=False)
