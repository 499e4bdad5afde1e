"""The FAQ page's change history and a version's diff name what changed in Japanese, never by field name or code."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.knowledge import faq_services

pytestmark = pytest.mark.django_db


def test_history_and_diff_say_what_changed_in_japanese(client_for, tier1_staff, tier2_staff, closed_case):
    faq = faq_services.faq_create_from_cases(actor=tier1_staff, cases=[closed_case])
    client = client_for(tier2_staff)
    page = client.get(reverse("knowledge:faq_detail", kwargs={"pk": faq.pk})).content.decode()
    history = page.split('id="versions"', 1)[1]
    assert "見出し、質問の例" in history
    for code in ("title", "questions", "measures", "read_more", "visibility"):
        assert f">{code}" not in history and f"、{code}" not in history and f"{code}、" not in history
    diff = client.get(reverse("knowledge:faq_version", kwargs={"pk": faq.pk, "number": 1})).content.decode()
    assert "公開範囲: 職員のみ" in diff
    assert "公開範囲: internal" not in diff
