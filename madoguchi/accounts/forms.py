from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.models import AuditAction
from madoguchi.accounts.roles import Role


class StaffLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("ユーザー名またはパスワードが正しくありません。"),
        "inactive": _("このアカウントは無効です。管理者に連絡してください。"),
    }


class OtpTokenForm(forms.Form):
    token = forms.CharField(
        label=_("確認コード（6桁）"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self) -> str:
        import unicodedata

        token = unicodedata.normalize("NFKC", self.cleaned_data["token"]).replace(" ", "")
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("6桁の数字を入力してください。"))
        return token


class OtpEnrolForm(OtpTokenForm):
    """Enrolment also asks for the one-time code the administrator handed over, so a password alone is not enough."""

    enrolment_code = forms.CharField(
        label=_("登録コード（管理者から受け取った10文字）"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("管理者から受け取った登録コードを入力してください。")},
    )

    field_order = ["enrolment_code", "token"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The code comes first on the page, so it takes the focus.
        self.fields["token"].widget.attrs.pop("autofocus", None)
        self.fields["enrolment_code"].widget.attrs["autofocus"] = True


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("職員"), required=False)
    action = forms.ChoiceField(label=_("操作"), required=False, choices=[("", "---------"), *AuditAction.choices])
    target = forms.CharField(label=_("対象"), required=False)
    date_from = forms.DateField(label=_("開始日"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("終了日"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class StaffCreateForm(forms.Form):
    username = forms.CharField(label=_("ユーザー名"), max_length=150)
    display_name = forms.CharField(label=_("表示名"), max_length=64)
    email = forms.EmailField(label=_("メールアドレス"), required=False)
    role = forms.ChoiceField(label=_("役割"), choices=Role.choices)
    password = forms.CharField(label=_("初期パスワード"), widget=forms.PasswordInput(render_value=False), min_length=12)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].error_messages["min_length"] = _("パスワードは12文字以上にしてください。")


class StaffEditForm(forms.Form):
    display_name = forms.CharField(label=_("表示名"), max_length=64)
    email = forms.EmailField(label=_("メールアドレス"), required=False)
    role = forms.ChoiceField(label=_("役割"), choices=Role.choices)
    is_active = forms.BooleanField(label=_("有効"), required=False)


class SecurityPolicyForm(forms.Form):
    require_2fa_roles = forms.MultipleChoiceField(
        label=_("二要素認証を必須とする役割"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
