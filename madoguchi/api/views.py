"""The REST API (v1): thin views over the desk's own access helpers, selectors and services."""

from __future__ import annotations

from typing import Any, cast

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import PermissionDenied
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, User
from madoguchi.accounts.roles import Action
from madoguchi.api import serializers as s
from madoguchi.cases import selectors as case_selectors
from madoguchi.cases import services as case_services
from madoguchi.cases.access import access_case, visible_cases
from madoguchi.cases.forms import consulter_data
from madoguchi.core.errors import DomainError, NotPermitted
from madoguchi.intake.forms import ConsultationForm
from madoguchi.intake.services import web_form as intake_services
from madoguchi.knowledge import faq_selectors
from madoguchi.referrals import selectors as referral_selectors
from madoguchi.triage import services as triage_services

# Path parameters as the URL patterns accept them (and the schema states them, so clients and fuzzers know).
REFERENCE = "[0-9A-Za-z-]{1,32}"
CODE = "[-a-zA-Z0-9_]{1,64}"
_REFERENCE_PARAM = OpenApiParameter("reference", str, OpenApiParameter.PATH, required=True, pattern=f"^{REFERENCE}$")
_CODE_PARAM = OpenApiParameter("code", str, OpenApiParameter.PATH, required=True, pattern=f"^{CODE}$")
FAQ_ID = "[0-9]{1,18}"
_ID_PARAM = OpenApiParameter("id", str, OpenApiParameter.PATH, required=True, pattern=f"^{FAQ_ID}$")

# Every error is JSON in one shape (madoguchi/api/errors.py), also those Django answers outside the views.
_ERRORS = {
    401: OpenApiResponse(s.ErrorSerializer, description="No, invalid or revoked token"),
    403: OpenApiResponse(s.ErrorSerializer, description="The token's role may not do this"),
    405: OpenApiResponse(s.ErrorSerializer, description="Method not allowed"),
    429: OpenApiResponse(s.ErrorSerializer, description="Over the rate limit (MADOGUCHI_API_RATE)"),
    500: OpenApiResponse(s.ErrorSerializer, description="Unexpected error; quote the reference"),
}
_NOT_FOUND = {404: OpenApiResponse(s.ErrorSerializer, description="Missing or not visible to this token")}
# Writes: a body over DATA_UPLOAD_MAX_MEMORY_SIZE, and read-only mode while the data dir is full (ADR 0036).
_WRITE_ERRORS = {
    413: OpenApiResponse(s.ErrorSerializer, description="Request body too large"),
    507: OpenApiResponse(
        s.ErrorSerializer,
        description='Read-only mode: the data dir is full, nothing was saved (code "read_only"); retry later',
    ),
}
_INVALID = {400: OpenApiResponse(description="Field errors: {field: [messages]}")}


def _user(request: Request) -> User:
    return cast(User, request.user)


def _require(request: Request, action: Action) -> None:
    if not _user(request).can(action):
        raise PermissionDenied(_("この操作を行う権限がありません。"))


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200


@extend_schema(
    methods=["GET"],
    operation_id="consultations_list",
    parameters=[
        OpenApiParameter("limit", int, description="1-200 (default 50)"),
        OpenApiParameter("offset", int),
    ],
    responses={200: s.ConsultationPageSerializer, **_ERRORS},
)
@extend_schema(
    methods=["POST"],
    operation_id="consultations_create",
    request=s.ConsultationCreateSerializer,
    responses={201: s.ConsultationCreatedSerializer, **_INVALID, **_ERRORS, **_WRITE_ERRORS},
)
@api_view(["GET", "POST"])
def consultations(request: Request) -> Response:
    if request.method == "POST":
        return _create(request)
    _require(request, Action.CASE_VIEW)
    qs = visible_cases(user=_user(request)).order_by("-received_at", "-id")
    paginator = Pagination()
    page = paginator.paginate_queryset(qs, request)
    return paginator.get_paginated_response(s.ConsultationSummarySerializer(page, many=True).data)


def _create(request: Request) -> Response:
    """A partner organisation's form: validated by the public form and saved by the same intake service."""
    _require(request, Action.CASE_CREATE)
    payload = s.ConsultationCreateSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    data = dict(payload.validated_data)
    consent = data.pop("consent")
    form = ConsultationForm(data={**data, **({"consent": "on"} if consent else {})})
    if not form.is_valid():
        return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
    cleaned = form.cleaned_data
    with transaction.atomic():
        organization, person = consulter_data(cleaned)
        case = intake_services.submit_web_consultation(
            data=intake_services.WebConsultation(body=cleaned["body"], organization=organization, person=person),
            files=[],
        )
        audit.record(action=AuditAction.CREATE, actor=_user(request), request=request._request, target=case)
    return Response({"reference": case.reference}, status=status.HTTP_201_CREATED)


