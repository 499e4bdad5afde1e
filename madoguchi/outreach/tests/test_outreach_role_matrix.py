"""Role x action matrix for the outreach pages about one request, event or material (the rest are in cases')."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.accounts.roles import Action, Role
from madoguchi.accounts.testing_refusals import assert_page_follows_the_table, assert_sent_to_login
from madoguchi.outreach import services
from madoguchi.outreach.tests.helpers import make_edition, make_request
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# (url name, method, action, which object the URL names, status for a role the table allows)
ENDPOINTS = [
    ("outreach:request_detail", "get", Action.OUTREACH_VIEW, "request", 200),
    ("outreach:request_transition", "post", Action.GUIDEBOOK_MANAGE, "request", 400),
    ("outreach:edition_restock", "post", Action.GUIDEBOOK_STOCK, "edition", 400),
    ("outreach:event_create", "get", Action.OUTREACH_EDIT, "seminar_kind", 200),
    ("outreach:event_create", "post", Action.OUTREACH_EDIT, "seminar_kind", 400),
    ("outreach:event_create", "get", Action.OUTREACH_EDIT, "onsite_kind", 200),
    ("outreach:event_create", "post", Action.OUTREACH_EDIT, "onsite_kind", 400),
    ("outreach:event_detail", "get", Action.OUTREACH_VIEW, "event", 200),
    ("outreach:event_link", "post", Action.OUTREACH_EDIT, "event", 400),
    ("outreach:event_edit", "get", Action.OUTREACH_EDIT, "event", 200),
    ("outreach:event_edit", "post", Action.OUTREACH_EDIT, "event", 400),
    ("outreach:material_classify", "post", Action.OUTREACH_EDIT, "material", 302),
    ("outreach:material_detail", "get", Action.OUTREACH_VIEW, "material", 200),
    ("outreach:material_version_create", "post", Action.OUTREACH_EDIT, "material", 400),
    ("outreach:material_download", "get", Action.OUTREACH_VIEW, "version", 200),
]


@pytest.fixture
def objects(db, second_factor_optional):
    tier1 = UserFactory(username="matrix-front", role=Role.FRONT)
    tier2 = UserFactory(username="matrix-back", role=Role.BACK)
    edition = make_edition()
    request = make_request(actor=tier1, edition=edition)
    event = services.seminar_create(
        actor=tier2,
        data=services.EventData(topic="セミナー", starts_at=timezone.now(), organiser="当窓口", venue="会議室"),
    )
    material = services.material_create(
        actor=tier2, title="資料", kind="pdf", filename="a.pdf", data=PDF, change_note="初版"
    )
    return {
        "request": {"reference": request.reference},
        "edition": {"pk": edition.pk},
        "seminar_kind": {"kind": "seminar"},
        "onsite_kind": {"kind": "onsite"},
        "event": {"pk": event.pk},
        "material": {"pk": material.pk},
        "version": {"pk": material.versions.get().pk},
    }


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "method", "action", "obj", "allowed_status"), ENDPOINTS)
def test_role_may_use_endpoint_only_if_the_table_says_so(
    client_for, objects, role, name, method, action, obj, allowed_status
):
    client = client_for(UserFactory(username=f"user-{role}", role=role))
    url = reverse(name, kwargs=objects[obj])
    assert_page_follows_the_table(
        client, role=role, action=action, method=method, url=url, allowed_status=allowed_status
    )


@pytest.mark.parametrize(("name", "method", "action", "obj", "allowed_status"), ENDPOINTS)
def test_anonymous_sees_nothing(anonymous, objects, name, method, action, obj, allowed_status):
    assert_sent_to_login(anonymous, method=method, url=reverse(name, kwargs=objects[obj]))


def test_a_missing_request_is_the_same_404_for_everyone(client_for, objects):
    client = client_for(UserFactory(username="front-404", role=Role.FRONT))
    assert client.get("/staff/outreach/requests/GB-2000-99999/").status_code == 404
