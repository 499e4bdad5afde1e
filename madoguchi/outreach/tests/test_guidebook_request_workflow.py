"""A guidebook request moves 受付 -> 発送準備 -> 発送済 (or 取消) by the table; shipping takes stock and mails."""

from __future__ import annotations

import datetime as dt

import pytest

from madoguchi.answers.models import OutboundEmail
from madoguchi.core.errors import DomainError, TransitionNotAllowed
from madoguchi.outreach import services
from madoguchi.outreach.models import ALLOWED_TRANSITIONS, RequestStatus, ShippingMethod
from madoguchi.outreach.tests.helpers import make_edition, make_request

pytestmark = pytest.mark.django_db

SHIP = {"shipped_on": dt.date(2026, 12, 7), "shipping_method": ShippingMethod.POST}


def _ship(actor, request, **extra):
    services.guidebook_request_transition(actor=actor, request=request, to=RequestStatus.PREPARING)
    return services.guidebook_request_transition(
        actor=actor, request=request, to=RequestStatus.SHIPPED, **SHIP, **extra
    )


def test_request_gets_a_yearly_reference_and_a_first_history_row(tier1_staff):
    request = make_request(actor=tier1_staff, edition=make_edition())
    assert request.reference.startswith("GB-20") and request.reference.endswith("-00001")
    assert make_request(actor=tier1_staff, edition=request.edition).reference.endswith("-00002")
    assert [(h.from_status, h.to_status) for h in request.history.all()] == [("", RequestStatus.RECEIVED)]


def test_shipping_takes_the_copies_from_stock_and_records_date_and_method(tier1_staff):
    edition = make_edition(stock=12)
    request = _ship(tier1_staff, make_request(actor=tier1_staff, edition=edition, copies=5))
    edition.refresh_from_db()
    assert edition.stock == 7
    assert request.status == RequestStatus.SHIPPED
    assert request.shipped_on == dt.date(2026, 12, 7) and request.shipping_method == ShippingMethod.POST
    assert [h.to_status for h in request.history.all()] == ["received", "preparing", "shipped"]


def test_shipping_is_refused_with_a_clear_message_when_stock_is_short(tier1_staff):
    edition = make_edition(name="2025年版", stock=3)
    request = make_request(actor=tier1_staff, edition=edition, copies=5)
    services.guidebook_request_transition(actor=tier1_staff, request=request, to=RequestStatus.PREPARING)
    with pytest.raises(DomainError) as refused:
        services.guidebook_request_transition(actor=tier1_staff, request=request, to=RequestStatus.SHIPPED, **SHIP)
    assert refused.value.message.startswith("在庫が足りません（2025年版: 在庫3部、必要5部）。")
    edition.refresh_from_db()
    request.refresh_from_db()
    assert edition.stock == 3
    assert request.status == RequestStatus.PREPARING
    assert not OutboundEmail.objects.exists()


def test_the_requester_gets_a_plain_text_mail_when_it_ships(tier1_staff):
    request = make_request(
        actor=tier1_staff, edition=make_edition(), organization="K&K <サンプル>", email="k@sample.example.jp"
    )
    _ship(tier1_staff, request)
    mail = OutboundEmail.objects.get()
    assert mail.to == ["k@sample.example.jp"]
    assert request.reference in mail.subject and "発送しました" in mail.subject
    assert "K&K <サンプル>" in mail.body_text  # plain text: never HTML-escaped
    assert "部数: 5部" in mail.body_text and "2026年12月07日" in mail.body_text
    assert "郵便（ゆうメール）" in mail.body_text


def test_no_mail_without_an_address(tier1_staff):
    _ship(tier1_staff, make_request(actor=tier1_staff, edition=make_edition(), email=""))
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (RequestStatus.RECEIVED, RequestStatus.SHIPPED),
        (RequestStatus.SHIPPED, RequestStatus.CANCELLED),
        (RequestStatus.CANCELLED, RequestStatus.RECEIVED),
    ],
)
def test_moves_outside_the_table_are_refused(tier1_staff, start, to):
    assert to not in ALLOWED_TRANSITIONS[start]
    request = make_request(actor=tier1_staff, edition=make_edition())
    if start == RequestStatus.SHIPPED:
        request = _ship(tier1_staff, request)
    elif start == RequestStatus.CANCELLED:
        services.guidebook_request_transition(actor=tier1_staff, request=request, to=start, note="重複")
    with pytest.raises(TransitionNotAllowed):
        services.guidebook_request_transition(actor=tier1_staff, request=request, to=to, note="x", **SHIP)


def test_cancelling_needs_a_reason(tier1_staff):
    request = make_request(actor=tier1_staff, edition=make_edition())
    with pytest.raises(DomainError) as refused:
        services.guidebook_request_transition(actor=tier1_staff, request=request, to=RequestStatus.CANCELLED)
    assert refused.value.field == "note"
    done = services.guidebook_request_transition(
        actor=tier1_staff, request=request, to=RequestStatus.CANCELLED, note="重複申込み"
    )
    assert done.history.last().note == "重複申込み"


def test_shipping_needs_date_and_method(tier1_staff):
    request = make_request(actor=tier1_staff, edition=make_edition())
    services.guidebook_request_transition(actor=tier1_staff, request=request, to=RequestStatus.PREPARING)
    with pytest.raises(DomainError) as refused:
        services.guidebook_request_transition(actor=tier1_staff, request=request, to=RequestStatus.SHIPPED)
    assert refused.value.field == "shipped_on"


def test_copies_over_the_limit_are_refused_by_the_service_too(tier1_staff, settings):
    settings.MADOGUCHI_GUIDEBOOK_MAX_COPIES = 10
    with pytest.raises(DomainError) as refused:
        make_request(actor=tier1_staff, edition=make_edition(), copies=11)
    assert refused.value.field == "copies"
    assert make_request(actor=tier1_staff, edition=make_edition(name="別の版"), copies=10).copies == 10


def test_bulk_shipping_refuses_one_without_undoing_the_others(tier1_staff):
    edition = make_edition(stock=6)
    first = make_request(actor=tier1_staff, edition=edition, copies=5)
    second = make_request(actor=tier1_staff, edition=edition, copies=5)
    services.guidebook_requests_transition(actor=tier1_staff, requests=[first, second], to=RequestStatus.PREPARING)
    result = services.guidebook_requests_transition(
        actor=tier1_staff, requests=[first, second], to=RequestStatus.SHIPPED, **SHIP
    )
    assert result.done == [first.reference]
    assert result.refused[0][0] == second.reference
    edition.refresh_from_db()
    assert edition.stock == 1
