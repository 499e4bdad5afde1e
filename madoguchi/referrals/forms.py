"""Forms of the referral directory: search, staff edit (channels as one line each), case actions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from django import forms
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.choices import Category
from madoguchi.core import limits
from madoguchi.core.normalize import nfkc
from madoguchi.referrals.models import AsOfBasis, Audience, ChannelKind, EntryType, Situation

CHANNEL_SEPARATOR = "|"
_KIND_BY_LABEL = {str(label): value for value, label in ChannelKind.choices} | {v: v for v in ChannelKind.values}
_PHONE = re.compile(r"^(?:#?\d{3,4}|0[\d-]{9,12})$")


def channels_to_text(channels: list[dict[str, str]]) -> str:
    lines = []
    for c in channels:
        label = ChannelKind(c["kind"]).label if c.get("kind") in ChannelKind.values else c.get("kind", "")
        parts = [str(label), c.get("value", ""), c.get("hours", ""), c.get("note", "")]
        while parts and not parts[-1]:
            parts.pop()
        lines.append(f" {CHANNEL_SEPARATOR} ".join(parts))
    return "\n".join(lines)


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("キーワード"), required=False, max_length=100)
    situation = forms.ChoiceField(label=_("状況"), required=False)
    category = forms.ChoiceField(label=_("相談区分"), required=False, choices=[("", _("すべて")), *Category.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["situation"]).choices = [("", _("すべて"))] + [
            (s.code, s.label) for s in Situation.objects.only("code", "label")
        ]


class QuickListForm(forms.Form):
    situation = forms.ChoiceField(label=_("状況"), required=False)
    q = forms.CharField(label=_("キーワード"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["situation"]).choices = [("", _("すべて"))] + [
            (s.code, s.label) for s in Situation.objects.only("code", "label")
        ]


class OrganizationForm(forms.Form):
    code = forms.SlugField(
        label=_("コード"),
        max_length=64,
        help_text=_("半角英小文字・数字・下線。登録後は変更できません。"),
    )
    name = forms.CharField(label=_("名称"), max_length=200)
    short_name = forms.CharField(label=_("略称"), max_length=100)
    entry_type = forms.ChoiceField(label=_("種別"), choices=EntryType.choices)
    handles = forms.CharField(
        label=_("対応内容"), widget=forms.Textarea(attrs={"rows": 3}), validators=limits.max_chars(limits.NOTE)
    )
    audience = forms.MultipleChoiceField(label=_("対象"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple)
    channels = forms.CharField(
        label=_("連絡手段"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("1行に1件：「種類 | 連絡先 | 受付時間 | 備考」。種類は 電話・Web・メール・窓口。"),
    )
    region = forms.CharField(label=_("地域"), max_length=32, initial="東京都")
    categories = forms.MultipleChoiceField(
        label=_("相談区分"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )
    situations = forms.ModelMultipleChoiceField(
        label=_("対応できる状況"),
        queryset=Situation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )
    public = forms.BooleanField(label=_("公開ページに掲載"), required=False)
    source_url = forms.URLField(label=_("出典URL"), max_length=500, assume_scheme="https")
    source_note = forms.CharField(
        label=_("出典の補足"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=limits.max_chars(limits.NOTE),
    )
    as_of = forms.DateField(label=_("情報の日付"), widget=forms.DateInput(attrs={"type": "date"}))
    as_of_basis = forms.ChoiceField(label=_("日付の根拠"), choices=AsOfBasis.choices)
    verified = forms.BooleanField(label=_("出典で確認済み"), required=False)
    verification_note = forms.CharField(
        label=_("要確認の内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=limits.max_chars(limits.NOTE),
    )
    notes = forms.CharField(
        label=_("備考"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=limits.max_chars(limits.NOTE),
    )
    # The version the editor loaded; the save is refused if someone saved the entry since (optimistic locking).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # The code is the record's identity in the data files; it never changes.
            del self.fields["code"]
        else:
            del self.fields["version"]
        self.fields["categories"].error_messages["required"] = _("相談区分を1つ以上選んでください。")
        self.fields["audience"].error_messages["required"] = _("対象を選んでください。")

    def clean_channels(self) -> list[dict[str, str]]:
        channels = []
        for number, line in enumerate(self.cleaned_data.get("channels", "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(CHANNEL_SEPARATOR)]
            parts += [""] * (4 - len(parts))
            if len(parts) > 4:
                raise forms.ValidationError(_("%(n)d行目：区切り「|」が多すぎます。") % {"n": number})
            kind = _KIND_BY_LABEL.get(nfkc(parts[0]).strip()) or _KIND_BY_LABEL.get(parts[0].lower())
            value = nfkc(parts[1]) if kind == ChannelKind.PHONE else parts[1]
            if kind is None:
                raise forms.ValidationError(
                    _("%(n)d行目：種類は 電話・Web・メール・窓口 のいずれかです。") % {"n": number}
                )
            if not value:
                raise forms.ValidationError(_("%(n)d行目：連絡先がありません。") % {"n": number})
            if kind == ChannelKind.PHONE and not _PHONE.match(value):
                raise forms.ValidationError(_("%(n)d行目：電話番号の形式が正しくありません。") % {"n": number})
            if kind == ChannelKind.WEB:
                try:
                    URLValidator(schemes=["http", "https"])(value)
                except forms.ValidationError as exc:
                    raise forms.ValidationError(_("%(n)d行目：URLが正しくありません。") % {"n": number}) from exc
            if kind == ChannelKind.EMAIL:
                try:
                    validate_email(value)
                except forms.ValidationError as exc:
                    raise forms.ValidationError(
                        _("%(n)d行目：メールアドレスが正しくありません。") % {"n": number}
                    ) from exc
            channels.append({"kind": kind, "value": value, "hours": parts[2], "note": parts[3]})
        return channels

    def clean_as_of(self) -> dt.date:
        value: dt.date = self.cleaned_data["as_of"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("情報の日付に未来の日付は指定できません。"))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("public") and not data.get("verified"):
            self.add_error("public", _("出典で確認していない紹介先は公開ページに掲載できません。"))
        if not data.get("verified") and not (data.get("verification_note") or "").strip():
            self.add_error("verification_note", _("未検証の場合は、何を確認すべきかを記入してください。"))
        return data


class InsertReferralsForm(forms.Form):
    organizations = forms.MultipleChoiceField(label=_("② に挿入する紹介先"))

    def __init__(self, *args: Any, codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organizations"]).choices = [(c, c) for c in codes]
        self.fields["organizations"].error_messages["required"] = _("挿入する紹介先を選んでください。")


class PoliceFlagForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("警視庁への相談を要すると判断した理由を入力してください。")},
    )
