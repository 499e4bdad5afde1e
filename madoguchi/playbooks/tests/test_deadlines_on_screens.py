"""Deadlines on the case screen and the dashboard; awareness time and flags from the panel; filing stops a clock."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.cases import services as case_services
from madoguchi.cases.choices import EventKind
from madoguchi.playbooks import services
from madoguchi.playbooks.models import CaseClockFacts, ClockFiling

pytestmark = pytest.mark.django_db

LEAK = {"personal_data": True, "ppc_reportable": True}


def _aware(case, actor, when):
    return case_services.case_update_intake(actor=actor, case=case, expected_version=case.version, aware_at=when)


def test_panel_asks_for_aware_at_and_the_form_records_it(client_for, tier1_staff, leak_case, playbook_data):
    client = client_for(tier1_staff)
    page = client.get(reverse("cases:detail", args=[leak_case.reference])).content.decode()
    assert 'id="aware-at-missing"' in page
    response = client.post(
        reverse("playbooks:aware_at", args=[leak_case.reference]),
        {"aware-version": leak_case.version, "aware-aware_at": "2026-11-27T18:00"},
    )
    assert response.status_code == 302
    leak_case.refresh_from_db()
    assert timezone.localtime(leak_case.aware_at).strftime("%Y-%m-%d %H:%M") == "2026-11-27 18:00"
    assert leak_case.events.filter(kind=EventKind.EDIT).exists()


def test_stale_version_in_the_aware_at_form_is_refused(client_for, tier1_staff, leak_case, playbook_data):
    response = client_for(tier1_staff).post(
        reverse("playbooks:aware_at", args=[leak_case.reference]),
        {"aware-version": leak_case.version - 1, "aware-aware_at": "2026-11-27T18:00"},
    )
    assert response.status_code == 400
    leak_case.refresh_from_db()
    assert leak_case.aware_at is None


def test_flags_form_records_flags_and_case_shows_deadlines(client_for, tier2_staff, leak_case, playbook_data):
    client = client_for(tier2_staff)
    response = client.post(
        reverse("playbooks:facts", args=[leak_case.reference]),
        {"facts-personal_data": "on", "facts-ppc_reportable": "on", "facts-unlawful_purpose": "on"},
    )
    assert response.status_code == 302
    facts = CaseClockFacts.objects.get(case=leak_case)
    assert facts.flags["unlawful_purpose"] is True and facts.flags["eu_residents"] is False
    assert leak_case.events.filter(kind=EventKind.PLAYBOOK, data__event="clock_facts").exists()
    _aware(leak_case, tier2_staff, timezone.now() - dt.timedelta(days=10))
    page = client.get(reverse("cases:detail", args=[leak_case.reference])).content.decode()
    assert "個人情報保護委員会への確報（不正目的のおそれ）" in page
    assert "clock-overdue" in page  # 速報 (5 days) is 10 days old: shown in red
    assert "あと" in page  # 60-day 確報 still running, with its remaining time


def test_dashboard_lists_approaching_and_overdue_clocks_of_visible_cases_only(
    client_for, tier1_staff, other_tier1_staff, tier2_staff, leak_case, playbook_data
):
    services.clock_facts_update(actor=tier2_staff, case=leak_case, flags=LEAK, incident_at=None)
    _aware(leak_case, tier2_staff, timezone.now() - dt.timedelta(days=4))
    page = client_for(tier2_staff).get(reverse("cases:dashboard")).content.decode()
    assert 'id="legal-clocks"' in page
    assert leak_case.reference in page and "個人情報保護委員会への速報" in page
    # 確報 is 26 days away: outside the dashboard's horizon.
    assert "個人情報保護委員会への確報" not in page
    # Someone who cannot see the case does not see its clocks.
    other = client_for(other_tier1_staff).get(reverse("cases:dashboard")).content.decode()
    assert leak_case.reference not in other


def test_marking_a_report_filed_stops_the_clock(client_for, tier2_staff, tier1_staff, leak_case, playbook_data):
    services.clock_facts_update(actor=tier2_staff, case=leak_case, flags=LEAK, incident_at=None)
    _aware(leak_case, tier2_staff, timezone.now() - dt.timedelta(days=6))
    url = reverse("playbooks:filed", args=[leak_case.reference, "appi_preliminary_report"])
    assert client_for(tier1_staff).post(url, {"filed-note": "x"}).status_code == 403
    response = client_for(tier2_staff).post(url, {"filed-note": "受付番号 0000（架空）"})
    assert response.status_code == 302
    filing = ClockFiling.objects.get(case=leak_case, clock_code="appi_preliminary_report")
    assert filing.recorded_by == tier2_staff
    event = leak_case.events.get(kind=EventKind.PLAYBOOK, data__event="clock_filed")
    assert "受付番号 0000" in event.text
    dashboard = client_for(tier2_staff).get(reverse("cases:dashboard")).content.decode()
    assert "個人情報保護委員会への速報" not in dashboard
    # Filing twice is refused.
    assert client_for(tier2_staff).post(url, {}).status_code == 400


def test_filing_an_unknown_clock_or_a_future_time_is_refused(client_for, tier2_staff, leak_case, playbook_data):
    client = client_for(tier2_staff)
    unknown = reverse("playbooks:filed", args=[leak_case.reference, "no_such_clock"])
    assert client.post(unknown, {}).status_code == 400
    url = reverse("playbooks:filed", args=[leak_case.reference, "appi_preliminary_report"])
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, {"filed-filed_at": future}).status_code == 400
    assert not ClockFiling.objects.exists()
