"""Forms of the FAQ pages: validate and normalise; the services do the rest."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from madoguchi.core import limits
from madoguchi.knowledge.faq_selectors import FAQ_AXES
from madoguchi.knowledge.models import FaqStatus, FaqVisibility, UsefulLink
from madoguchi.privacy.masking import PLACEHOLDERS
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.taxonomy.selectors import scheme_tree

_BLANK_LINES = re.compile(r"\n\s*\n")
_KEYWORD_SPLIT = re.compile(r"[,、，\s]+")


def axis_term_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    return [
        (scheme.name, [(row.term.pk, "\u3000" * row.depth + str(row.term)) for row in scheme_tree(scheme=scheme)])
        for scheme in Scheme.objects.filter(code__in=FAQ_AXES).order_by("code")
    ]


def parse_read_more(text: str) -> list[dict[str, str]]:
    """One link a line: 「説明 https://...」 or just the URL. Raises ValidationError naming the bad line."""
    validate = URLValidator(schemes=["https", "http"])
    links: list[dict[str, str]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        label, _sep, url = line.rpartition(" ")
        try:
            validate(url)
        except forms.ValidationError as exc:
            raise forms.ValidationError(
                _("%(n)d行目のURLが正しくありません。「説明 https://…」の形で1行に1件書いてください。"), params={"n": n}
            ) from exc
        links.append({"label": label.strip() or url, "url": url})
    return links


def read_more_text(links: list[dict[str, str]]) -> str:
    return "\n".join(
        f"{link['label']} {link['url']}" if link["label"] != link["url"] else link["url"] for link in links
    )


class FaqForm(forms.Form):
    title = forms.CharField(label=_("見出し"), max_length=limits.TITLE)
    questions = forms.CharField(
        label=_("質問の例"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=limits.max_chars(limits.ANSWER_PART),
        help_text=_("質問ごとに空行で区切ってください。"),
    )
    measures = forms.CharField(
        label=_("回答例 ① 具体的な対策"),
        widget=forms.Textarea(attrs={"rows": 10}),
        validators=limits.max_chars(limits.ANSWER_PART),
    )
    referrals = forms.ModelMultipleChoiceField(
        label=_("回答例 ② 相談・届出先"),
        queryset=ReferralOrganization.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("相談・届出先の一覧から選びます。連絡先は一覧の最新の内容で表示されます。"),
    )
    keywords = forms.CharField(
        label=_("キーワード"), max_length=500, required=False, help_text=_("読点・カンマ・空白で区切ります。")
    )
    terms = forms.TypedMultipleChoiceField(
        label=_("分類（ガイドブック・ここからセキュリティ）"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    sources = forms.CharField(
        label=_("参考にした情報（出典・資料）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        validators=limits.max_chars(limits.NOTE),
    )
    read_more = forms.CharField(
        label=_("詳しく読む（リンク）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("1行に1件、「説明 https://…」の形で書きます。"),
    )
    visibility = forms.ChoiceField(label=_("公開範囲"), choices=FaqVisibility.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["terms"]).choices = axis_term_choices()

    def clean_questions(self) -> list[str]:
        text = self.cleaned_data["questions"].replace("\r\n", "\n")
        questions = [q.strip() for q in _BLANK_LINES.split(text) if q.strip()]
        if not questions:
            raise forms.ValidationError(_("質問の例を一つ以上入力してください。"))
        return questions

    def clean_measures(self) -> str:
        return str(self.cleaned_data["measures"]).replace("\r\n", "\n")

    def clean_keywords(self) -> list[str]:
        seen: list[str] = []
        for word in _KEYWORD_SPLIT.split(self.cleaned_data.get("keywords") or ""):
            if word and word not in seen:
                seen.append(word[:50])
        return seen

    def clean_read_more(self) -> list[dict[str, str]]:
        return parse_read_more(self.cleaned_data.get("read_more") or "")

    def clean_terms(self) -> list[Term]:
        ids = self.cleaned_data.get("terms") or []
        return list(Term.objects.filter(pk__in=ids, scheme__code__in=FAQ_AXES))


MASK_TYPE_CHOICES = [(str(t), label) for t, label in PLACEHOLDERS.items()]


class MaskTextForm(forms.Form):
    text = forms.CharField(
        label=_("さらにマスクする文字列"),
        max_length=200,
        error_messages={"required": _("マスクする文字列を入力してください。")},
    )
    span_type = forms.ChoiceField(label=_("種類"), choices=MASK_TYPE_CHOICES)
    version = forms.IntegerField(widget=forms.HiddenInput)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=FaqStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class FaqFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状態"), choices=[("", _("すべて")), *FaqStatus.choices], required=False)


class FromCasesForm(forms.Form):
    cases = forms.CharField(widget=forms.MultipleHiddenInput)


class UsefulLinkForm(forms.ModelForm):  # type: ignore[type-arg]
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = UsefulLink
        fields = ["title", "url", "publisher", "summary", "checked_on", "published", "order"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "checked_on": forms.DateInput(attrs={"type": "date"}),
        }


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("キーワード"), max_length=200, required=False)
