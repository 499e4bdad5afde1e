"""Starting a playbook on a case copies the template's items into a run."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.cases.choices import EventKind
from madoguchi.core.errors import DomainError, NotPermitted
from madoguchi.playbooks import services
from madoguchi.playbooks.models import PlaybookRun

pytestmark = pytest.mark.django_db


def test_start_copies_every_item_of_the_template(tier2_staff, leak_case, leak_template):
    run = services.playbook_start(actor=tier2_staff, case=leak_case, template=leak_template)
    template_items = list(leak_template.items.order_by("position").values_list("code", "text", "who", "phase"))
    run_items = list(run.items.order_by("position").values_list("code", "text", "who", "phase"))
    assert run_items == template_items
    assert run.total_count == len(template_items) and run.done_count == 0
    assert (run.template_code, run.template_version) == ("leak_v1", 1)
    event = leak_case.events.filter(kind=EventKind.PLAYBOOK).get()
    assert event.data["event"] == "run_started" and event.actor == tier2_staff


def test_tier1_may_start_a_playbook_from_the_case_screen(client_for, tier1_staff, leak_case, leak_template):
    # The case went to tier 2, but tier 1 received it, so it is still visible to them.
    response = client_for(tier1_staff).post(
        reverse("playbooks:start", args=[leak_case.reference]), {"template": leak_template.pk}
    )
    assert response.status_code == 302
    assert PlaybookRun.objects.filter(case=leak_case, started_by=tier1_staff).count() == 1


def test_a_second_active_run_of_the_same_family_is_refused(client_for, tier2_staff, leak_case, leak_template):
    services.playbook_start(actor=tier2_staff, case=leak_case, template=leak_template)
    with pytest.raises(DomainError):
        services.playbook_start(actor=tier2_staff, case=leak_case, template=leak_template)
    response = client_for(tier2_staff).post(
        reverse("playbooks:start", args=[leak_case.reference]), {"template": leak_template.pk}
    )
    assert response.status_code == 400
    assert "すでに実施中" in response.content.decode()


def test_invalid_template_is_rejected(client_for, tier2_staff, leak_case, playbook_data):
    response = client_for(tier2_staff).post(
        reverse("playbooks:start", args=[leak_case.reference]), {"template": 999999}
    )
    assert response.status_code == 400
    assert not PlaybookRun.objects.exists()


def test_admin_cannot_start(admin_user, leak_case, leak_template):
    with pytest.raises(NotPermitted):
        services.playbook_start(actor=admin_user, case=leak_case, template=leak_template)
