"""Validation and normalisation of outreach input, with Japanese messages next to each field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.choices import PREFECTURES
from madoguchi.cases.forms import JapaneseEmailField, PhoneField
from madoguchi.core import limits
from madoguchi.core.normalize import nfkc, normalize_postal_code
from madoguchi.outreach.models import GuidebookEdition, MaterialKind, RequestStatus, ShippingMethod
from madoguchi.outreach.services import max_copies


class PostalCodeField(forms.CharField):
    default_error_messages = {
        "invalid": _("郵便番号は7桁の数字で入力してください（例: 163-8001）。全角数字や「〒」も使えます。"),
    }

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        try:
            return normalize_postal_code(value)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class CopiesField(forms.CharField):
    """A number of copies; full-width digits accepted, the limit said next to the field."""

    def clean(self, value: Any) -> int:
        text = nfkc(str(super().clean(value) or "")).strip().removesuffix("部").strip()
        limit = max_copies()
        message = _("部数は1〜%(max)d部の範囲で入力してください。それより多く必要な場合は、お電話でご相談ください。")
        if not text.isdigit():
            raise forms.ValidationError(message, code="invalid", params={"max": limit})
        number = int(text)
        if number < 1 or number > limit:
            raise forms.ValidationError(message, code="limit", params={"max": limit})
        return number


def _with_error_attributes(form: forms.Form) -> None:
    # Screen readers announce the message next to the field when focus lands on it.
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            described = [f"{name}-error"]
            if form.fields[name].help_text:
                described.append(f"{name}-help")
            widget.attrs["aria-describedby"] = " ".join(described)
            widget.attrs["aria-invalid"] = "true"


class GuidebookRequestForm(forms.Form):
    """The request itself; the public form adds consent and the honeypot."""

    edition = forms.ModelChoiceField(
        label=_("ガイドブック"), queryset=GuidebookEdition.objects.none(), empty_label=None
    )
    copies = CopiesField(label=_("部数"), max_length=10)
    organization = forms.CharField(label=_("組織名（会社名・団体名）"), max_length=200)
    department = forms.CharField(label=_("部署名"), max_length=200, required=False)
    person_name = forms.CharField(label=_("ご担当者のお名前"), max_length=100)
    postal_code = PostalCodeField(label=_("郵便番号"), max_length=20, help_text=_("例: 163-8001（7桁）"))
    prefecture = forms.ChoiceField(
        label=_("都道府県"), choices=[("", _("選択してください")), *[(p, p) for p in PREFECTURES]]
    )
    address = forms.CharField(
        label=_("住所（市区町村・番地・建物名）"), max_length=300, help_text=_("例: 新宿区西新宿2-8-1 ○○ビル3階")
    )
    phone = PhoneField(label=_("電話番号"), max_length=40, required=False, help_text=_("例: 03-1234-5678"))
    email = JapaneseEmailField(
        label=_("メールアドレス"), max_length=254, required=False, help_text=_("発送したときにお知らせします。")
    )
    purpose = forms.CharField(
        label=_("利用目的"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=limits.max_chars(1000),
        help_text=_("例: 社内研修で配布するため"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = GuidebookEdition.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["copies"].help_text = _("1回のお申込みで%(max)d部まで") % {"max": max_copies()}
        messages = {
            "copies": _("部数を入力してください。"),
            "organization": _("組織名を入力してください。"),
            "person_name": _("お名前を入力してください。"),
            "postal_code": _("郵便番号を入力してください。"),
            "prefecture": _("都道府県を選んでください。"),
            "address": _("住所を入力してください。"),
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["copies"].widget.attrs.update({"inputmode": "numeric"})
        self.fields["postal_code"].widget.attrs.update({"autocomplete": "postal-code", "inputmode": "numeric"})
        self.fields["address"].widget.attrs.update({"autocomplete": "address-line1"})
        self.fields["email"].widget.input_type = "email"
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel"})
        self.fields["person_name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["organization"].widget.attrs.update({"autocomplete": "organization"})

    def clean_address(self) -> str:
        return nfkc(str(self.cleaned_data["address"])).strip()

    def clean_organization(self) -> str:
        return str(self.cleaned_data["organization"]).strip()

    def clean_purpose(self) -> str:
        return str(self.cleaned_data["purpose"]).replace("\r\n", "\n")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        prefecture = data.get("prefecture")
        address = data.get("address")
        if prefecture and address:
            # People often type the whole address: a leading prefecture must agree with the one chosen.
            for name in PREFECTURES:
                if address.startswith(name):
                    if name != prefecture:
                        self.add_error(
                            "address",
                            _("住所の都道府県（%(typed)s）と、選んだ都道府県（%(chosen)s）が一致しません。")
                            % {"typed": name, "chosen": prefecture},
                        )
                    else:
                        data["address"] = address.removeprefix(name).strip()
                    break
        return data


class PublicGuidebookRequestForm(GuidebookRequestForm):
    consent = forms.BooleanField(label=_("個人情報の取扱いに同意します"))
    # Honeypot: hidden from people by CSS, filled in by form-spamming bots (as on the consultation form).
    website = forms.CharField(label=_("この欄は空のままにしてください"), required=False)

    FIELDS = (
        "edition",
        "copies",
        "organization",
        "department",
        "person_name",
        "postal_code",
        "prefecture",
        "address",
        "phone",
        "email",
        "purpose",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].error_messages["required"] = _("メールアドレスを入力してください。")
        self.fields["consent"].error_messages["required"] = _("個人情報の取扱いに同意いただく必要があります。")
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # The public page names help texts and errors "<field>-help" / "<field>-error" (public/intake/_field.html);
        # the staff page keeps Django's own ids, which its field template uses.
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{name}-help"

    def full_clean(self) -> None:
        super().full_clean()
        _with_error_attributes(self)

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def typed_values(self) -> list[tuple[str, str]]:
        """Exactly what was typed, carried through the confirmation page in hidden fields."""
        out = [(name, str(self.data.get(name, ""))) for name in self.FIELDS]
        if self.data.get("consent"):
            out.append(("consent", "on"))
        return out


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("変更後の状態"), choices=RequestStatus.choices)
    shipped_on = forms.DateField(label=_("発送日"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    shipping_method = forms.ChoiceField(
        label=_("発送方法"), choices=[("", _("選択してください")), *ShippingMethod.choices], required=False
    )
    note = forms.CharField(label=_("メモ（取消の場合は理由）"), max_length=500, required=False)


class BulkForm(forms.Form):
    selected = forms.MultipleChoiceField(label=_("選択した依頼"), choices=[], required=True)
    to = forms.ChoiceField(
        label=_("変更後の状態"),
        choices=[
            (RequestStatus.PREPARING, RequestStatus.PREPARING.label),
            (RequestStatus.SHIPPED, RequestStatus.SHIPPED.label),
        ],
    )
    shipped_on = forms.DateField(label=_("発送日"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    shipping_method = forms.ChoiceField(
        label=_("発送方法"), choices=[("", _("選択してください")), *ShippingMethod.choices], required=False
    )

    def __init__(self, *args: Any, references: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["selected"].choices = [(r, r) for r in references]  # type: ignore[attr-defined]
        self.fields["selected"].error_messages["required"] = _("依頼を1件以上選んでください。")


class EditionForm(forms.Form):
    name = forms.CharField(label=_("版の名称"), max_length=200)
    published_on = forms.DateField(label=_("発行日"), widget=forms.DateInput(attrs={"type": "date"}))
    stock = forms.IntegerField(label=_("在庫部数"), min_value=0)
    low_stock_threshold = forms.IntegerField(label=_("在庫警告のしきい値"), min_value=0, initial=50)


class RestockForm(forms.Form):
    added = forms.IntegerField(
        label=_("追加する部数"),
        min_value=1,
        error_messages={
            "required": _("追加する部数を入力してください。"),
            "invalid": _("追加する部数を数字で入力してください。"),
            "min_value": _("追加する部数は1部以上で入力してください。"),
        },
    )


class EventForm(forms.Form):
    topic = forms.CharField(label=_("テーマ"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("開始日時"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    ends_at = forms.DateTimeField(
        label=_("終了日時"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    venue = forms.CharField(label=_("会場・訪問先"), max_length=300, required=False)
    online = forms.BooleanField(label=_("オンライン開催"), required=False)
    organiser = forms.CharField(label=_("主催"), max_length=200)
    co_organisers = forms.CharField(label=_("共催・後援"), max_length=500, required=False)
    speakers = forms.CharField(label=_("講師・対応者"), max_length=500, required=False)
    participants = forms.IntegerField(label=_("参加者数"), min_value=0, required=False)
    satisfied = forms.IntegerField(label=_("アンケート: 満足"), min_value=0, initial=0)
    rather_satisfied = forms.IntegerField(label=_("アンケート: やや満足"), min_value=0, initial=0)
    rather_dissatisfied = forms.IntegerField(label=_("アンケート: やや不満"), min_value=0, initial=0)
    dissatisfied = forms.IntegerField(label=_("アンケート: 不満"), min_value=0, initial=0)
    materials = forms.MultipleChoiceField(label=_("使用した資料の版"), required=False, choices=[])
    notes = forms.CharField(
        label=_("メモ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=limits.max_chars(limits.NOTE),
    )

    def __init__(self, *args: Any, material_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["materials"].choices = material_choices  # type: ignore[attr-defined]
        self.fields["materials"].widget = forms.CheckboxSelectMultiple(choices=material_choices)


class VisitForm(EventForm):
    """An on-site consultation: the visit plus the consultation held there."""

    subject = forms.CharField(label=_("相談の件名"), max_length=200)
    body = forms.CharField(
        label=_("相談内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=limits.max_chars(limits.CONSULTATION_BODY),
    )
    org_name = forms.CharField(label=_("訪問先の組織名"), max_length=200)
    person_name = forms.CharField(label=_("相談者の氏名"), max_length=100, required=False)
    phone = PhoneField(label=_("電話番号"), max_length=40, required=False)
    email = JapaneseEmailField(label=_("メールアドレス"), max_length=254, required=False)


class LinkCaseForm(forms.Form):
    reference = forms.CharField(label=_("その後の相談の受付番号"), max_length=16)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("題名"), max_length=200)
    kind = forms.ChoiceField(label=_("形式"), choices=MaterialKind.choices)
    description = forms.CharField(label=_("説明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    tags = forms.CharField(label=_("タグ（カンマ区切り）"), max_length=500, required=False)
    file = forms.FileField(label=_("ファイル"))
    change_note = forms.CharField(label=_("変更内容"), max_length=1000, initial="初版")


class MaterialVersionForm(forms.Form):
    file = forms.FileField(label=_("新しい版のファイル"))
    change_note = forms.CharField(label=_("変更内容"), max_length=1000)
