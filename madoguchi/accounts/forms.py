from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.models import AuditAction


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


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("職員"), required=False)
    action = forms.ChoiceField(label=_("操作"), required=False, choices=[("", "---------"), *AuditAction.choices])
    target = forms.CharField(label=_("対象"), required=False)
    date_from = forms.DateField(label=_("開始日"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("終了日"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
