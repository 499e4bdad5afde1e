from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.playbooks.clocks import FLAG_LABELS
from madoguchi.playbooks.models import PlaybookTemplate

_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class StartForm(forms.Form):
    template = forms.ModelChoiceField(label=_("事故対応フロー"), queryset=PlaybookTemplate.objects.all())


class TickForm(forms.Form):
    done = forms.TypedChoiceField(
        label=_("完了"), choices=[("1", _("完了")), ("0", _("未完了"))], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label=_("メモ"), max_length=1000, required=False)


class AwareForm(forms.Form):
    prefix = "aware"
    version = forms.IntegerField(widget=forms.HiddenInput)
    aware_at = forms.DateTimeField(
        label=_("事案を認知した日時"),
        widget=_DT,
        help_text=_("相談者の組織が漏えい等を知った日時。報告期限はここから数えます。"),
    )


class FactsForm(forms.Form):
    prefix = "facts"
    incident_at = forms.DateTimeField(
        label=_("被害が発生した日時"),
        widget=_DT,
        required=False,
        help_text=_("ネットバンキングの不正払戻しなど、被害の日から数える期限に使います。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in FLAG_LABELS.items():
            self.fields[name] = forms.BooleanField(label=label, required=False)

    def flags(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in FLAG_LABELS}


class FilingForm(forms.Form):
    prefix = "filed"
    filed_at = forms.DateTimeField(label=_("提出日時"), widget=_DT, required=False)
    note = forms.CharField(label=_("メモ（受付番号など）"), max_length=500, required=False)
