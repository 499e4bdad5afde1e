"""Below its threshold an edition is named on the shipping list and the dashboard; restocking clears it."""

from __future__ import annotations

import pytest

from madoguchi.outreach.models import GuidebookEdition
from madoguchi.outreach.tests.helpers import make_edition

pytestmark = pytest.mark.django_db


def test_low_stock_is_named_on_the_list_and_the_dashboard(client_for, tier1_staff):
    make_edition(name="2026年度版", stock=4, threshold=10)
    client = client_for(tier1_staff)
    assert (
        "在庫が少なくなっています: 2026年度版（残り4部、しきい値10部）"
        in client.get("/staff/outreach/requests/").content.decode()
    )
    assert "在庫が少なくなっています: 2026年度版（残り4部）" in client.get("/staff/").content.decode()


def test_restocking_adds_copies_and_clears_the_warning(client_for, tier2_staff):
    edition = make_edition(name="2026年度版", stock=4, threshold=10)
    client = client_for(tier2_staff)
    assert client.post(f"/staff/outreach/editions/{edition.pk}/restock/", {"added": "100"}).status_code == 302
    assert GuidebookEdition.objects.get(pk=edition.pk).stock == 104
    assert "在庫が少なくなっています" not in client.get("/staff/outreach/requests/").content.decode()
    assert "在庫が少なくなっています" not in client.get("/staff/").content.decode()


def test_restocking_zero_is_refused_next_to_the_field(client_for, tier2_staff):
    edition = make_edition(stock=4)
    response = client_for(tier2_staff).post(f"/staff/outreach/editions/{edition.pk}/restock/", {"added": "0"})
    assert response.status_code == 400
    assert GuidebookEdition.objects.get(pk=edition.pk).stock == 4


def test_an_edition_is_registered_and_a_duplicate_name_refused(client_for, tier2_staff):
    client = client_for(tier2_staff)
    data = {"name": "2027年度版", "published_on": "2027-04-01", "stock": "300", "low_stock_threshold": "30"}
    assert client.post("/staff/outreach/editions/", data).status_code == 302
    again = client.post("/staff/outreach/editions/", data)
    assert again.status_code == 400
    assert "同じ名称の版があります。" in again.content.decode()
    assert GuidebookEdition.objects.filter(name="2027年度版").count() == 1
