"""Schemathesis fuzzes the API against its own OpenAPI description, in-process (WSGI): no 500s, every response
matches the schema. Bounded: a few examples per operation, so the whole run stays well under a minute."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from madoguchi.api import services
from madoguchi.api.tests.helpers import faq
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 12
POSITIVE_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def same_connection() -> Iterator[None]:
    # As Django's test client does: keep the test's transaction open across in-process WSGI requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz(settings, same_connection, tier2_staff):
    settings.MADOGUCHI_API_RATE = "100000/60"
    settings.MADOGUCHI_DESK_NOTIFY = []
    make_case(actor=tier2_staff)
    faq(author=tier2_staff)
    _token, raw = services.token_issue(actor=None, user=tier2_staff, name="fuzz")
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", WSGIHandler())
    return schema, {"Authorization": f"Token {raw}"}


def _run(schema, headers, mode: GenerationMode, checks) -> list[str]:
    seen: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        seen.append(operation.label)

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case):
            case.call_and_validate(headers=headers, checks=checks)

        call()
    return seen


def test_valid_requests_get_documented_responses(fuzz):
    schema, headers = fuzz
    seen = _run(schema, headers, GenerationMode.POSITIVE, POSITIVE_CHECKS)
    assert len(seen) == 9, seen
    assert {"GET /api/v1/faq/", "GET /api/v1/faq/{id}/"} <= set(seen)


def test_invalid_requests_never_cause_a_server_error(fuzz):
    schema, headers = fuzz
    _run(schema, headers, GenerationMode.NEGATIVE, [not_a_server_error])
