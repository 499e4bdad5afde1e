"""Managers and admins browse and export the audit log; nobody can change it through the web."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditAction, AuditEvent, User

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
LOG_URL = reverse("accounts:audit_log")
EXPORT_URL = reverse("accounts:audit_log_export")


def _event(*, at: dt.datetime, action: str, username: str, actor: User | None = None, **kwargs) -> AuditEvent:
    event = audit.record(action=action, actor=actor, username=username, **kwargs)
    # `at` is set by the database on insert; back-dating it for a fixture has to bypass the append-only model
    # (and, on PostgreSQL, the append-only trigger, through its documented maintenance switch).
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL madoguchi.audit_maintenance = 'on'")
        AuditEvent.objects.filter(pk=event.pk).update(at=at)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL madoguchi.audit_maintenance = 'off'")
    event.refresh_from_db()
    return event


@pytest.fixture
def history(tier1_staff, tier2_staff) -> dict[str, AuditEvent]:
    return {
        # 23:30 on 24 November 2025 in Tokyo, which is still 24 November.
        "late_24th": _event(
            at=dt.datetime(2025, 11, 24, 23, 30, tzinfo=TOKYO), action=AuditAction.LOGIN, username="", actor=tier1_staff
        ),
        # 00:30 on 25 November in Tokyo is 24 November in UTC: the filter must use Tokyo days.
        "early_25th": _event(
            at=dt.datetime(2025, 11, 25, 0, 30, tzinfo=TOKYO),
            action=AuditAction.VIEW_PERSONAL_DATA,
            username="",
            actor=tier2_staff,
        ),
        "failed_25th": _event(
            at=dt.datetime(2025, 11, 25, 9, 0, tzinfo=TOKYO), action=AuditAction.LOGIN_FAILED, username="tier1"
        ),
        "on_26th": _event(
            at=dt.datetime(2025, 11, 26, 10, 0, tzinfo=TOKYO), action=AuditAction.LOGIN, username="", actor=tier2_staff
        ),
    }


def _listed(response) -> list[int]:
    return [e.pk for e in response.context["page"].object_list]


def _own_login(user: User) -> int:
    # client_for() logs in through Django's login(), which the audit log records like any other login.
    return AuditEvent.objects.get(actor=user, action=AuditAction.LOGIN).pk


def _csv_rows(response) -> tuple[str, list[list[str]]]:
    raw = b"".join(response.streaming_content)
    text = raw.decode("utf-8")
    return text, list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_manager_browses_the_log_newest_first(manager, client_for, history):
    response = client_for(manager).get(LOG_URL)

    assert response.status_code == 200
    expected = [_own_login(manager)] + [history[k].pk for k in ("on_26th", "failed_25th", "early_25th", "late_24th")]
    assert _listed(response) == expected
    assert "個人情報の閲覧" in response.content.decode()


def test_admin_can_browse_the_log(admin_user, client_for, history):
    response = client_for(admin_user).get(LOG_URL)

    assert response.status_code == 200
    assert _listed(response) == [_own_login(admin_user)] + [
        history[k].pk for k in ("on_26th", "failed_25th", "early_25th", "late_24th")
    ]


def test_filter_by_username(manager, client_for, history):
    response = client_for(manager).get(LOG_URL, {"username": "tier2"})

    assert _listed(response) == [history["on_26th"].pk, history["early_25th"].pk]


def test_filter_by_action(manager, client_for, history):
    response = client_for(manager).get(LOG_URL, {"action": AuditAction.LOGIN})

    assert _listed(response) == [_own_login(manager), history["on_26th"].pk, history["late_24th"].pk]


def test_filter_by_date_range_uses_tokyo_days(manager, client_for, history):
    response = client_for(manager).get(LOG_URL, {"date_from": "2025-11-25", "date_to": "2025-11-25"})

    assert _listed(response) == [history["failed_25th"].pk, history["early_25th"].pk]


def test_open_ended_date_range(manager, client_for, history):
    client = client_for(manager)

    assert _listed(client.get(LOG_URL, {"date_from": "2025-11-26"})) == [_own_login(manager), history["on_26th"].pk]
    assert _listed(client.get(LOG_URL, {"date_to": "2025-11-24"})) == [history["late_24th"].pk]


def test_invalid_filter_input_shows_an_error_and_does_not_crash(manager, client_for, history):
    response = client_for(manager).get(LOG_URL, {"date_from": "昨日", "action": "drop_table"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'class="error"' in response.content.decode()


def test_listing_query_count_does_not_grow_with_rows(manager, client_for, tier1_staff):
    client = client_for(manager)
    client.get(LOG_URL)  # warm the session and policy rows
    for _ in range(3):
        audit.record(action=AuditAction.LOGIN, actor=tier1_staff)
    with CaptureQueriesContext(connection) as few:
        client.get(LOG_URL)
    for _ in range(40):
        audit.record(action=AuditAction.LOGIN, actor=tier1_staff)
    with CaptureQueriesContext(connection) as many:
        client.get(LOG_URL)

    assert len(many) == len(few)


def test_export_is_utf8_with_bom_japanese_header_and_follows_the_filter(manager, client_for, history):
    response = client_for(manager).get(EXPORT_URL, {"username": "tier2", "date_from": "2025-11-25"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text, rows = _csv_rows(response)
    assert text.startswith("\ufeff日時,")
    assert rows[0][:3] == ["日時", "職員", "操作"]
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [
        ("2025-11-26 10:00:00", "tier2", "ログイン"),
        ("2025-11-25 00:30:00", "tier2", "個人情報の閲覧"),
    ]


def test_export_detail_column_is_json(manager, client_for, tier1_staff):
    audit.record(action=AuditAction.EXPORT, actor=tier1_staff, detail={"what": "cases", "件数": 3})

    _text, rows = _csv_rows(client_for(manager).get(EXPORT_URL, {"username": "tier1"}))

    assert json.loads(rows[1][-1]) == {"what": "cases", "件数": 3}


def test_export_neutralises_spreadsheet_formulas(manager, client_for):
    # Anyone can type a user name at the login page, so a failed login puts attacker text into the export.
    audit.record(action=AuditAction.LOGIN_FAILED, username='=HYPERLINK("https://evil.example.com","開く")')

    _text, rows = _csv_rows(client_for(manager).get(EXPORT_URL, {"action": AuditAction.LOGIN_FAILED}))

    cell = rows[1][1]
    assert cell == '\'=HYPERLINK("https://evil.example.com","開く")'
    assert not cell.startswith(("=", "+", "-", "@"))


def test_export_is_itself_audited(manager, client_for, history):
    client = client_for(manager)
    before = AuditEvent.objects.filter(action=AuditAction.EXPORT).count()

    response = client.get(EXPORT_URL, {"action": AuditAction.LOGIN, "date_to": "2025-12-31"})
    _text, rows = _csv_rows(response)

    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert exports.count() == before + 1
    event = exports.get()
    assert event.actor == manager
    assert event.detail["what"] == "audit_log"
    assert event.detail["filters"] == {"action": "login", "date_to": "2025-12-31"}
    assert event.ip_address == "127.0.0.1"
    # The filter asked for old logins only, so the export row itself is not in this file.
    assert [r[0] for r in rows[1:]] == ["2025-11-26 10:00:00", "2025-11-24 23:30:00"]


@pytest.mark.parametrize("url", [LOG_URL, EXPORT_URL])
def test_tier1_and_tier2_are_forbidden(tier1_staff, tier2_staff, client_for, url):
    for user in (tier1_staff, tier2_staff):
        assert client_for(user).get(url).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.parametrize("url", [LOG_URL, EXPORT_URL])
def test_anonymous_is_sent_to_login(anonymous, url):
    response = anonymous.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", [LOG_URL, EXPORT_URL])
def test_audit_urls_refuse_anything_but_reading(manager, client_for, history, method, url):
    client = client_for(manager)
    count = AuditEvent.objects.count()

    response = getattr(client, method)(url, {"id": history["late_24th"].pk})

    assert response.status_code in {403, 405}
    assert AuditEvent.objects.count() == count
    assert AuditEvent.objects.filter(pk=history["late_24th"].pk).exists()


def _all_routes(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    routes = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            routes += _all_routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            routes.append((prefix + str(entry.pattern), entry.name or ""))
    return routes


def test_the_only_audit_urls_are_the_read_only_list_and_export():
    audit_routes = {(route, name) for route, name in _all_routes(get_resolver()) if "audit" in route + name}

    assert audit_routes == {
        ("staff/accounts/audit/", "audit_log"),
        ("staff/accounts/audit/export.csv", "audit_log_export"),
    }
