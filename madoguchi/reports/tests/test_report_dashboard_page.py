"""The manager dashboard: charts as SVG with their tables, period filter, refused roles."""

import pytest
from django.urls import reverse

from madoguchi.cases.choices import Category
from madoguchi.reports.tests.helpers import at, consultation

pytestmark = pytest.mark.django_db


def test_dashboard_shows_each_chart_with_its_table(client_for, manager, tier1_staff):
    consultation(actor=tier1_staff, received_at=at(2026, 11), category=Category.LEGAL)
    body = (
        client_for(manager).get(reverse("reports:dashboard"), {"start": "2026-11", "end": "2026-11"}).content.decode()
    )
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 11  # 9 of the desk + 2 of outreach
    assert 'role="img"' in body
    assert "<table" in body
    assert f'<th scope="row">{Category.LEGAL.label}</th>' in body
    assert "style=" not in body.split("<main", 1)[1]


def test_an_end_before_the_start_is_refused_next_to_the_field(client_for, manager):
    response = client_for(manager).get(reverse("reports:dashboard"), {"start": "2026-11", "end": "2026-01"})
    body = response.content.decode()
    assert "終了月は開始月と同じか、それより後にしてください。" in body
    assert 'value="2026-01"' in body


@pytest.mark.parametrize("persona", ["tier1_staff", "tier2_staff"])
def test_desk_staff_cannot_open_the_reports(client_for, persona, request):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("reports:dashboard")).status_code == 403
    assert client_for(user).get(reverse("reports:export_csv")).status_code == 403
    assert client_for(user).get(reverse("reports:monthly_pdf"), {"month": "2026-11"}).status_code == 403


def test_anonymous_is_sent_to_login(anonymous):
    response = anonymous.get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_dashboard_queries_do_not_grow_with_the_number_of_consultations(
    client_for, manager, tier1_staff, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(manager)
    url = reverse("reports:dashboard")
    consultation(actor=tier1_staff, received_at=at(2026, 11))
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"start": "2026-01", "end": "2026-12"})
    for month in range(1, 13):
        consultation(actor=tier1_staff, received_at=at(2026, month), org_name=f"株式会社月{month}（架空）")
    with django_assert_max_num_queries(len(few)):
        client.get(url, {"start": "2026-01", "end": "2026-12"})


def test_a_typed_area_is_escaped_in_the_chart_and_the_table(client_for, manager, tier1_staff):
    consultation(actor=tier1_staff, received_at=at(2026, 11), municipality='<script>x</script>"')
    body = (
        client_for(manager).get(reverse("reports:dashboard"), {"start": "2026-11", "end": "2026-11"}).content.decode()
    )
    assert "<script>x</script>" not in body
    assert body.count("&lt;script&gt;x&lt;/script&gt;") >= 2  # the SVG label and the table's row heading
