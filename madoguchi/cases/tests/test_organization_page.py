"""The organisation page: its people and every consultation the viewer may see, audited, same 404 otherwise."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db

ORG = "株式会社ミドリ精機（架空）"


def _url(case) -> str:
    return reverse("cases:organization", args=[case.organization_id])


def test_back_office_sees_people_and_all_consultations(tier1_staff, tier2_staff, client_for):
    first = dispatched_case(tier1=tier1_staff, org_name=ORG, person_name="架空 一郎", subject="ルーターの設定相談")
    second = make_case(
        actor=tier1_staff, org_name=ORG, person_name="架空 二郎", email="jiro@midori.example.jp", subject="不審メール"
    )

    response = client_for(tier2_staff).get(_url(first))

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert ORG in page
    assert "架空 一郎" in page and "架空 二郎" in page
    assert "jiro@midori.example.jp" in page
    assert first.reference in page and second.reference in page


def test_front_line_sees_only_the_consultations_it_may_see(tier1_staff, other_tier1_staff, client_for):
    mine = make_case(actor=tier1_staff, org_name=ORG, subject="自分が受けた相談")
    theirs = dispatched_case(tier1=other_tier1_staff, org_name=ORG, subject="二次対応に回付済みの相談")

    page = client_for(tier1_staff).get(_url(mine)).content.decode()

    assert mine.reference in page
    assert theirs.reference not in page


def test_organisation_with_no_visible_consultation_is_404_like_a_missing_one(
    tier1_staff, other_tier1_staff, client_for
):
    theirs = dispatched_case(tier1=other_tier1_staff, org_name=ORG)
    client = client_for(tier1_staff)

    assert client.get(_url(theirs)).status_code == 404
    assert client.get(reverse("cases:organization", args=[999999])).status_code == 404


def test_anonymous_is_sent_to_login(tier1_staff, anonymous):
    case = make_case(actor=tier1_staff, org_name=ORG)

    response = anonymous.get(_url(case))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_viewing_is_audited(tier1_staff, tier2_staff, client_for):
    case = dispatched_case(tier1=tier1_staff, org_name=ORG)

    client_for(tier2_staff).get(_url(case))

    event = AuditEvent.objects.get(action=AuditAction.VIEW_PERSONAL_DATA, target_type="cases.Organization")
    assert event.actor == tier2_staff
    assert event.target_id == str(case.organization_id)


def test_query_count_does_not_grow_with_consultations(tier1_staff, tier2_staff, client_for):
    client = client_for(tier2_staff)
    case = dispatched_case(tier1=tier1_staff, org_name=ORG)
    client.get(_url(case))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(case))
    for n in range(4):
        dispatched_case(tier1=tier1_staff, org_name=ORG, person_name=f"架空 {n}郎")
    with CaptureQueriesContext(connection) as many:
        client.get(_url(case))

    assert len(many.captured_queries) == len(few.captured_queries)


def test_case_screen_links_to_the_organisation(tier1_staff, client_for):
    case = make_case(actor=tier1_staff, org_name=ORG)

    page = client_for(tier1_staff).get(case.get_absolute_url()).content.decode()

    assert f'href="{_url(case)}"' in page
