"""The outreach lists cost a fixed number of queries, however many rows they show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from madoguchi.outreach import services
from madoguchi.outreach.tests.helpers import make_edition, make_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add(tier2, n: int) -> None:
    edition = make_edition()
    for i in range(n):
        make_request(actor=tier2, edition=edition, person_name=f"架空 {i}")
        services.seminar_create(
            actor=tier2,
            data=services.EventData(topic=f"セミナー{i}", starts_at=timezone.now(), organiser="当窓口", venue="会場"),
        )
        services.material_create(
            actor=tier2, title=f"資料{i}", kind="pdf", filename="a.pdf", data=PDF + bytes([i]), change_note="初版"
        )


@pytest.mark.parametrize("url", ["/staff/outreach/requests/", "/staff/outreach/events/", "/staff/outreach/materials/"])
def test_list_queries_do_not_grow_with_rows(client_for, tier2_staff, url):
    client = client_for(tier2_staff)
    _add(tier2_staff, 2)
    few = _queries(client, url)
    _add(tier2_staff, 5)
    assert _queries(client, url) == few
