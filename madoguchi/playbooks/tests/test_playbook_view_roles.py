"""Every playbook endpoint, every role, and anonymous: allowed or refused as documented in playbooks/rules.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.roles import Role
from madoguchi.playbooks import services
from madoguchi.playbooks.models import Phase
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

DESK = {Role.FRONT, Role.BACK, Role.MANAGER}
TIER2 = {Role.BACK, Role.MANAGER}
ALL = set(Role)


@pytest.fixture
def setup(tier2_staff, leak_case, leak_template):
    run = services.playbook_start(actor=tier2_staff, case=leak_case, template=leak_template)
    first = run.items.filter(phase=Phase.FIRST_RESPONSE).first()
    later = run.items.filter(phase=Phase.RECOVERY).first()
    ref = leak_case.reference
    return leak_case, {
        "templates": ("get", reverse("playbooks:templates"), ALL),
        "start": ("post", reverse("playbooks:start", args=[ref]), DESK),
        "aware_at": ("post", reverse("playbooks:aware_at", args=[ref]), DESK),
        "facts": ("post", reverse("playbooks:facts", args=[ref]), DESK),
        "filed": ("post", reverse("playbooks:filed", args=[ref, "appi_final_report"]), TIER2),
        "tick_first": ("post", reverse("playbooks:tick", args=[ref, run.pk, first.pk]), DESK),
        "tick_later": ("post", reverse("playbooks:tick", args=[ref, run.pk, later.pk]), TIER2),
        "print": ("get", reverse("playbooks:print", args=[ref, run.pk]), ALL),
        "pdf": ("get", reverse("playbooks:pdf", args=[ref, run.pk]), ALL),
        "mail": ("post", reverse("playbooks:mail", args=[ref, run.pk]), TIER2),
    }


ENDPOINTS = ["templates", "start", "aware_at", "facts", "filed", "tick_first", "tick_later", "print", "pdf", "mail"]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_role_may_use_endpoint_only_if_allowed(client_for, setup, role, endpoint):
    case, endpoints = setup
    method, url, allowed = endpoints[endpoint]
    user = UserFactory(username=f"user-{role}", role=role)
    if role == Role.FRONT:
        # Tier 1 sees a dispatched case only if they received it; make this user the receiver.
        type(case).objects.filter(pk=case.pk).update(created_by=user)
    client = client_for(user)
    response = client.get(url) if method == "get" else client.post(url, {})
    if role in allowed:
        assert response.status_code not in (401, 403, 404), (role, endpoint, response.status_code)
    else:
        assert response.status_code == 403, (role, endpoint, response.status_code)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_is_sent_to_login(anonymous, setup, endpoint):
    method, url, _allowed = setup[1][endpoint]
    response = anonymous.get(url) if method == "get" else anonymous.post(url, {})
    assert response.status_code == 302
    assert "/login" in response["Location"]
