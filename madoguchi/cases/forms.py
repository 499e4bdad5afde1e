from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.cases.choices import PREFECTURES, Category, Channel, EmployeeBand, EventKind, Industry, Urgency
from madoguchi.cases.models import Organization, Person
from madoguchi.cases.selectors import CASE_LIST_SORTS
from madoguchi.cases.services import OrganizationData, PersonData
from madoguchi.cases.workflow import Status
from madoguchi.core import limits
from madoguchi.core.normalize import normalize_email, normalize_phone

_DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _blank(choices: Any) -> list[tuple[str, str]]:
    return [("", "---------"), *choices]


class PhoneField(forms.CharField):
    default_error_messages = {
        "invalid": _("電話番号の形式が正しくありません（例: 03-1234-5678）。全角数字も使えます。"),
    }

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        try:
            return normalize_phone(value)
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class JapaneseEmailField(forms.CharField):
    default_error_messages = {"invalid": _("メールアドレスの形式が正しくありません（例: taro@example.jp）。")}

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return ""
        try:
            normalised = normalize_email(value)
            forms.EmailField().clean(normalised)
        except (ValueError, forms.ValidationError) as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
        return normalised


class ConsulterFields(forms.Form):
    """Organisation and contact person, shared by the staff intake and the public form."""

    org_name = forms.CharField(label=_("組織名"), max_length=200, required=False)
    industry = forms.ChoiceField(label=_("業種"), choices=_blank(Industry.choices), required=False)
    employee_band = forms.ChoiceField(label=_("従業員規模"), choices=_blank(EmployeeBand.choices), required=False)
    prefecture = forms.ChoiceField(
        label=_("都道府県"), choices=[(p, p) for p in PREFECTURES], required=False, initial="東京都"
    )
    municipality = forms.CharField(label=_("市区町村"), max_length=32, required=False)
    person_name = forms.CharField(label=_("氏名"), max_length=100, required=False)
    person_role = forms.CharField(label=_("役職・立場"), max_length=100, required=False)
    phone = PhoneField(label=_("電話番号"), max_length=40, required=False)
    email = JapaneseEmailField(label=_("メールアドレス"), max_length=254, required=False)


def consulter_data(data: Mapping[str, Any]) -> tuple[OrganizationData, PersonData]:
    """The organisation and person typed into a form with the `ConsulterFields` names (staff or public)."""
    organization = OrganizationData(
        name=data.get("org_name", ""),
        industry=data.get("industry", ""),
        employee_band=data.get("employee_band", ""),
        prefecture=data.get("prefecture", ""),
        municipality=data.get("municipality", ""),
    )
    person = PersonData(
        name=data.get("person_name", ""),
        role_title=data.get("person_role", ""),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
    )
    return organization, person


def consulter_initial(*, organization: Organization | None, person: Person | None) -> dict[str, str]:
    """The `ConsulterFields` values of a stored organisation and person, to edit them."""
    return {
        "org_name": organization.name if organization else "",
        "industry": organization.industry if organization else "",
        "employee_band": organization.employee_band if organization else "",
        "prefecture": organization.prefecture if organization else "東京都",
        "municipality": organization.municipality if organization else "",
        "person_name": person.name if person else "",
        "person_role": person.role_title if person else "",
        "phone": person.phone if person else "",
        "email": person.email if person else "",
    }


