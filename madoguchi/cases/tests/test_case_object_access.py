"""Object access: tier 1 sees the front queue and its own cases, not another person's tier-2 work."""

import pytest
from django.urls import reverse

from madoguchi.cases.access import visible_cases
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db


def test_front_staff_cannot_open_a_tier2_case_received_by_someone_else(client_for, tier1_staff, other_tier1_staff):
    case = dispatched_case(tier1=other_tier1_staff, subject="他の職員が回付した案件")
    response = client_for(tier1_staff).get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert response.status_code == 404
    missing = client_for(tier1_staff).get(reverse("cases:detail", kwargs={"reference": "2099-99999"}))
    assert missing.status_code == 404, "missing and forbidden look the same"


def test_front_staff_still_sees_the_case_they_received_after_dispatch(client_for, tier1_staff):
    case = dispatched_case(tier1=tier1_staff, subject="自分が受けた案件")
    response = client_for(tier1_staff).get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert response.status_code == 200
    assert "自分が受けた案件" in response.content.decode()


def test_front_staff_sees_every_case_still_at_tier1(client_for, tier1_staff, other_tier1_staff):
    case = make_case(actor=other_tier1_staff, subject="一次対応中の案件")
    assert case in visible_cases(user=tier1_staff)
    response = client_for(tier1_staff).get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert response.status_code == 200


def test_front_staff_cannot_act_on_a_hidden_case(client_for, tier1_staff, other_tier1_staff):
    case = dispatched_case(tier1=other_tier1_staff)
    response = client_for(tier1_staff).post(
        reverse("cases:note", kwargs={"reference": case.reference}), {"note-kind": "note", "note-text": "見えないはず"}
    )
    assert response.status_code == 404
    assert not case.events.filter(text="見えないはず").exists()


def test_back_office_and_manager_see_all_cases(tier1_staff, tier2_staff, manager, admin_user):
    a = make_case(actor=tier1_staff)
    b = dispatched_case(tier1=tier1_staff)
    for user in (tier2_staff, manager, admin_user):
        assert set(visible_cases(user=user)) == {a, b}


def test_inactive_staff_see_nothing(tier2_staff, tier1_staff):
    make_case(actor=tier1_staff)
    tier2_staff.is_active = False
    tier2_staff.save()
    assert not visible_cases(user=tier2_staff).exists()
