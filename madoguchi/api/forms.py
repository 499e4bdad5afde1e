from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.models import User


class TokenIssueForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("職員"),
        queryset=User.objects.none(),
        error_messages={"required": _("職員を選んでください。"), "invalid_choice": _("職員を選んでください。")},
    )
    name = forms.CharField(
        label=_("用途"),
        max_length=100,
        help_text=_("例: 協力団体の相談フォーム"),
        error_messages={"required": _("用途を入力してください。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(is_active=True).order_by("username")
