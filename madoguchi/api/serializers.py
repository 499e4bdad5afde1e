"""Shapes of the API's requests and responses (validation of consultations is the public form's own)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from madoguchi.cases.choices import EventKind


class ConsultationCreateSerializer(serializers.Serializer[Any]):
    """The public form's fields; the values are validated by intake.forms.ConsultationForm, as on the web."""

    org_name = serializers.CharField(max_length=200)
    industry = serializers.CharField(required=False, allow_blank=True, max_length=64)
    employee_band = serializers.CharField(required=False, allow_blank=True, max_length=64)
    prefecture = serializers.CharField(required=False, allow_blank=True, max_length=16)
    municipality = serializers.CharField(required=False, allow_blank=True, max_length=32)
    person_name = serializers.CharField(max_length=100)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    email = serializers.CharField(max_length=254)
    body = serializers.CharField()
    consent = serializers.BooleanField(help_text="The consulter agreed to the handling of personal data.")


class ConsultationCreatedSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()


class ConsultationSummarySerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()
    received_at = serializers.DateTimeField()
    channel = serializers.CharField()
    status = serializers.CharField()
    tier = serializers.IntegerField()
    category = serializers.CharField()
    urgency = serializers.IntegerField()


class ConsultationPageSerializer(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = ConsultationSummarySerializer(many=True)


class EventSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor.username", default="", allow_null=True)
    text = serializers.CharField()


class ConsultationDetailSerializer(ConsultationSummarySerializer):
    subject = serializers.CharField()
    body = serializers.CharField()
    police_referral = serializers.BooleanField()
    organization_name = serializers.CharField(source="organization.name", default="", allow_null=True)
    person_name = serializers.CharField(source="person.name", default="", allow_null=True)
    person_email = serializers.CharField(source="person.email", default="", allow_null=True)
    person_phone = serializers.CharField(source="person.phone", default="", allow_null=True)
    assignee = serializers.CharField(source="assignee.username", default="", allow_null=True)
    events = EventSerializer(many=True)


class NoteSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(
        choices=[(EventKind.NOTE.value, "note"), (EventKind.RESEARCH.value, "research")], default=EventKind.NOTE.value
    )
    text = serializers.CharField(max_length=20000)


class TriageRequestSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=20000)


# Something the desk names by code: a situation, an organisation, a provision; subclasses add one field. A comment,
# not a docstring: drf-spectacular would copy a docstring into the schema of every subclass that has none.
class CodeNameSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class TriageReferralSerializer(CodeNameSerializer):
    """An organisation for answer ②, chosen from the situations and flags, with the reason staff can read."""

    reason = serializers.CharField()


class TriageLawSerializer(CodeNameSerializer):
    """A likely provision, best first, with the condition that makes it apply."""

    condition = serializers.CharField()


class TriageSituationSerializer(CodeNameSerializer):
    confidence = serializers.FloatField()


class TriageResultSerializer(serializers.Serializer[Any]):
    category = serializers.CharField()
    confidence = serializers.FloatField()
    urgent = serializers.BooleanField()
    police = serializers.BooleanField()
    flow = serializers.CharField(allow_null=True)
    situations = TriageSituationSerializer(many=True)
    referrals = TriageReferralSerializer(many=True)
    laws = TriageLawSerializer(many=True)
    reasons = serializers.ListField(child=serializers.CharField())
    model_version = serializers.CharField()


class DirectoryEntrySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    entry_type = serializers.CharField()
    handles = serializers.CharField()
    region = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    channels = serializers.ListField(child=serializers.DictField(child=serializers.CharField(allow_blank=True)))
    source_url = serializers.CharField()
    checked_on = serializers.DateField(allow_null=True)


class ErrorSerializer(serializers.Serializer[Any]):
    """Every refusal but field errors (madoguchi/api/errors.py)."""

    detail = serializers.CharField(help_text="Japanese message for people")
    code = serializers.CharField(
        help_text="not_authenticated, authentication_failed, permission_denied, not_found, method_not_allowed, "
        "throttled, request_too_large, read_only, storage_full, server_error, ..."
    )
    reference = serializers.CharField(
        required=False, help_text="500 and 507 only: the request reference, as in the X-Request-Reference header"
    )


class FaqReferralSerializer(CodeNameSerializer):
    pass


class FaqLinkSerializer(serializers.Serializer[Any]):
    label = serializers.CharField(allow_blank=True)
    url = serializers.CharField()


class FaqSerializer(serializers.Serializer[Any]):
    """A published public FAQ entry: exactly what the public site shows (reviewed, masked text)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    questions = serializers.ListField(child=serializers.CharField())
    measures = serializers.CharField()
    referrals = serializers.SerializerMethodField()
    read_more = FaqLinkSerializer(many=True)
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    @extend_schema_field(FaqReferralSerializer(many=True))
    def get_referrals(self, obj: Any) -> list[dict[str, str]]:
        # The public site lists only public referral organisations.
        return [{"code": o.code, "name": o.name} for o in obj.referrals.all() if o.public]
