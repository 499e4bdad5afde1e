"""CSV export of the case list: what the list shows, for Excel, formula-safe, audited, permission-filtered."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.cases import export
from madoguchi.cases.choices import Channel
from madoguchi.cases.models import Case
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db

HEADER = ["受付番号", "緊急度", "件名", "相談区分", "組織", "状態", "担当者", "受付日時", "受付経路"]


def _export(client, **params):
    response = client.get(reverse("cases:list_export"), params)
    assert response.status_code == 200
    raw = b"".join(response.streaming_content)
    return response, raw


def _rows(raw):
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_export_is_utf8_with_bom_crlf_and_the_list_columns(client_for, tier1_staff):
    case = make_case(actor=tier1_staff, channel=Channel.WEB, subject="不審なメール")
    response, raw = _export(client_for(tier1_staff))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="cases-')
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 2
    assert b"\n" not in raw.replace(b"\r\n", b"")
    rows = _rows(raw)
    assert rows[0] == HEADER
    assert rows[1][0] == case.reference
    assert rows[1][2] == "不審なメール"
    assert rows[1][8] == "Webフォーム"


def test_export_has_no_consultation_body(client_for, tier1_staff):
    make_case(actor=tier1_staff, body="本文に書かれた秘密のパスワード hunter2")
    _response, raw = _export(client_for(tier1_staff))
    assert "hunter2" not in raw.decode("utf-8-sig")


@pytest.mark.parametrize("subject", ['=HYPERLINK("http://example.com")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_cells_that_excel_would_run_as_formulas_are_escaped(client_for, tier1_staff, subject):
    case = make_case(actor=tier1_staff, org_name="=1+1 株式会社")
    # Stored verbatim, as mail intake may (the intake form strips surrounding whitespace).
    Case.objects.filter(pk=case.pk).update(subject=subject)
    _response, raw = _export(client_for(tier1_staff))
    row = _rows(raw)[1]
    assert row[2] == "'" + subject
    assert row[4] == "'=1+1 株式会社"


def test_export_follows_the_filters_and_sort_on_screen(client_for, tier1_staff):
    a = make_case(actor=tier1_staff, channel=Channel.WEB, subject="B 件名")
    b = make_case(actor=tier1_staff, channel=Channel.WEB, subject="A 件名", email="b@example.jp")
    make_case(actor=tier1_staff, channel=Channel.PHONE, subject="C 件名", email="c@example.jp")
    client = client_for(tier1_staff)
    params = {"channel": "web", "sort": "subject", "page": "2"}
    _response, raw = _export(client, **params)
    listed = client.get(reverse("cases:list"), {"channel": "web", "sort": "subject"}).context["page"].object_list
    assert [r[0] for r in _rows(raw)[1:]] == [c.reference for c in listed] == [b.reference, a.reference]


def test_export_is_audited_with_the_filters(client_for, tier1_staff):
    make_case(actor=tier1_staff)
    _export(client_for(tier1_staff), channel="web", sort="-subject")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == tier1_staff
    assert event.detail == {
        "what": "case_list",
        "filters": {"channel": "web", "sort": "-subject"},
        "rows": 0,
        "capped": False,
        # Nothing matched, so the asked sort was honoured.
        "sort": "-subject",
        "sort_refused": "",
    }


def test_tier1_does_not_export_cases_it_cannot_see(client_for, tier1_staff, other_tier1_staff, manager):
    hidden = dispatched_case(tier1=other_tier1_staff, subject="見えない案件")
    mine = make_case(actor=tier1_staff, subject="見える案件", email="b@example.jp")
    _response, raw = _export(client_for(tier1_staff), include_closed="on")
    refs = [r[0] for r in _rows(raw)[1:]]
    assert mine.reference in refs
    assert hidden.reference not in refs
    _response, raw = _export(client_for(manager), include_closed="on")
    assert hidden.reference in [r[0] for r in _rows(raw)[1:]]


def test_export_stops_at_the_cap_and_the_list_says_so(client_for, tier1_staff, monkeypatch):
    for i in range(4):
        make_case(actor=tier1_staff, subject=f"件名{i}", email=f"p{i}@example.jp", phone=f"03-0000-{i:04d}")
    monkeypatch.setattr(export, "EXPORT_CAP", 3)
    client = client_for(tier1_staff)
    _response, raw = _export(client)
    assert len(_rows(raw)) == 1 + 3
    assert AuditEvent.objects.get(action=AuditAction.EXPORT).detail["capped"] is True
    assert "出力は先頭の 3 件までです。" in client.get(reverse("cases:list")).content.decode()


def _count_export_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        _export(client)
    return len(ctx.captured_queries)


def test_export_query_count_does_not_grow_with_the_number_of_cases(client_for, tier1_staff, manager, tier2_staff):
    def seed(start, n):
        for i in range(start, start + n):
            dispatched_case(
                tier1=tier1_staff, org_name=f"合同会社テスト{i}", email=f"q{i}@example.jp", phone=f"03-1111-{i:04d}"
            )

    seed(0, 3)
    client = client_for(manager)
    few = _count_export_queries(client)
    seed(3, 20)
    assert _count_export_queries(client) == few
