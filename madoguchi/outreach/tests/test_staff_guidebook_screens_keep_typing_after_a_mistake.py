"""The staff guidebook screens after a mistake: messages next to the controls and announced with them (every
aria-describedby names an element of the page), ticks, choices and the typed number kept."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from madoguchi.outreach.models import GuidebookEdition, GuidebookRequest
from madoguchi.outreach.tests.helpers import FORM_INPUT, make_edition, make_request

pytestmark = pytest.mark.django_db


def _dangling(html: str) -> list[str]:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    return [ref for refs in described for ref in refs.split() if ref not in ids]


def test_staff_request_form_connects_help_and_errors_to_their_fields(client_for, tier1_staff):
    edition = make_edition()
    client = client_for(tier1_staff)
    assert _dangling(client.get(reverse("outreach:request_create")).content.decode()) == []
    data = {**FORM_INPUT, "edition": edition.pk, "postal_code": "1234"}
    html = client.post(reverse("outreach:request_create"), data).content.decode()
    assert "郵便番号は7桁の数字で入力してください" in html
    assert _dangling(html) == []
    assert re.search(r'aria-describedby="[^"]*id_postal_code_error', html)


def test_public_request_form_keeps_its_own_descriptions(client):
    make_edition()
    html = client.get(reverse("outreach_public:request")).content.decode()
    assert 'aria-describedby="postal_code-help"' in html
    assert _dangling(html) == []


def test_bulk_change_without_a_selection_keeps_the_choices_and_says_why(client_for, tier1_staff):
    edition = make_edition()
    make_request(actor=tier1_staff, edition=edition)
    data = {"to": "shipped", "shipped_on": "2026-12-01", "shipping_method": "letter_pack"}
    response = client_for(tier1_staff).post(reverse("outreach:request_bulk"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "依頼を1件以上選んでください。" in html
    assert '<option value="shipped" selected>' in html
    assert '<option value="letter_pack" selected>' in html
    assert 'value="2026-12-01"' in html


def test_bulk_change_refused_for_a_bad_date_keeps_the_ticks(client_for, tier1_staff):
    edition = make_edition()
    request = make_request(actor=tier1_staff, edition=edition)
    data = {"selected": [request.reference], "to": "shipped", "shipped_on": "昨日", "shipping_method": "post"}
    response = client_for(tier1_staff).post(reverse("outreach:request_bulk"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(rf'id="select-{request.reference}"\s+checked', html)
    assert GuidebookRequest.objects.get().status == "received"


def test_restock_refused_keeps_the_typed_number_next_to_its_message(client_for, tier2_staff):
    edition = make_edition(stock=100)
    url = reverse("outreach:edition_restock", kwargs={"pk": edition.pk})
    response = client_for(tier2_staff).post(url, {"added": "0"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "追加する部数は1部以上で入力してください。" in html
    assert f'id="added-{edition.pk}"' in html and 'value="0"' in html
    assert f'aria-describedby="added-{edition.pk}-error"' in html
    assert _dangling(html) == []
    assert GuidebookEdition.objects.get().stock == 100