@extend_schema(
    operation_id="consultations_retrieve",
    parameters=[_REFERENCE_PARAM],
    responses={200: s.ConsultationDetailSerializer, **_ERRORS, **_NOT_FOUND},
)
@api_view(["GET"])
def consultation(request: Request, reference: str) -> Response:
    case = access_case(user=_user(request), reference=reference)
    audit.record(action=AuditAction.VIEW_PERSONAL_DATA, actor=_user(request), request=request._request, target=case)
    data: dict[str, Any] = dict(s.ConsultationDetailSerializer(case).data)
    data["events"] = s.EventSerializer(case_selectors.timeline(case=case), many=True).data
    return Response(data)


@extend_schema(
    operation_id="consultations_notes_create",
    parameters=[_REFERENCE_PARAM],
    request=s.NoteSerializer,
    responses={201: s.NoteSerializer, **_INVALID, **_ERRORS, **_NOT_FOUND, **_WRITE_ERRORS},
)
@api_view(["POST"])
def consultation_note(request: Request, reference: str) -> Response:
    payload = s.NoteSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    kind = payload.validated_data["kind"]
    action = Action.CASE_RESEARCH if kind == "research" else Action.CASE_EDIT
    with transaction.atomic():
        case = access_case(user=_user(request), reference=reference, action=action)
        try:
            case_services.case_add_note(actor=_user(request), case=case, kind=kind, text=payload.validated_data["text"])
        except NotPermitted as exc:
            raise PermissionDenied(str(exc)) from exc
        except DomainError as exc:
            return Response({exc.field or "text": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
    return Response(payload.data, status=status.HTTP_201_CREATED)


@extend_schema(
    operation_id="triage_create",
    request=s.TriageRequestSerializer,
    responses={
        200: s.TriageResultSerializer,
        **_INVALID,
        **_ERRORS,
        413: _WRITE_ERRORS[413],
        503: OpenApiResponse(s.ErrorSerializer, description="No triage model trained yet"),
    },
)
@api_view(["POST"])
def triage(request: Request) -> Response:
    _require(request, Action.CASE_TRIAGE)
    payload = s.TriageRequestSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    try:
        result = triage_services.suggest_text(text=payload.validated_data["text"])
    except triage_services.NoModelError:
        return Response(
            {"detail": _("振り分け支援のモデルがまだありません。"), "code": "no_model"},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
    return Response(s.TriageResultSerializer(result.as_json()).data)


@extend_schema(
    operation_id="directory_list",
    parameters=[OpenApiParameter("q", str, description="Search words")],
    responses={200: s.DirectoryEntrySerializer(many=True), **_ERRORS},
)
@api_view(["GET"])
def directory(request: Request) -> Response:
    _require(request, Action.CASE_VIEW)
    rows = referral_selectors.organizations(query=str(request.query_params.get("q", "")), public_only=True)
    return Response(s.DirectoryEntrySerializer(rows, many=True).data)


@extend_schema(
    operation_id="directory_retrieve",
    parameters=[_CODE_PARAM],
    responses={200: s.DirectoryEntrySerializer, **_ERRORS, **_NOT_FOUND},
)
@api_view(["GET"])
def directory_entry(request: Request, code: str) -> Response:
    _require(request, Action.CASE_VIEW)
    entry = referral_selectors.organization(code=code)
    if not (entry.public and entry.verified):
        raise Http404
    return Response(s.DirectoryEntrySerializer(entry).data)


def _public_faqs() -> Any:
    # The public site's own selector: only reviewed, published, public entries.
    return faq_selectors.public_faqs().prefetch_related("referrals").order_by("title", "pk")


@extend_schema(operation_id="faq_list", responses={200: s.FaqSerializer(many=True), **_ERRORS})
@api_view(["GET"])
def faq_list(request: Request) -> Response:
    _require(request, Action.CASE_VIEW)
    return Response(s.FaqSerializer(_public_faqs(), many=True).data)


@extend_schema(
    operation_id="faq_retrieve", parameters=[_ID_PARAM], responses={200: s.FaqSerializer, **_ERRORS, **_NOT_FOUND}
)
@api_view(["GET"])
def faq_entry(request: Request, id: int) -> Response:
    _require(request, Action.CASE_VIEW)
    faq = _public_faqs().filter(pk=id).first()
    if faq is None:
        raise Http404
    return Response(s.FaqSerializer(faq).data)
