"""The API's error answers: one JSON shape for every refusal, whether DRF, the data dir guard or Django made it.

`{"detail": "<Japanese message>", "code": "<machine-readable>"}`, plus `"reference"` on 500 and 507 (a fault on our
side to quote to an operator); field errors (400) stay `{field: [messages]}`. Django's own error handlers give the
same shape under /api/ (core.error_views), so a URL no view matched, a too large body, a crash and a full disk
answer in JSON too."""

from __future__ import annotations

import logging
from typing import Any

from rest_framework import exceptions
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from madoguchi.core import datadir
from madoguchi.core.middleware import read_only_message, request_reference

logger = logging.getLogger("madoguchi.errors")

# POSTs that write nothing (a triage suggestion is computed, not stored): open in read-only mode, like login is
# for the staff desk.
READ_ONLY_ALLOWED_VIEWS = frozenset({"api:triage"})


class ReadOnlyMode(exceptions.APIException):
    status_code = 507
    default_code = "read_only"

    def __init__(self) -> None:
        super().__init__(read_only_message(), "read_only")


class DataDirWritable(BasePermission):
    """Read-only mode (core.datadir) for the API: writes are refused with 507 before the view, after
    authentication (an unknown caller gets 401 first); reads go on."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        match = request._request.resolver_match
        if match is not None and match.view_name in READ_ONLY_ALLOWED_VIEWS:
            return True
        if datadir.storage_state().read_only:
            raise ReadOnlyMode
        return True


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # Imported here: this module is named in REST_FRAMEWORK settings, which rest_framework.views reads at import.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None:
        # Not DRF's to answer (a crash, a full disk): Django's handlers answer in the same shape.
        return None
    data = response.data
    if isinstance(data, dict) and set(data) == {"detail"} and isinstance(data["detail"], str):
        code = getattr(data["detail"], "code", None) or "error"
        # No reference here (it is in the X-Request-Reference header): a missing and a hidden object must give
        # the same body.
        response.data = {"detail": str(data["detail"]), "code": code}
        request = context.get("request")
        if response.status_code >= 500 and request is not None:
            reference = request_reference(request._request)
            response.data["reference"] = reference
            if isinstance(exc, ReadOnlyMode):
                logger.warning("read-only mode: refused %s %s, reference %s", request.method, request.path, reference)
    return response
