from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    by_mail = forms.BooleanField(
        label=_("メールでも知らせる"),
        required=False,
        help_text=_("職員のメールアドレスに、受付番号と案件へのリンクだけを送ります（相談内容は含みません）。"),
    )