class IntakeForm(ConsulterFields):
    channel = forms.ChoiceField(label=_("受付経路"), choices=Channel.choices, initial=Channel.PHONE)
    received_at = forms.DateTimeField(label=_("受付日時"), widget=_DT, required=False)
    subject = forms.CharField(label=_("件名"), max_length=200, required=False)
    body = forms.CharField(
        label=_("相談内容（相談者の言葉のまま）"),
        validators=limits.max_chars(limits.CONSULTATION_BODY),
        widget=forms.Textarea(attrs={"rows": 10, "autofocus": True}),
    )
    category = forms.ChoiceField(label=_("相談区分"), choices=_blank(Category.choices), required=False)
    urgency = forms.TypedChoiceField(label=_("緊急度"), choices=Urgency.choices, coerce=int, initial=Urgency.NORMAL)
    police_referral = forms.BooleanField(label=_("警視庁への相談を要する"), required=False)
    tags = forms.CharField(label=_("タグ（カンマ区切り）"), max_length=300, required=False)
    responder = forms.ModelChoiceField(label=_("相談対応者"), queryset=User.objects.none(), required=False)
    scribe = forms.ModelChoiceField(label=_("書記役"), queryset=User.objects.none(), required=False)

    error_messages = {
        "body_required": _("相談内容を入力してください。"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(is_active=True, role__in=[Role.FRONT, Role.BACK, Role.MANAGER]).order_by("username")
        cast("forms.ModelChoiceField[User]", self.fields["responder"]).queryset = staff
        cast("forms.ModelChoiceField[User]", self.fields["scribe"]).queryset = staff
        self.fields["body"].error_messages["required"] = self.error_messages["body_required"]

    def clean_received_at(self) -> dt.datetime:
        value = self.cleaned_data.get("received_at") or timezone.now()
        if value > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("受付日時に未来の日時は入れられません。"))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("channel") == Channel.WALKIN and not data.get("responder"):
            self.add_error("responder", _("来訪相談では相談対応者を選んでください。"))
        return data

    def tag_list(self) -> list[str]:
        return [t for t in (self.cleaned_data.get("tags") or "").replace("、", ",").split(",") if t.strip()]


class EditIntakeForm(ConsulterFields):
    prefix = "edit"
    version = forms.IntegerField(widget=forms.HiddenInput)
    subject = forms.CharField(label=_("件名"), max_length=200)
    body = forms.CharField(
        label=_("相談内容（原文）"),
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=limits.max_chars(limits.CONSULTATION_BODY),
    )
    aware_at = forms.DateTimeField(label=_("事案を認知した日時"), widget=_DT, required=False)
    tags = forms.CharField(label=_("タグ（カンマ区切り）"), max_length=300, required=False)


class TriageForm(forms.Form):
    prefix = "triage"
    version = forms.IntegerField(widget=forms.HiddenInput)
    category = forms.ChoiceField(label=_("相談区分"), choices=_blank(Category.choices))
    urgency = forms.TypedChoiceField(label=_("緊急度"), choices=Urgency.choices, coerce=int)
    police_referral = forms.BooleanField(label=_("警視庁への相談を要する"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].error_messages["required"] = _("相談区分を選んでください。")


class DispatchForm(TriageForm):
    prefix = "dispatch"
    assignee = forms.ModelChoiceField(
        label=_("回付先"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("二次対応の共有キュー"),
    )
    note = forms.CharField(
        label=_("引継ぎメモ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        validators=limits.max_chars(limits.NOTE),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[User]", self.fields["assignee"]).queryset = User.objects.filter(
            is_active=True, role__in=[Role.BACK, Role.MANAGER]
        ).order_by("username")
        self.fields["category"].error_messages["required"] = _("回付する前に相談区分を選んでください。")


class CallbackForm(forms.Form):
    prefix = "callback"
    phone = PhoneField(label=_("折り返し先電話番号"), max_length=40)
    due_at = forms.DateTimeField(label=_("折り返し期限"), widget=_DT)
    note = forms.CharField(
        label=_("メモ"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        validators=limits.max_chars(limits.NOTE),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].error_messages["required"] = _("折り返し先の電話番号を入力してください。")
        self.fields["due_at"].error_messages["required"] = _("折り返し期限を入力してください。")
        self.fields["due_at"].error_messages["invalid"] = _("日時の形式が正しくありません。")


class CallbackDoneForm(forms.Form):
    prefix = "callback_done"
    outcome = forms.CharField(
        label=_("結果"), widget=forms.Textarea(attrs={"rows": 2}), validators=limits.max_chars(limits.NOTE)
    )


class FrontAnswerForm(forms.Form):
    prefix = "front_answer"
    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("回答した内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=limits.max_chars(limits.ANSWER_PART),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"].error_messages["required"] = _("回答した内容を入力してください。")


class NoteForm(forms.Form):
    prefix = "note"
    kind = forms.ChoiceField(
        label=_("種類"),
        choices=[
            (EventKind.NOTE, EventKind.NOTE.label),
            (EventKind.RESEARCH, EventKind.RESEARCH.label),
            (EventKind.CALL_IN, EventKind.CALL_IN.label),
            (EventKind.CALL_OUT, EventKind.CALL_OUT.label),
        ],
    )
    text = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 3}), validators=limits.max_chars(limits.NOTE)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _("内容を入力してください。")


class AssessmentForm(forms.Form):
    prefix = "assessment"
    version = forms.IntegerField(widget=forms.HiddenInput)
    assessment = forms.CharField(
        label=_("状況判断"), widget=forms.Textarea(attrs={"rows": 4}), validators=limits.max_chars(limits.NOTE)
    )


class InquiryForm(forms.Form):
    prefix = "inquiry"
    organization_name = forms.CharField(label=_("照会先（警視庁、IPA、連携機関など）"), max_length=200)
    contact_person = forms.CharField(label=_("先方担当者"), max_length=100, required=False)
    contacted_at = forms.DateTimeField(label=_("照会日時"), widget=_DT)
    question = forms.CharField(
        label=_("照会内容"), widget=forms.Textarea(attrs={"rows": 2}), validators=limits.max_chars(limits.NOTE)
    )
    response = forms.CharField(
        label=_("先方の回答"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        validators=limits.max_chars(limits.NOTE),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization_name"].error_messages["required"] = _("照会先を入力してください。")
        self.fields["question"].error_messages["required"] = _("照会内容を入力してください。")
        self.fields["contacted_at"].error_messages["required"] = _("照会日時を入力してください。")


class CloseForm(forms.Form):
    prefix = "close"
    version = forms.IntegerField(widget=forms.HiddenInput)
    resolution = forms.CharField(
        label=_("対応結果"), widget=forms.Textarea(attrs={"rows": 3}), validators=limits.max_chars(limits.NOTE)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolution"].error_messages["required"] = _("対応結果を入力してください。")


class ReopenForm(forms.Form):
    prefix = "reopen"
    reason = forms.CharField(
        label=_("再開する理由"), widget=forms.Textarea(attrs={"rows": 2}), validators=limits.max_chars(limits.NOTE)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _("再開する理由を入力してください。")


class MergeForm(forms.Form):
    prefix = "merge"
    into_reference = forms.CharField(label=_("統合先の受付番号"), max_length=16)
    reason = forms.CharField(
        label=_("理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        validators=limits.max_chars(limits.NOTE),
    )

    def clean_into_reference(self) -> str:
        import unicodedata

        value = unicodedata.normalize("NFKC", self.cleaned_data["into_reference"]).strip()
        if not value:
            raise forms.ValidationError(_("統合先の受付番号を入力してください。"))
        return value


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("キーワード"), required=False, max_length=limits.TITLE)
    reference = forms.CharField(label=_("受付番号"), required=False, max_length=limits.TITLE)
    status = forms.ChoiceField(label=_("状態"), choices=_blank(Status.choices), required=False)
    category = forms.ChoiceField(label=_("相談区分"), choices=_blank(Category.choices), required=False)
    channel = forms.ChoiceField(label=_("受付経路"), choices=_blank(Channel.choices), required=False)
    tag = forms.CharField(label=_("タグ"), required=False, max_length=limits.TITLE)
    date_from = forms.DateField(
        label=_("受付日（から）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("受付日（まで）"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    include_closed = forms.BooleanField(label=_("完了した案件も含める"), required=False)
    sort = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)

    def clean_sort(self) -> str:
        # Only whitelisted keys survive; anything else falls back to the default order, never to an error.
        sort = self.cleaned_data.get("sort") or ""
        return sort if sort.lstrip("-") in CASE_LIST_SORTS and sort.count("-") <= 1 else ""


class DeskRulesForm(forms.Form):
    approval_categories = forms.MultipleChoiceField(
        label=_("回答に管理職の承認を要する相談区分"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    approval_for_police_referral = forms.BooleanField(
        label=_("警察への相談を要する案件の回答には、相談区分にかかわらず管理職の承認を要する"), required=False
    )
    default_first_response_minutes = forms.IntegerField(
        label=_("初回対応の標準目標（分、目標のない区分に適用）"), min_value=1, max_value=60 * 24 * 30
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in Category.choices:
            self.fields[f"target_{code}"] = forms.IntegerField(
                label=_("%(category)s：初回対応までの目標（分）") % {"category": label},
                min_value=1,
                max_value=60 * 24 * 30,
                required=False,
            )
            self.fields[f"business_{code}"] = forms.BooleanField(label=_("営業時間内で数える"), required=False)

    def targets(self) -> dict[str, tuple[int, bool]]:
        out = {}
        for code in Category.values:
            minutes = self.cleaned_data.get(f"target_{code}")
            if minutes:
                out[code] = (minutes, bool(self.cleaned_data.get(f"business_{code}")))
        return out


class SavedViewForm(forms.Form):
    prefix = "saved"
    name = forms.CharField(label=_("名前"), max_length=100)
    shared = forms.BooleanField(label=_("窓口の全員に共有する"), required=False)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("名前を入力してください。")
        self.fields["name"].error_messages["max_length"] = _("名前は100文字以内で入力してください。")


class BulkActionForm(forms.Form):
    """The list's bulk action bar: selected rows (受付番号:版) and what to do with them."""

    prefix = "bulk"
    ASSIGN = "assign"
    DISPATCH = "dispatch"

    action = forms.ChoiceField(
        label=_("一括操作"), choices=[(ASSIGN, _("担当者を割り当てる")), (DISPATCH, _("二次対応へ回付する"))]
    )
    assignee = forms.ModelChoiceField(label=_("担当者"), queryset=User.objects.none(), required=False)
    category = forms.ChoiceField(label=_("回付する相談区分"), choices=_blank(Category.choices), required=False)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[User]", self.fields["assignee"]).queryset = User.objects.filter(
            is_active=True, role__in=[Role.BACK, Role.MANAGER]
        ).order_by("username")

    def selection(self) -> list[tuple[str, int | None]]:
        """The ticked rows as (reference, version seen on the list); a malformed value is dropped."""
        out: list[tuple[str, int | None]] = []
        for value in self.data.getlist("cases")[:500] if hasattr(self.data, "getlist") else []:
            reference, _sep, version = str(value).rpartition(":")
            if reference and version.isdigit():
                out.append((reference, int(version)))
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.selection():
            raise forms.ValidationError(_("操作する案件を一覧で選んでください。"))
        if data.get("action") == self.ASSIGN and not data.get("assignee"):
            self.add_error("assignee", _("担当者を選んでください。"))
        if data.get("action") == self.DISPATCH and not data.get("category"):
            self.add_error("category", _("回付する前に相談区分を選んでください。"))
        return data
