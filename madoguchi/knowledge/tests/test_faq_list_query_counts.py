"""The staff FAQ list and the public FAQ index read a bounded number of queries, however many entries exist."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madoguchi.knowledge import faq_services

pytestmark = pytest.mark.django_db


def _publish(n, tier1_staff, tier2_staff, faq_content, axes):
    for i in range(n):
        faq = faq_services.faq_create(
            actor=tier1_staff, content=faq_content(title=f"質問 {i}", terms=[axes["guide"], axes["kokokara"]])
        )
        faq = faq_services.faq_transition(actor=tier1_staff, faq=faq, expected_version=faq.version, to="in_review")
        faq_services.faq_transition(actor=tier2_staff, faq=faq, expected_version=faq.version, to="published")


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_do_not_grow_with_the_number_of_entries(client, client_for, tier1_staff, tier2_staff, faq_content, axes):
    staff = client_for(tier1_staff)
    _publish(1, tier1_staff, tier2_staff, faq_content, axes)
    few = (_count(staff, reverse("knowledge:faq_list")), _count(client, reverse("faq_public:index")))
    _publish(5, tier1_staff, tier2_staff, faq_content, axes)
    many = (_count(staff, reverse("knowledge:faq_list")), _count(client, reverse("faq_public:index")))
    assert many == few
