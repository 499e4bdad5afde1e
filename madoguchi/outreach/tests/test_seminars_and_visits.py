"""Seminars with numbers and materials; on-site visits recorded as consultations (channel 出張相談); follow-ups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from madoguchi.cases.choices import Channel
from madoguchi.core.errors import DomainError
from madoguchi.outreach import services
from madoguchi.outreach.models import EventKind, OutreachEvent
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
START = timezone.make_aware(dt.datetime(2026, 11, 20, 14, 0))


def _data(**changes):
    values = {"topic": "ランサムウェア対策入門", "starts_at": START, "organiser": "当窓口", "venue": "都庁第一本庁舎"}
    values.update(changes)
    return services.EventData(**values)


def test_seminar_keeps_numbers_and_the_material_version_used(tier2_staff):
    material = services.material_create(
        actor=tier2_staff, title="入門スライド", kind="pdf", filename="intro.pdf", data=PDF, change_note="初版"
    )
    v1 = material.versions.get()
    services.material_version_add(
        actor=tier2_staff, material=material, filename="intro2.pdf", data=PDF + b" ", change_note="改訂"
    )
    event = services.seminar_create(
        actor=tier2_staff,
        data=_data(participants=40, satisfied=20, rather_satisfied=10, rather_dissatisfied=2, dissatisfied=1),
        material_versions=[v1],
    )
    assert event.kind == EventKind.SEMINAR
    assert event.responses == 33
    assert list(event.materials.all()) == [v1]
    assert list(v1.events.all()) == [event]


def test_more_answers_than_participants_is_refused(tier2_staff):
    with pytest.raises(DomainError) as refused:
        services.seminar_create(actor=tier2_staff, data=_data(participants=5, satisfied=6))
    assert refused.value.field == "satisfied"
    assert not OutreachEvent.objects.exists()


def test_a_venue_or_online_is_required(tier2_staff):
    with pytest.raises(DomainError):
        services.seminar_create(actor=tier2_staff, data=_data(venue=""))
    assert services.seminar_create(actor=tier2_staff, data=_data(venue="", online=True)).online


def test_onsite_visit_is_a_consultation_with_the_visit_date_and_channel(tier2_staff):
    event = services.onsite_visit_record(
        actor=tier2_staff,
        data=_data(venue="株式会社見本工業 本社"),
        consultation=services.VisitConsultation(
            subject="工場のネットワーク分離",
            body="生産設備のPCが事務所のLANにつながっている。",
            org_name="株式会社見本工業",
        ),
    )
    assert event.kind == EventKind.ONSITE
    case = event.case
    assert case.channel == Channel.VISIT
    assert case.received_at == START
    assert case.organization.name == "株式会社見本工業"
    assert "株式会社見本工業 本社" in case.events.filter(kind="note").get().text


def test_follow_up_consultations_are_linked(client_for, tier2_staff):
    event = services.seminar_create(actor=tier2_staff, data=_data())
    case = make_case(actor=tier2_staff)
    response = client_for(tier2_staff).post(f"/staff/outreach/events/{event.pk}/link/", {"reference": case.reference})
    assert response.status_code == 302
    assert list(event.follow_up_cases.all()) == [case]
    missing = client_for(tier2_staff).post(f"/staff/outreach/events/{event.pk}/link/", {"reference": "2000-99999"})
    assert missing.status_code == 400
    assert "この受付番号の案件は見つかりません" in missing.content.decode()


def test_event_form_keeps_typing_on_error(client_for, tier2_staff):
    response = client_for(tier2_staff).post(
        "/staff/outreach/events/new/seminar/",
        {
            "topic": "標的型メール訓練",
            "starts_at": "2026-11-20T14:00",
            "organiser": "当窓口",
            "satisfied": "0",
            "rather_satisfied": "0",
            "rather_dissatisfied": "0",
            "dissatisfied": "0",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "会場を入力するか、オンライン開催を選んでください。" in page
    assert 'value="標的型メール訓練"' in page


def test_numbers_entered_after_the_event_are_saved(client_for, tier2_staff):
    event = services.seminar_create(actor=tier2_staff, data=_data())
    client = client_for(tier2_staff)
    form = client.get(f"/staff/outreach/events/{event.pk}/edit/").context["form"]
    assert form.initial["topic"] == "ランサムウェア対策入門"
    response = client.post(
        f"/staff/outreach/events/{event.pk}/edit/",
        {
            "topic": "ランサムウェア対策入門",
            "starts_at": "2026-11-20T14:00",
            "venue": "都庁第一本庁舎",
            "organiser": "当窓口",
            "participants": "30",
            "satisfied": "12",
            "rather_satisfied": "8",
            "rather_dissatisfied": "1",
            "dissatisfied": "0",
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.participants, event.responses) == (30, 21)
