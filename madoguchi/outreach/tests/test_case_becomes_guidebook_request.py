"""One action on a guidebook_request consultation makes a prefilled request linked to the case, with a timeline."""

from __future__ import annotations

import pytest

from madoguchi.cases.choices import Category, EventKind
from madoguchi.outreach.models import GuidebookRequest, RequestSource
from madoguchi.outreach.tests.helpers import FORM_INPUT, make_edition
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def guidebook_case(tier1_staff):
    return make_case(
        actor=tier1_staff,
        subject="ガイドブックを送ってほしい",
        body="社内研修用にガイドブックを５部送ってほしいとの電話。",
        category=Category.GUIDEBOOK_REQUEST,
    )


def test_case_screen_offers_the_action_on_a_guidebook_case(client_for, tier1_staff, guidebook_case):
    page = client_for(tier1_staff).get(guidebook_case.get_absolute_url()).content.decode()
    assert f"/staff/outreach/requests/new/?case={guidebook_case.reference}" in page
    assert "この相談を送付依頼にする" in page


def test_other_categories_do_not_show_the_panel(client_for, tier1_staff):
    case = make_case(actor=tier1_staff, category=Category.PREVENTION)
    assert "この相談を送付依頼にする" not in client_for(tier1_staff).get(case.get_absolute_url()).content.decode()


def test_form_is_prefilled_from_the_consultation(client_for, tier1_staff, guidebook_case):
    make_edition()
    form = client_for(tier1_staff).get(f"/staff/outreach/requests/new/?case={guidebook_case.reference}").context["form"]
    assert form.initial["organization"] == "株式会社サンプル商事"
    assert form.initial["person_name"] == "架空 太郎"
    assert form.initial["email"] == "taro@sample-shoji.example.jp"
    assert form.initial["copies"] == "5"


def test_submitting_links_the_request_and_writes_the_timeline(client_for, tier1_staff, guidebook_case):
    edition = make_edition()
    response = client_for(tier1_staff).post(
        "/staff/outreach/requests/new/",
        {**FORM_INPUT, "edition": str(edition.pk), "case": guidebook_case.reference},
    )
    request = GuidebookRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/requests/{request.reference}/")
    assert request.case == guidebook_case and request.source == RequestSource.CASE
    event = guidebook_case.events.get(kind=EventKind.GUIDEBOOK_REQUEST)
    assert request.reference in event.text and event.actor == tier1_staff
    page = client_for(tier1_staff).get(guidebook_case.get_absolute_url()).content.decode()
    assert request.reference in page


def test_a_case_of_another_category_cannot_be_turned_into_a_request(client_for, tier1_staff):
    case = make_case(actor=tier1_staff, category=Category.PREVENTION)
    assert client_for(tier1_staff).get(f"/staff/outreach/requests/new/?case={case.reference}").status_code == 404


def test_invalid_input_keeps_the_link_and_the_typing(client_for, tier1_staff, guidebook_case):
    edition = make_edition()
    response = client_for(tier1_staff).post(
        "/staff/outreach/requests/new/",
        {**FORM_INPUT, "edition": str(edition.pk), "case": guidebook_case.reference, "copies": "999"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'name="case" value="{guidebook_case.reference}"' in page
    assert "部数は1〜20部の範囲で入力してください" in page
    assert not GuidebookRequest.objects.exists()
