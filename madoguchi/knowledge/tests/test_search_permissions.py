"""Search shows a user only the cases cases.access lets them see."""

import pytest

from madoguchi.cases.access import visible_cases
from madoguchi.knowledge.search import service
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def tier2_case_of_someone_else(other_tier1_staff):
    return dispatched_case(
        tier1=other_tier1_staff,
        subject="取引先を装った請求書メール",
        body="振込先の変更依頼が届いた。",
        email="other@example.jp",
        phone="03-0000-9999",
    )


def test_tier1_does_not_find_a_tier2_case_received_by_someone_else(tier1_staff, tier2_case_of_someone_else):
    page = service.search(query="振込先", restrict={"case": visible_cases(user=tier1_staff)})
    assert page.hits == [] and page.total == 0


def test_tier1_finds_the_tier2_case_they_received(other_tier1_staff, tier2_case_of_someone_else):
    page = service.search(query="振込先", restrict={"case": visible_cases(user=other_tier1_staff)})
    assert [h.object_id for h in page.hits] == [tier2_case_of_someone_else.pk]


def test_tier2_finds_it(tier2_staff, tier2_case_of_someone_else):
    page = service.search(query="振込", restrict={"case": visible_cases(user=tier2_staff)})
    assert [h.object_id for h in page.hits] == [tier2_case_of_someone_else.pk]


def test_restricted_entries_are_hidden_without_a_permission_queryset(tier2_case_of_someone_else):
    assert service.search(query="振込先").hits == []


def test_the_search_page_applies_the_same_rule(client_for, tier1_staff, tier2_staff, tier2_case_of_someone_else):
    from django.urls import reverse

    url = reverse("knowledge:search") + "?q=振込先"
    assert "取引先を装った請求書メール" not in client_for(tier1_staff).get(url).content.decode()
    assert "取引先を装った請求書メール" in client_for(tier2_staff).get(url).content.decode()
