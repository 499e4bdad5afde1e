"""Every outreach write service re-checks the actor's role (accounts.roles.PERMISSIONS) and writes nothing."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action, Role
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.outreach import services
from madoguchi.outreach.models import RequestSource, RequestStatus, ShippingMethod
from madoguchi.outreach.tests.helpers import make_edition, make_request, request_data
from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.testing.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Desk:
    tier1: User
    tier2: User
    manager: User
    admin: User

    def person(self, role: Role) -> User:
        return {Role.FRONT: self.tier1, Role.BACK: self.tier2, Role.MANAGER: self.manager, Role.ADMIN: self.admin}[role]


def _event() -> services.EventData:
    return services.EventData(topic="権限確認セミナー", starts_at=timezone.now(), organiser="当窓口", venue="会議室")


def _preparing(desk: Desk) -> Any:
    request = make_request(actor=desk.tier1, edition=make_edition())
    return services.guidebook_request_transition(actor=desk.tier1, request=request, to=RequestStatus.PREPARING)


def _material(desk: Desk) -> Any:
    return services.material_create(
        actor=desk.tier2, title="資料", kind="pdf", filename="a.pdf", data=PDF, change_note="初版"
    )


def _material_and_term(desk: Desk) -> Any:
    scheme = Scheme.objects.create(
        code="test-scheme", name="テスト分類", source_url="https://www.example.jp/", as_of=dt.date(2026, 1, 1)
    )
    return _material(desk), Term.objects.create(scheme=scheme, code="t1", label="基本対策")


def _seminar(desk: Desk) -> Any:
    return services.seminar_create(actor=desk.tier2, data=_event())


SERVICES: dict[str, tuple[Action, Callable[[Desk], Any], Callable[[User, Any, Desk], Any]]] = {
    "guidebook_request_create": (
        Action.GUIDEBOOK_MANAGE,
        lambda desk: make_edition(),
        lambda actor, edition, desk: services.guidebook_request_create(
            actor=actor, source=RequestSource.STAFF, data=request_data(edition=edition)
        ),
    ),
    "guidebook_request_transition": (
        Action.GUIDEBOOK_MANAGE,
        _preparing,
        lambda actor, request, desk: services.guidebook_request_transition(
            actor=actor,
            request=request,
            to=RequestStatus.SHIPPED,
            shipped_on=dt.date(2026, 12, 7),
            shipping_method=ShippingMethod.POST,
        ),
    ),
    "guidebook_requests_transition": (
        Action.GUIDEBOOK_MANAGE,
        _preparing,
        lambda actor, request, desk: services.guidebook_requests_transition(
            actor=actor, requests=[request], to=RequestStatus.RECEIVED
        ),
    ),
    "edition_create": (
        Action.GUIDEBOOK_STOCK,
        lambda desk: None,
        lambda actor, _none, desk: services.edition_create(
            actor=actor, name="新しい版", published_on=dt.date(2027, 4, 1), stock=10, low_stock_threshold=5
        ),
    ),
    "edition_restock": (
        Action.GUIDEBOOK_STOCK,
        lambda desk: make_edition(),
        lambda actor, edition, desk: services.edition_restock(actor=actor, edition=edition, added=100),
    ),
    "seminar_create": (
        Action.OUTREACH_EDIT,
        lambda desk: None,
        lambda actor, _none, desk: services.seminar_create(actor=actor, data=_event()),
    ),
    "event_update": (
        Action.OUTREACH_EDIT,
        _seminar,
        lambda actor, event, desk: services.event_update(actor=actor, event=event, data=_event()),
    ),
    "onsite_visit_record": (
        Action.OUTREACH_EDIT,
        lambda desk: None,
        lambda actor, _none, desk: services.onsite_visit_record(
            actor=actor,
            data=_event(),
            consultation=services.VisitConsultation(subject="訪問", body="相談内容", org_name="株式会社見本工業"),
        ),
    ),
    "event_link_case": (
        Action.OUTREACH_EDIT,
        lambda desk: (_seminar(desk), make_case(actor=desk.tier1)),
        lambda actor, state, desk: services.event_link_case(actor=actor, event=state[0], case=state[1]),
    ),
    "material_create": (
        Action.OUTREACH_EDIT,
        lambda desk: None,
        lambda actor, _none, desk: services.material_create(
            actor=actor, title="資料", kind="pdf", filename="a.pdf", data=PDF, change_note="初版"
        ),
    ),
    "material_version_add": (
        Action.OUTREACH_EDIT,
        _material,
        lambda actor, material, desk: services.material_version_add(
            actor=actor, material=material, filename="b.pdf", data=PDF + b"\n", change_note="改訂"
        ),
    ),
    "material_classify": (
        Action.OUTREACH_EDIT,
        _material_and_term,
        lambda actor, state, desk: services.material_classify(actor=actor, material=state[0], term=state[1]),
    ),
}


@pytest.fixture
def desk(tier1_staff, tier2_staff, manager, admin_user) -> Desk:
    return Desk(tier1=tier1_staff, tier2=tier2_staff, manager=manager, admin=admin_user)


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, desk):
    _action, setup, call = SERVICES[name]
    state = setup(desk)
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front():
        call(actor, state, desk)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_a_role_the_table_allows_gets_through_in_the_same_state(name, role, desk):
    _action, setup, call = SERVICES[name]
    state = setup(desk)
    before = database_rows()
    result = call(desk.person(role), state, desk)
    assert database_rows() != before
    if isinstance(result, services.BulkResult):
        assert result.refused == []


def test_staff_entry_without_a_person_is_refused(desk):
    """Only the public form may create a request with no actor."""
    edition = make_edition()
    with refused_up_front():
        services.guidebook_request_create(actor=None, source=RequestSource.STAFF, data=request_data(edition=edition))


def test_every_public_write_service_of_the_module_is_listed():
    with_actor = {
        name
        for name, value in vars(services).items()
        if inspect.isfunction(value)
        and not name.startswith("_")
        and value.__module__ == services.__name__
        and "actor" in inspect.signature(value).parameters
    }
    assert with_actor == set(SERVICES)
