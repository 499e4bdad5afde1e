"""The public request form: 入力 -> 確認 -> 完了 with a reference, typing kept, honeypot and rate limit as intake."""

from __future__ import annotations

import pytest

from madoguchi.outreach.models import GuidebookRequest, RequestSource
from madoguchi.outreach.tests.helpers import FORM_INPUT, make_edition

pytestmark = pytest.mark.django_db

URL = "/guidebook/"


@pytest.fixture
def typed():
    edition = make_edition()
    return {**FORM_INPUT, "edition": str(edition.pk), "consent": "on"}


def test_input_confirm_done_creates_one_request_with_a_reference(anonymous, typed):
    assert anonymous.get(URL).status_code == 200
    confirm = anonymous.post(URL, {**typed, "step": "input"})
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "入力内容の確認" in page and "〒163-8001" in page
    assert not GuidebookRequest.objects.exists()
    done = anonymous.post(URL, {**dict(confirm.context["values"]), "step": "confirm"}, follow=True)
    request = GuidebookRequest.objects.get()
    assert request.source == RequestSource.PUBLIC_FORM and request.created_by is None
    assert request.postal_code == "163-8001" and request.copies == 5
    assert request.reference in done.content.decode()


def test_errors_come_back_next_to_the_field_with_the_typing_kept(anonymous, typed):
    response = anonymous.post(URL, {**typed, "postal_code": "12345", "step": "input"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "郵便番号は7桁の数字で入力してください" in page
    assert 'value="株式会社サンプル商事"' in page
    assert "社内研修で配布するため" in page
    assert not GuidebookRequest.objects.exists()


def test_back_from_confirmation_keeps_everything_typed(anonymous, typed):
    response = anonymous.post(URL, {**typed, "step": "edit"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="新宿区西新宿２－８－１"' in page


def test_honeypot_is_refused_without_a_request(anonymous, typed):
    response = anonymous.post(URL, {**typed, "website": "http://spam.example.com", "step": "confirm"})
    assert response.status_code == 400
    assert not GuidebookRequest.objects.exists()


def test_the_consultation_forms_rate_limit_applies(anonymous, typed, settings):
    settings.MADOGUCHI_PUBLIC_FORM_RATE = "1/3600"
    assert anonymous.post(URL, {**typed, "step": "confirm"}).status_code == 302
    refused = anonymous.post(URL, {**typed, "organization": "二通目の会社", "step": "confirm"})
    assert refused.status_code == 429
    assert "二通目の会社" in refused.content.decode()
    assert GuidebookRequest.objects.count() == 1


def test_done_page_without_a_request_goes_back_to_the_form(anonymous):
    response = anonymous.get("/guidebook/done/")
    assert response.status_code == 302 and response["Location"] == URL


def test_the_public_home_links_to_the_request_form(anonymous):
    assert 'href="/guidebook/"' in anonymous.get("/").content.decode()
