"""Every outreach staff page, filled with the demo data, passes axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from madoguchi.accounts.roles import Role
from madoguchi.outreach import demo
from madoguchi.outreach.models import GuidebookRequest, Material, OutreachEvent
from madoguchi.testing.factories import UserFactory
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_outreach_pages_have_no_axe_violations(page: Page, live_server, login, shot, second_factor_optional):
    users = {
        Role.FRONT: UserFactory(username="front-a11y", role=Role.FRONT),
        Role.BACK: UserFactory(username="back-a11y", role=Role.BACK),
    }
    demo.seed(users=users)
    UserFactory(username="manager-a11y", role=Role.MANAGER)
    login(page, "manager-a11y")
    request = GuidebookRequest.objects.order_by("id").first()
    event = OutreachEvent.objects.filter(kind="seminar").first()
    material = Material.objects.first()
    assert request and event and material
    paths = [
        "/staff/outreach/requests/",
        "/staff/outreach/requests/?status=all",
        "/staff/outreach/requests/new/",
        f"/staff/outreach/requests/{request.reference}/",
        "/staff/outreach/editions/",
        "/staff/outreach/events/",
        "/staff/outreach/events/new/seminar/",
        "/staff/outreach/events/new/onsite/",
        f"/staff/outreach/events/{event.pk}/",
        "/staff/outreach/materials/",
        f"/staff/outreach/materials/{material.pk}/",
        "/staff/",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/staff/outreach/requests/")
    shot(page, "outreach_shipping_list")
