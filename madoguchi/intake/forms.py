from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from madoguchi.cases.choices import PREFECTURES, EmployeeBand, Industry
from madoguchi.cases.forms import JapaneseEmailField, PhoneField
from madoguchi.core import limits
from madoguchi.intake import mail

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Sniffed type -> file name extensions that may carry it. Anything else is refused.
ALLOWED_UPLOADS: dict[str, frozenset[str]] = {
    "image/png": frozenset({"png"}),
    "image/jpeg": frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    "image/gif": frozenset({"gif"}),
    "image/webp": frozenset({"webp"}),
    "image/heic": frozenset({"heic"}),
    "application/pdf": frozenset({"pdf"}),
}


def max_files() -> int:
    return int(settings.MADOGUCHI_PUBLIC_FORM_MAX_FILES)


def max_file_bytes() -> int:
    return int(settings.MADOGUCHI_PUBLIC_FORM_MAX_FILE_BYTES)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}MB"


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    sniffed_type: str
    data: bytes


def check_upload_size(*, name: str, size: int) -> None:
    if size > max_file_bytes():
        raise forms.ValidationError(
            _("「%(name)s」（%(size)s）は大きすぎます。1ファイル %(limit)s までにしてください。"),
            code="too_large",
            params={
                "name": mail.sanitize_filename(name=name, fallback="添付ファイル"),
                "size": megabytes(size),
                "limit": megabytes(max_file_bytes()),
            },
        )


