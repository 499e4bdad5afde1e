"""GET /api/v1/faq/ and /api/v1/faq/{id}/: only what the public site shows (published, public, reviewed)."""

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.api.tests.helpers import faq

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(tier2_staff):
    return {
        "public": faq(author=tier2_staff, title="公開中の質問"),
        "internal": faq(author=tier2_staff, title="職員用の質問", visibility="internal"),
        "draft": faq(author=tier2_staff, title="下書きの質問", to="draft"),
    }


def test_the_list_holds_only_published_public_entries(
    api_client_for, tier1_staff, entries, django_assert_max_num_queries
):
    client = api_client_for(tier1_staff)
    with django_assert_max_num_queries(8):
        rows = client.get(reverse("api:faq_list")).json()
    assert [row["title"] for row in rows] == ["公開中の質問"]
    row = rows[0]
    assert row["id"] == entries["public"].pk
    assert row["questions"] == ["全部のサービスで同じパスワードを使っています。危ないですか。"]
    assert row["read_more"] == [{"label": "架空の解説ページ", "url": "https://www.example.jp/password"}]
    assert row["published_at"]


def test_one_entry_and_the_same_404_for_missing_internal_and_draft(api_client_for, tier1_staff, entries):
    client = api_client_for(tier1_staff)
    response = client.get(reverse("api:faq_entry", kwargs={"id": entries["public"].pk}))
    assert response.status_code == 200
    assert response.json()["title"] == "公開中の質問"
    missing = client.get(reverse("api:faq_entry", kwargs={"id": 999999999}))
    for hidden in ("internal", "draft"):
        response = client.get(reverse("api:faq_entry", kwargs={"id": entries[hidden].pk}))
        assert response.status_code == 404
        assert response.json() == missing.json()


def test_no_token_no_faq(entries):
    assert Client().get(reverse("api:faq_list")).status_code == 401
    assert Client().get(reverse("api:faq_entry", kwargs={"id": entries["public"].pk})).status_code == 401


def test_the_schema_describes_both_operations(api_client_for, tier1_staff):
    schema = Client().get(reverse("api:schema"), {"format": "json"}).json()
    assert schema["paths"]["/api/v1/faq/"]["get"]["operationId"] == "faq_list"
    assert schema["paths"]["/api/v1/faq/{id}/"]["get"]["operationId"] == "faq_retrieve"
