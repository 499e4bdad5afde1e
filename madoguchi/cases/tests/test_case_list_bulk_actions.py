"""Bulk assign / dispatch from the case list: each case through its own service call and transaction."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from madoguchi.accounts.roles import Role
from madoguchi.cases import services
from madoguchi.cases.choices import Category, EventKind, Tier
from madoguchi.cases.models import CaseEvent
from madoguchi.cases.workflow import Status
from madoguchi.testing.factories import UserFactory, dispatched_case, make_case

pytestmark = pytest.mark.django_db


def _sel(*cases):
    return [f"{c.reference}:{c.version}" for c in cases]


def _post(client, cases=(), **fields):
    data = {f"bulk-{k}": v for k, v in fields.items()}
    data.setdefault("bulk-query", "sort=reference")
    return client.post(reverse("cases:bulk"), {**data, "cases": list(cases)})


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def tier2_colleague(db, second_factor_optional):
    return UserFactory(username="tier2b", role=Role.BACK, display_name="二次 五郎")


def test_tier2_bulk_assigns_dispatched_cases(client_for, tier1_staff, tier2_staff, tier2_colleague):
    one = dispatched_case(tier1=tier1_staff, subject="一件目")
    two = dispatched_case(tier1=tier1_staff, subject="二件目", email="b@example.jp")
    response = _post(client_for(tier2_staff), action="assign", assignee=tier2_colleague.pk, cases=_sel(one, two))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:list") + "?sort=reference"
    assert _messages(response) == ["2 件に担当者を割り当てました。"]
    for case in (one, two):
        before = case.version
        case.refresh_from_db()
        assert case.assignee == tier2_colleague
        assert case.version == before + 1
        event = CaseEvent.objects.filter(case=case, kind=EventKind.ASSIGN).get()
        assert (event.actor, event.data["assignee"]) == (tier2_staff, "tier2b")


def test_partial_refusal_lists_each_refused_case_with_its_reason(client_for, tier1_staff, tier2_staff, manager):
    ready = dispatched_case(tier1=tier1_staff, subject="回付済み")
    at_front = make_case(actor=tier1_staff, subject="一次対応中", email="b@example.jp")
    response = _post(client_for(manager), action="assign", assignee=tier2_staff.pk, cases=_sel(ready, at_front))
    msgs = _messages(response)
    assert msgs[0] == "1 件に担当者を割り当てました。"
    assert msgs[1] == "1 件は操作できませんでした。"
    assert msgs[2].startswith(f"{at_front.reference}：「受付」の案件には担当者を割り当てられません")
    ready.refresh_from_db()
    at_front.refresh_from_db()
    assert ready.assignee == tier2_staff
    assert at_front.assignee is None
    assert not CaseEvent.objects.filter(case=at_front, kind=EventKind.ASSIGN).exists()


def test_tier1_bulk_dispatches_received_cases_with_a_category(client_for, tier1_staff):
    one = make_case(actor=tier1_staff, subject="一件目")
    two = make_case(actor=tier1_staff, subject="二件目", email="b@example.jp")
    response = _post(client_for(tier1_staff), action="dispatch", category=Category.PREVENTION, cases=_sel(one, two))
    assert _messages(response) == ["2 件を二次対応へ回付しました。"]
    for case in (one, two):
        case.refresh_from_db()
        assert (case.status, case.tier, case.category) == (Status.DISPATCHED, Tier.BACK, Category.PREVENTION)
        assert CaseEvent.objects.filter(case=case, kind=EventKind.DISPATCH, actor=tier1_staff).count() == 1


def test_bulk_dispatch_refuses_wrong_status_and_stale_versions(client_for, tier1_staff):
    fresh = make_case(actor=tier1_staff, subject="受付")
    already = dispatched_case(tier1=tier1_staff, subject="回付済み", email="b@example.jp")
    stale = make_case(actor=tier1_staff, subject="他の職員が更新", email="c@example.jp")
    seen = _sel(fresh, already, stale)
    # Someone saves `stale` after the list was shown.
    services.case_add_note(actor=tier1_staff, case=stale, kind=EventKind.NOTE, text="メモ")
    services.case_triage(
        actor=tier1_staff,
        case=stale,
        expected_version=stale.version,
        category=Category.GENERAL,
        urgency=1,
        police_referral=False,
    )
    response = _post(client_for(tier1_staff), action="dispatch", category=Category.PREVENTION, cases=seen)
    msgs = _messages(response)
    assert msgs[:2] == ["1 件を二次対応へ回付しました。", "2 件は操作できませんでした。"]
    assert f"{already.reference}：「二次対応待ち」の案件を「二次対応待ち」にすることはできません。" in msgs
    assert any(m.startswith(f"{stale.reference}：他の職員がこの案件を先に更新しました。") for m in msgs)
    stale.refresh_from_db()
    assert stale.status == Status.RECEIVED


def test_tier1_may_not_assign_tier2_work(client_for, tier1_staff, tier2_staff):
    # Tier 1 sees the case it dispatched itself, but who works tier-2 cases is decided at tier 2.
    mine = dispatched_case(tier1=tier1_staff, subject="自分が回付した案件")
    response = _post(client_for(tier1_staff), action="assign", assignee=tier2_staff.pk, cases=_sel(mine))
    msgs = _messages(response)
    assert msgs[0] == "0 件に担当者を割り当てました。"
    assert msgs[2] == f"{mine.reference}：この操作を行う権限がありません。"
    mine.refresh_from_db()
    assert mine.assignee is None


def test_tier1_cannot_touch_cases_it_cannot_see(client_for, tier1_staff, other_tier1_staff, tier2_staff):
    hidden = dispatched_case(tier1=other_tier1_staff, subject="見えない案件")
    response = _post(client_for(tier1_staff), action="dispatch", category=Category.GENERAL, cases=_sel(hidden))
    msgs = _messages(response)
    assert msgs[2] == f"{hidden.reference}：案件が見つからないか、操作する権限がありません。"
    before = hidden.version
    hidden.refresh_from_db()
    assert hidden.version == before


def test_roles_without_dispatch_get_403(client_for, admin_user, tier1_staff):
    case = make_case(actor=tier1_staff)
    response = _post(client_for(admin_user), action="dispatch", category=Category.GENERAL, cases=_sel(case))
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_assign_to_someone_not_tier2_is_refused(client_for, tier1_staff, tier2_staff, other_tier1_staff):
    case = dispatched_case(tier1=tier1_staff)
    response = _post(client_for(tier2_staff), action="assign", assignee=other_tier1_staff.pk, cases=_sel(case))
    # Only tier-2 staff are offered; anyone else is a form error, the selection kept.
    assert response.status_code == 400
    assert response.context["bulk_form"].errors["assignee"]
    assert case.reference in response.context["checked"]


def test_invalid_input_keeps_the_selection_and_says_what_is_missing(client_for, tier1_staff, tier2_staff):
    case = dispatched_case(tier1=tier1_staff)
    client = client_for(tier2_staff)
    response = _post(client, action="assign", cases=_sel(case))
    assert response.status_code == 400
    html = response.content.decode()
    assert "担当者を選んでください。" in html
    assert f'value="{case.reference}:{case.version}"' in html
    assert "checked" in html[html.index(f'value="{case.reference}:{case.version}"') :][:200]
    response = _post(client, action="dispatch")
    assert response.status_code == 400
    assert "操作する案件を一覧で選んでください。" in response.content.decode()


def test_bulk_assign_refuses_a_case_changed_since_the_list_was_shown(client_for, tier1_staff, tier2_staff, manager):
    case = dispatched_case(tier1=tier1_staff)
    seen = _sel(case)
    services.case_add_note(actor=manager, case=case, kind=EventKind.NOTE, text="メモ")
    services.case_assign(actor=manager, case=case, assignee=manager)
    response = _post(client_for(manager), action="assign", assignee=tier2_staff.pk, cases=seen)
    msgs = _messages(response)
    assert msgs[2].startswith(f"{case.reference}：他の職員がこの案件を先に更新しました。")
    case.refresh_from_db()
    assert case.assignee == manager
