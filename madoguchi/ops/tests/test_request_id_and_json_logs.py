"""Every log line is one JSON object with the request id; the id is in the response and on error pages;
passwords and tokens never reach the log."""

from __future__ import annotations

import io
import json
import logging

import pytest

from madoguchi.ops.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db

PASSWORD = "Very-Secret-Passw0rd-4711"


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]

    lines.raw = stream  # type: ignore[attr-defined]
    yield lines
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_a_logged_request_carries_its_id_on_every_line(anonymous, log_lines):
    response = anonymous.get("/no-such-page/")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert request_id and request_id in response.content.decode(), "the 404 page shows the id"
    entries = log_lines()
    assert entries, "Django logs the 404"
    assert all(entry["request_id"] == request_id for entry in entries)
    assert {"time", "level", "logger", "message"} <= set(entries[0])


def test_the_staff_404_page_shows_the_request_id(client_for, tier1_staff):
    response = client_for(tier1_staff).get("/staff/cases/999999999/")
    assert response.status_code == 404
    assert response["X-Request-ID"] in response.content.decode()


def test_a_trusted_proxys_request_id_is_kept(anonymous, settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 1
    response = anonymous.get("/healthz", HTTP_X_REQUEST_ID="lb-0123456789abcdef")
    assert response["X-Request-ID"] == "lb-0123456789abcdef"


def test_a_request_id_from_an_untrusted_client_or_malformed_is_replaced(anonymous, settings):
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 0
    assert anonymous.get("/healthz", HTTP_X_REQUEST_ID="lb-0123456789abcdef")["X-Request-ID"] != "lb-0123456789abcdef"
    settings.MADOGUCHI_TRUSTED_PROXY_COUNT = 1
    forged = 'x" , "level": "INFO\n'
    assert anonymous.get("/healthz", HTTP_X_REQUEST_ID=forged)["X-Request-ID"] != forged


def test_a_password_posted_to_login_never_reaches_the_log(anonymous, tier1_staff, log_lines):
    from django.urls import reverse

    anonymous.post(reverse("accounts:login"), {"username": "tier1", "password": PASSWORD})
    anonymous.post("/staff/", {"password": PASSWORD, "csrfmiddlewaretoken": "tok-abcdef123456"})
    text = log_lines.raw.getvalue()
    assert text, "the failed login and the refused POST are logged"
    assert PASSWORD not in text
    assert "tok-abcdef123456" not in text


def test_secrets_in_a_log_message_are_redacted(log_lines):
    logging.getLogger("madoguchi.test").warning("retry with password=%s token: %s", PASSWORD, "abc-TOKEN-1")
    entry = log_lines()[-1]
    assert PASSWORD not in entry["message"] and "abc-TOKEN-1" not in entry["message"]
    assert "[REDACTED]" in entry["message"]


def test_request_id_outside_a_request_is_empty(log_lines):
    logging.getLogger("madoguchi.test").info("worker line")
    assert log_lines()[-1]["request_id"] == ""
