"""Forms of the casebook, guidebook proposals and know-how reports (Japanese messages, typed input kept)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madoguchi.casebook.models import KnowhowKind, ProposalStatus
from madoguchi.casebook.sections import sections
from madoguchi.casebook.services import CaseStudyText, ProposalText
from madoguchi.core import limits
from madoguchi.knowledge.models import ArchiveItem
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.taxonomy.selectors import term_choices


def _text(label: Any, *, required: bool = True, rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        validators=limits.max_chars(limits.NOTE),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _terms_field() -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=_("分類項目（ガイドブックの章立てなど）"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class CaseStudyForm(forms.Form):
    title = forms.CharField(label=_("題名"), max_length=200)
    situation = _text(_("状況"))
    company_actions = _text(_("企業が行ったこと"), required=False)
    desk_advice = _text(_("窓口の助言"), required=False)
    lessons = _text(_("教訓"), required=False, rows=4)
    organizations = forms.TypedMultipleChoiceField(
        label=_("支援した機関（相談・届出先）"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    terms = _terms_field()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = self.fields["organizations"]
        assert isinstance(orgs, forms.TypedMultipleChoiceField)
        orgs.choices = [(o.pk, o.name) for o in ReferralOrganization.objects.order_by("order", "code")]
        terms = self.fields["terms"]
        assert isinstance(terms, forms.TypedMultipleChoiceField)
        terms.choices = term_choices()

    def to_text(self) -> CaseStudyText:
        d = self.cleaned_data
        return CaseStudyText(
            title=d["title"],
            situation=d["situation"],
            company_actions=d["company_actions"],
            desk_advice=d["desk_advice"],
            lessons=d["lessons"],
            organization_ids=tuple(d["organizations"]),
            term_ids=tuple(d["terms"]),
        )


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("差し戻す理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProposalForm(forms.Form):
    section = forms.TypedChoiceField(label=_("ガイドブックの項目"), coerce=int)
    title = forms.CharField(label=_("件名"), max_length=200)
    change = _text(_("変更すべき点"))
    reason = _text(_("理由"))
    source_urls = forms.CharField(
        label=_("出典 URL"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("1 行に 1 件。法改正、新しい指針（経営ガイドライン、NIST CSF の版など）の出典を書きます。"),
    )
    archive_items = forms.TypedMultipleChoiceField(
        label=_("情報アーカイブの資料"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        section = self.fields["section"]
        assert isinstance(section, forms.TypedChoiceField)
        section.choices = [("", "---------"), *((t.pk, str(t)) for t in sections())]
        items = self.fields["archive_items"]
        assert isinstance(items, forms.TypedMultipleChoiceField)
        items.choices = [(i.pk, i.title) for i in ArchiveItem.objects.order_by("-collected_on", "-pk")[:200]]

    def clean_source_urls(self) -> tuple[str, ...]:
        lines = tuple(line.strip() for line in self.cleaned_data["source_urls"].splitlines() if line.strip())
        for line in lines:
            if not line.startswith(("http://", "https://")):
                raise forms.ValidationError(
                    _("出典は http:// または https:// で始まる URL を 1 行に 1 件書いてください。")
                )
        return lines

    def to_text(self) -> ProposalText:
        d = self.cleaned_data
        return ProposalText(
            title=d["title"],
            change=d["change"],
            reason=d["reason"],
            source_urls=d["source_urls"],
            archive_item_ids=tuple(d["archive_items"]),
        )


class DecideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状態"), choices=[c for c in ProposalStatus.choices if c[0] != ProposalStatus.PROPOSED]
    )
    note = forms.CharField(
        label=_("判断の理由"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class LawLinkForm(forms.Form):
    law = forms.TypedChoiceField(label=_("この項目に関係する法令（事象と適用法規）"), coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from madoguchi.referrals.models import LawEntry

        super().__init__(*args, **kwargs)
        law = self.fields["law"]
        assert isinstance(law, forms.TypedChoiceField)
        law.choices = [("", "---------"), *((x.pk, str(x)) for x in LawEntry.objects.order_by("order", "code"))]


class KnowhowForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), choices=KnowhowKind.choices)
    title = forms.CharField(label=_("題名"), max_length=200)
    held_on = forms.DateField(label=_("実施日"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    counterpart = forms.CharField(label=_("主催者・相手先"), max_length=200, required=False)
    body = _text(_("報告内容（得た知識、窓口で使える点）"), rows=8)
    terms = _terms_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("held_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        terms = self.fields["terms"]
        assert isinstance(terms, forms.TypedMultipleChoiceField)
        terms.choices = term_choices()
