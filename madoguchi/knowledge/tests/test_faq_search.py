"""FAQ in the one search: staff see internal and public (retired only when asked); the public, published public."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.knowledge import faq_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def internal_faq(tier1_staff, faq_content):
    return faq_services.faq_create(
        actor=tier1_staff, content=faq_content(title="内部向けのUTM設定の質問", visibility="internal")
    )


def test_staff_search_finds_internal_and_public_entries_under_the_faq_type(
    client_for, tier1_staff, internal_faq, published_faq
):
    response = client_for(tier1_staff).get(reverse("knowledge:search"), {"q": "パスワード", "kind": "faq"})
    assert response.status_code == 200
    body = response.content.decode()
    assert published_faq.get_absolute_url() in body
    response = client_for(tier1_staff).get(reverse("knowledge:search"), {"q": "UTM設定", "kind": "faq"})
    assert internal_faq.get_absolute_url() in response.content.decode()


def test_retired_entries_are_found_only_when_asked(client_for, tier1_staff, published_faq):
    faq_services.faq_transition(
        actor=tier1_staff, faq=published_faq, expected_version=published_faq.version, to="retired"
    )
    url = reverse("knowledge:search")
    link = published_faq.get_absolute_url()
    assert link not in client_for(tier1_staff).get(url, {"q": "パスワード"}).content.decode()
    asked = client_for(tier1_staff).get(url, {"q": "パスワード", "include_retired": "on"})
    assert link in asked.content.decode()


def test_public_search_sees_only_published_public_entries(client, tier1_staff, faq_content, published_faq):
    faq_services.faq_create(actor=tier1_staff, content=faq_content(title="パスワードの下書きの質問"))
    response = client.get(reverse("faq_public:search"), {"q": "パスワード"})
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("faq_public:detail", kwargs={"pk": published_faq.pk}) in body
    assert "下書きの質問" not in body
    # Staff links never appear on the public site.
    assert "/staff/" not in body
