"""Ticking and unticking checklist items: actor, time, note, timeline events, audit, tier rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.cases.choices import EventKind
from madoguchi.playbooks import services
from madoguchi.playbooks.models import Phase, PlaybookRun, RunItemTick

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(tier2_staff, leak_case, leak_template):
    return services.playbook_start(actor=tier2_staff, case=leak_case, template=leak_template)


def _tick_url(run, item):
    return reverse("playbooks:tick", args=[run.case.reference, run.pk, item.pk])


def test_tick_then_untick_records_both_with_actor_time_and_events(client_for, tier2_staff, run):
    item = run.items.get(code="l_no_01")
    client = client_for(tier2_staff)
    response = client.post(_tick_url(run, item), {"done": "1", "note": "受付番号 PPC-0001（架空）"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done and item.done_by == tier2_staff and item.done_at is not None
    assert item.note == "受付番号 PPC-0001（架空）"
    assert PlaybookRun.objects.get(pk=run.pk).done_count == 1

    client.post(_tick_url(run, item), {"done": "0", "note": "提出前だったため戻す"})
    item.refresh_from_db()
    assert not item.done and item.done_at is None and item.done_by is None
    assert PlaybookRun.objects.get(pk=run.pk).done_count == 0

    ticks = list(RunItemTick.objects.filter(item=item).order_by("at", "id"))
    assert [(t.done, t.actor) for t in ticks] == [(True, tier2_staff), (False, tier2_staff)]
    events = list(run.case.events.filter(kind=EventKind.PLAYBOOK, data__item="l_no_01").order_by("at", "id"))
    assert [e.data["event"] for e in events] == ["item_ticked", "item_unticked"]
    assert all(e.actor == tier2_staff for e in events)
    assert "提出前だったため戻す" in events[1].text
    assert AuditEvent.objects.filter(target_type="playbooks.RunItem", target_id=str(item.pk)).count() == 2


def test_tier1_may_tick_first_response_but_not_later_phases(client_for, tier1_staff, run):
    client = client_for(tier1_staff)
    first = run.items.filter(phase=Phase.FIRST_RESPONSE).first()
    later = run.items.filter(phase=Phase.NOTIFICATION).first()
    assert client.post(_tick_url(run, first), {"done": "1"}).status_code == 302
    assert client.post(_tick_url(run, later), {"done": "1"}).status_code == 403
    later.refresh_from_db()
    assert not later.done


def test_admin_cannot_tick(client_for, admin_user, run):
    item = run.items.filter(phase=Phase.FIRST_RESPONSE).first()
    assert client_for(admin_user).post(_tick_url(run, item), {"done": "1"}).status_code == 403


def test_tier1_cannot_reach_a_run_of_a_case_they_cannot_see(client_for, other_tier1_staff, run):
    item = run.items.filter(phase=Phase.FIRST_RESPONSE).first()
    assert client_for(other_tier1_staff).post(_tick_url(run, item), {"done": "1"}).status_code == 404


def test_invalid_tick_input_is_rejected(client_for, tier2_staff, run):
    item = run.items.first()
    response = client_for(tier2_staff).post(_tick_url(run, item), {"done": "maybe"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert not item.done


def test_item_of_another_run_is_not_found(client_for, tier2_staff, tier1_staff, run, leak_template):
    from madoguchi.testing.factories import dispatched_case

    other_case = dispatched_case(tier1=tier1_staff, subject="別の漏えい相談")
    other_run = services.playbook_start(actor=tier2_staff, case=other_case, template=leak_template)
    foreign_item = other_run.items.first()
    url = reverse("playbooks:tick", args=[run.case.reference, run.pk, foreign_item.pk])
    assert client_for(tier2_staff).post(url, {"done": "1"}).status_code == 404