def check_upload(*, name: str, data: bytes, declared_type: str) -> CheckedFile:
    """Accept screenshots, PDFs and mail files, judged by their bytes; the name only has to agree."""
    filename = mail.sanitize_filename(name=name, fallback="添付ファイル")
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    check_upload_size(name=name, size=len(data))
    if not data:
        raise forms.ValidationError(_("「%(name)s」は空のファイルです。"), code="empty", params={"name": filename})
    sniffed, _ext = mail.sniff_type(payload=data)
    if sniffed in ALLOWED_UPLOADS:
        if extension not in ALLOWED_UPLOADS[sniffed]:
            raise forms.ValidationError(
                _("「%(name)s」は、ファイル名と中身の形式が一致しません。元のファイルをそのまま添付してください。"),
                code="mismatch",
                params={"name": filename},
            )
        return CheckedFile(filename=filename, content_type=sniffed, sniffed_type=sniffed, data=data)
    if extension == "msg" and data.startswith(OLE2_MAGIC):
        return CheckedFile(
            filename=filename,
            content_type="application/vnd.ms-outlook",
            sniffed_type="application/x-ole-storage",
            data=data,
        )
    if extension == "eml" and sniffed is None:
        try:
            mail.parse_message(raw=data, limits=mail.Limits(max_message_bytes=max_file_bytes()))
        except mail.UnparseableMessage:
            pass
        else:
            return CheckedFile(filename=filename, content_type="message/rfc822", sniffed_type="", data=data)
    if sniffed is not None and extension not in {"png", "jpg", "jpeg", "gif", "webp", "heic", "pdf", "eml", "msg"}:
        reason = _("「%(name)s」はこの窓口で受け付けていない形式のファイルです。")
    elif sniffed is not None:
        reason = _("「%(name)s」は、ファイル名と中身の形式が一致しません。元のファイルをそのまま添付してください。")
    else:
        reason = _("「%(name)s」はこの窓口で受け付けていない形式のファイルか、内容を確認できないファイルです。")
    raise forms.ValidationError(
        _("%(reason)s 添付できるのは、画像（PNG・JPEG・GIF）、PDF、メールのファイル（.eml・.msg）です。"),
        code="type",
        params={"reason": reason % {"name": filename}},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [f for f in items if f]


def _blank(choices: Any) -> list[tuple[str, str]]:
    return [("", _("選択してください")), *choices]


class ConsultationForm(forms.Form):
    """The public 相談フォーム: validation only; the view keeps files between the steps."""

    org_name = forms.CharField(label=_("組織名（会社名・団体名）"), max_length=200)
    industry = forms.ChoiceField(label=_("業種"), choices=_blank(Industry.choices), required=False)
    employee_band = forms.ChoiceField(label=_("従業員数"), choices=_blank(EmployeeBand.choices), required=False)
    prefecture = forms.ChoiceField(
        label=_("所在地（都道府県）"), choices=[(p, p) for p in PREFECTURES], initial="東京都", required=False
    )
    municipality = forms.CharField(label=_("所在地（市区町村）"), max_length=32, required=False)
    person_name = forms.CharField(label=_("ご担当者のお名前"), max_length=100)
    phone = PhoneField(label=_("電話番号"), max_length=40, required=False, help_text=_("例: 03-1234-5678"))
    email = JapaneseEmailField(
        label=_("メールアドレス"),
        max_length=254,
        help_text=_("受付番号をお知らせするメールをお送りします。"),
    )
    body = forms.CharField(
        label=_("ご相談内容（何が起きたか、何を知りたいか）"),
        max_length=limits.PUBLIC_FORM_BODY,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("いつ、何が起きたか、どのような画面やメールが届いたかなど、分かる範囲でご記入ください。"),
    )
    attachments = MultipleFileField(
        label=_("添付ファイル（任意）"),
        required=False,
        help_text=_("画面のスクリーンショット、不審なメール（.eml・.msg）、PDF。"),
    )
    consent = forms.BooleanField(label=_("個人情報の取扱いに同意します"))
    # Honeypot: hidden from people by CSS, filled in by form-spamming bots.
    website = forms.CharField(label=_("この欄は空のままにしてください"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "画面のスクリーンショット、不審なメール（.eml・.msg）、PDF。%(count)d件まで、1ファイル%(size)sまで。"
        ) % {"count": max_files(), "size": megabytes(max_file_bytes())}
        messages = {
            "org_name": _("組織名を入力してください。"),
            "person_name": _("お名前を入力してください。"),
            "email": _("メールアドレスを入力してください。"),
            "body": _("ご相談内容を入力してください。"),
            "consent": _("個人情報の取扱いに同意いただく必要があります。"),
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["body"].error_messages["max_length"] = _(
            "ご相談内容は%(limit_value)d文字以内で入力してください（現在%(show_value)d文字）。"
        )
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # The input type is the widget's, never an attribute: a second `type` attribute is ignored by browsers.
        self.fields["email"].widget.input_type = "email"
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["person_name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["org_name"].widget.attrs.update({"autocomplete": "organization"})
        self.fields["attachments"].widget.attrs.update(
            {"accept": ".png,.jpg,.jpeg,.gif,.webp,.heic,.pdf,.eml,.msg,image/*,application/pdf,message/rfc822"}
        )
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{name}-help"

    def clean_body(self) -> str:
        # Browsers submit textarea line breaks as CRLF (HTML spec); the words themselves are kept as typed.
        return str(self.cleaned_data["body"]).replace("\r\n", "\n")

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get("website") or "").strip())

    def full_clean(self) -> None:
        super().full_clean()
        # Screen readers announce the message next to the field when focus lands on it.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                described = [f"{name}-error"]
                if self.fields[name].help_text:
                    described.append(f"{name}-help")
                widget.attrs["aria-describedby"] = " ".join(described)
                widget.attrs["aria-invalid"] = "true"

    def typed_values(self) -> list[tuple[str, str]]:
        """What the consulter typed, exactly, to carry through the confirmation page in hidden fields."""
        out = []
        for name in ("org_name", "industry", "employee_band", "prefecture", "municipality", "person_name", "phone"):
            out.append((name, str(self.data.get(name, ""))))
        out += [("email", str(self.data.get("email", ""))), ("body", str(self.data.get("body", "")))]
        if self.data.get("consent"):
            out.append(("consent", "on"))
        return out


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("破棄する理由"), max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("破棄する理由を入力してください。")
