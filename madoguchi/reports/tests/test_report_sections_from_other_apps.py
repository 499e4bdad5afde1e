"""Other apps add report sections, retention types and handbook chapters through a report_hooks module.

The contributions tested here are the real ones: outreach (mailings, events, guidebook request retention),
casebook (know-how reports) and knowledge (FAQ).
"""

import datetime as dt

import pytest

from madoguchi.outreach.models import EventKind, GuidebookRequest, OutreachEvent, RequestStatus
from madoguchi.outreach.report_hooks import REMOVED
from madoguchi.outreach.tests.helpers import make_edition, make_request
from madoguchi.reports import handbook
from madoguchi.reports.registry import Period
from madoguchi.reports.retention import record_types
from madoguchi.reports.sections import build_report, default_period
from madoguchi.reports.services import apply_retention
from madoguchi.reports.tests.helpers import at

pytestmark = pytest.mark.django_db

NOVEMBER = Period(start=dt.date(2026, 10, 1), end=dt.date(2026, 11, 1))


def _shipped(request, *, on):
    GuidebookRequest.objects.filter(pk=request.pk).update(status=RequestStatus.SHIPPED, shipped_on=on)


def _event(kind, *, when, participants):
    return OutreachEvent.objects.create(
        kind=kind,
        topic="ランサムウェア対策入門",
        starts_at=when,
        organiser="当窓口",
        venue="架空会館",
        participants=participants,
    )


def test_guidebook_requests_and_copies_shipped_per_month(tier1_staff):
    edition = make_edition(stock=500)
    october = make_request(actor=tier1_staff, edition=edition, copies=3)
    GuidebookRequest.objects.filter(pk=october.pk).update(received_at=at(2026, 10, 28))
    _shipped(october, on=dt.date(2026, 11, 2))
    for copies in (5, 7):
        request = make_request(actor=tier1_staff, edition=edition, copies=copies)
        GuidebookRequest.objects.filter(pk=request.pk).update(received_at=at(2026, 11, 5))
        _shipped(request, on=dt.date(2026, 11, 9))
    waiting = make_request(actor=tier1_staff, edition=edition, copies=10)
    GuidebookRequest.objects.filter(pk=waiting.pk).update(received_at=at(2026, 11, 30))
    (table,) = build_report(NOVEMBER, only="guidebook_mailings")
    assert table.rows == [["2026-10", 1, 0, 0], ["2026-11", 3, 3, 15]]  # the 10 copies still waiting are not shipped
    assert table.numeric_columns == frozenset({1, 2, 3})
    assert table.chart.values == [0, 15]
    assert table.chart.unit == "部"


def test_seminars_and_onsite_visits_with_participants_per_month(tier1_staff):
    _event(EventKind.SEMINAR, when=at(2026, 11, 5), participants=40)
    _event(EventKind.SEMINAR, when=at(2026, 11, 20), participants=45)
    _event(EventKind.SEMINAR, when=at(2026, 11, 25), participants=None)
    _event(EventKind.ONSITE, when=at(2026, 11, 12), participants=3)
    _event(EventKind.ONSITE, when=at(2026, 10, 1), participants=2)
    _event(EventKind.SEMINAR, when=at(2026, 12, 1), participants=99)
    (table,) = build_report(NOVEMBER, only="outreach_events")
    assert table.rows == [["2026-10", 0, 0, 1, 2], ["2026-11", 3, 85, 1, 3]]
    assert table.chart.values == [2, 88]


def test_guidebook_request_personal_data_goes_after_its_period_and_the_statistics_stay(tier1_staff):
    assert "guidebook_request" in [t.key for t in record_types()]
    edition = make_edition(stock=500)
    old = make_request(actor=tier1_staff, edition=edition, copies=4)
    GuidebookRequest.objects.filter(pk=old.pk).update(received_at=at(2024, 11, 1))
    _shipped(old, on=dt.date(2024, 11, 5))
    recent = make_request(actor=tier1_staff, edition=edition, copies=2)
    _shipped(recent, on=dt.date.today())
    pending = make_request(actor=tier1_staff, edition=edition, copies=1)
    GuidebookRequest.objects.filter(pk=pending.pk).update(received_at=at(2024, 11, 1))

    assert apply_retention(actor=None, dry_run=True).counts["guidebook_request"] == 1
    assert GuidebookRequest.objects.get(pk=old.pk).person_name == "架空 花子"
    assert apply_retention(actor=None, dry_run=False).counts["guidebook_request"] == 1
    assert apply_retention(actor=None, dry_run=False).counts["guidebook_request"] == 0

    old.refresh_from_db()
    assert (old.person_name, old.department, old.address, old.postal_code, old.phone, old.email) == (
        REMOVED,
        "",
        "",
        "",
        "",
        "",
    )
    assert (old.copies, old.shipped_on, old.status, old.prefecture) == (4, dt.date(2024, 11, 5), "shipped", "東京都")
    for kept in (recent, pending):
        kept.refresh_from_db()
        assert kept.person_name == "架空 花子"
        assert kept.email == "hanako@sample-shoji.example.jp"
    (table,) = build_report(Period(start=dt.date(2024, 11, 1), end=dt.date(2024, 11, 1)), only="guidebook_mailings")
    assert table.rows == [["2024-11", 2, 1, 4]]


def test_the_faq_chapter_of_knowledge_joins_the_handbook_after_the_playbooks():
    keys = [c.key for c in handbook.build().chapters]
    assert keys.index("faq") == keys.index("playbooks") + 1


def test_the_desks_own_sections_then_those_of_other_apps():
    assert [t.key for t in build_report(default_period())] == [
        "monthly_total",
        "by_category",
        "by_channel",
        "by_industry",
        "by_employee_band",
        "by_area",
        "response_times",
        "callbacks",
        "top_faq_used",  # madoguchi/knowledge/report_hooks.py
        "guidebook_mailings",  # madoguchi/outreach/report_hooks.py
        "outreach_events",
        "knowhow_reports",  # madoguchi/casebook/report_hooks.py
    ]


def test_the_dashboard_and_the_monthly_pdf_show_the_outreach_sections(client_for, manager, tier1_staff, tmp_path):
    import subprocess

    from django.core.management import call_command
    from django.urls import reverse

    _event(EventKind.SEMINAR, when=at(2026, 11, 5), participants=41)
    body = (
        client_for(manager).get(reverse("reports:dashboard"), {"start": "2026-11", "end": "2026-11"}).content.decode()
    )
    assert "ガイドブック送付依頼と発送部数（月別）" in body
    assert "セミナー・出張相談の回数と参加者数（月別）" in body
    assert "今月のノウハウ報告書（2026-11）" in body
    output = tmp_path / "report.pdf"
    call_command("monthly_report", "--month", "2026-11", "--output", str(output))
    text = subprocess.run(["pdftotext", "-layout", str(output), "-"], capture_output=True, check=True, text=True).stdout
    assert "ガイドブック送付依頼と発送部数（月別）" in text
    assert "2026-11" in text and "41" in text
