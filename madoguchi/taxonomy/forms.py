from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.taxonomy.models import Scheme, Term


class TermForm(forms.Form):
    code = forms.SlugField(
        label=_("コード"),
        max_length=64,
        help_text=_("半角英小文字・数字・下線。あとから変更できません。"),
    )
    ref = forms.CharField(label=_("公式の番号・記号"), max_length=64, required=False)
    label = forms.CharField(label=_("名称"), max_length=300)
    parent = forms.ModelChoiceField(label=_("上位の項目"), queryset=Term.objects.none(), required=False)
    page_url = forms.URLField(label=_("項目のページ"), max_length=500, required=False, assume_scheme="https")
    notes = forms.CharField(label=_("備考"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, scheme: Scheme, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Term]", self.fields["parent"]).queryset = scheme.terms.order_by("order", "pk")
        if editing:
            # Codes are stable identifiers that classifications and data files refer to.
            del self.fields["code"]

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip().lower()
        if not code[:1].isalpha() or not all(c.isascii() and (c.isalnum() or c == "_") for c in code):
            raise forms.ValidationError(_("コードは英小文字で始め、英小文字・数字・下線だけで書いてください。"))
        return code

    def clean_label(self) -> str:
        label = " ".join(self.cleaned_data["label"].split())
        if not label:
            raise forms.ValidationError(_("名称を入力してください。"))
        return label


class ClassifyForm(forms.Form):
    term = forms.ModelChoiceField(label=_("分類項目"), queryset=Term.objects.all())
