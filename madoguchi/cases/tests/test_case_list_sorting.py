"""The case list sorts by any of its columns through ?sort=key / ?sort=-key, whitelisted, with a stable tiebreak."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.cases import services
from madoguchi.cases.choices import Category, Channel, Urgency
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

KEYS = ["reference", "urgency", "subject", "category", "organization", "status", "assignee", "received_at", "channel"]


def _value(case, key):
    return {
        "reference": case.reference,
        "urgency": case.effective_urgency,
        "subject": case.subject,
        "category": case.category,
        "organization": case.organization.name if case.organization else None,
        "status": case.status,
        "assignee": case.assignee.display_name if case.assignee else None,
        "received_at": case.received_at,
        "channel": case.channel,
    }[key]


def _expected(cases, key, descending):
    present = [c for c in cases if _value(c, key) is not None]
    missing = [c for c in cases if _value(c, key) is None]
    # Nulls last in both directions; ties broken by id in the sort's direction.
    present.sort(key=lambda c: (_value(c, key), c.pk), reverse=descending)
    missing.sort(key=lambda c: c.pk, reverse=descending)
    return [c.reference for c in present + missing]


@pytest.fixture
def cases(tier1_staff, tier2_staff):
    now = timezone.now()
    a = make_case(
        actor=tier1_staff,
        channel=Channel.PHONE,
        subject="B 不審なメール",
        category=Category.GENERAL,
        urgency=Urgency.NORMAL,
        org_name="Beta株式会社",
        received_at=now - dt.timedelta(hours=3),
    )
    b = make_case(
        actor=tier1_staff,
        channel=Channel.WEB,
        subject="C ランサムウェア",
        category=Category.PREVENTION,
        urgency=Urgency.HIGH,
        org_name="Alpha株式会社",
        received_at=now - dt.timedelta(hours=1),
    )
    b = services.case_dispatch(
        actor=tier1_staff,
        case=b,
        expected_version=b.version,
        category=Category.PREVENTION,
        urgency=Urgency.HIGH,
        police_referral=False,
        assignee=tier2_staff,
    )
    c = make_case(
        actor=tier1_staff,
        channel=Channel.EMAIL,
        subject="A パスワード",
        category=Category.CRIME,
        urgency=Urgency.CRITICAL,
        org_name="",
        received_at=now - dt.timedelta(hours=2),
    )
    # Same status as `a`, so the status sort shows the id tiebreak.
    return [a, b, c]


def _listed(client, **params):
    response = client.get(reverse("cases:list"), params)
    assert response.status_code == 200
    return response, [c.reference for c in response.context["page"].object_list]


@pytest.mark.parametrize("key", KEYS)
def test_case_list_sorts_ascending_and_descending_by_each_column(client_for, manager, cases, key):
    client = client_for(manager)
    for sort, descending in ((key, False), (f"-{key}", True)):
        response, refs = _listed(client, sort=sort)
        assert refs == _expected(cases, key, descending), sort
        sorted_headers = [col for col in response.context["columns"] if col["aria_sort"]]
        assert [(col["key"], col["aria_sort"]) for col in sorted_headers] == [
            (key, "descending" if descending else "ascending")
        ]
        html = response.content.decode()
        assert len(re.findall(r"aria-sort=", html)) == 1
        # The header of the sorted column links to the other direction, keeping the other filters.
        toggled = key if descending else f"-{key}"
        assert f'href="?sort={toggled}"' in html


def test_default_order_is_newest_first_and_marked_on_the_received_column(client_for, manager, cases):
    response, refs = _listed(client_for(manager))
    assert refs == _expected(cases, "received_at", descending=True)
    assert 'aria-sort="descending"' in response.content.decode()
    assert [col["key"] for col in response.context["columns"] if col["aria_sort"]] == ["received_at"]


@pytest.mark.parametrize("sort", ["body", "-body", "organization__name", "--subject", "id); DROP TABLE x", "Urgency"])
def test_unknown_sort_key_is_ignored(client_for, manager, cases, sort):
    _response, refs = _listed(client_for(manager), sort=sort)
    assert refs == _expected(cases, "received_at", descending=True)


def test_sort_is_kept_in_the_pager_links(client_for, tier1_staff, manager):
    from madoguchi.cases import views

    for i in range(views.PAGE_SIZE + 1):
        make_case(actor=tier1_staff, subject=f"件名{i:03d}", email=f"p{i}@example.jp", phone=f"03-0000-{i:04d}")
    response, refs = _listed(client_for(manager), sort="subject")
    assert refs[0] == min(refs)  # references follow creation order here, as subjects do
    assert "sort=subject&amp;page=2" in response.content.decode()


def test_keyword_search_keeps_the_requested_sort(client_for, tier1_staff, manager):
    # The keyword filter (knowledge's index) narrows the list's own queryset, so the sort survives it.
    first = make_case(actor=tier1_staff, subject="B ランサムウェア被害", body="ファイルが暗号化された")
    second = make_case(actor=tier1_staff, subject="A ランサムウェアの相談", body="暗号化の脅迫", email="b@example.jp")
    make_case(actor=tier1_staff, subject="C 関係のない相談", body="パスワードの管理", email="c@example.jp")
    client = client_for(manager)
    _response, refs = _listed(client, q="暗号化", sort="subject")
    assert refs == [second.reference, first.reference]
    _response, refs = _listed(client, q="暗号化", sort="-subject")
    assert refs == [first.reference, second.reference]


def test_sorting_by_a_related_column_costs_no_query_per_row(client_for, tier1_staff, tier2_staff, manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from madoguchi.cases.models import SavedCaseView
    from madoguchi.testing.factories import dispatched_case

    def seed(start, n):
        for i in range(start, start + n):
            case = dispatched_case(tier1=tier1_staff, org_name=f"合同会社テスト{i}", email=f"q{i}@example.jp")
            services.case_assign(actor=manager, case=case, assignee=tier2_staff)
            SavedCaseView.objects.create(owner=manager, name=f"条件{i}", query="sort=-assignee", shared=i % 2 == 0)

    def count(client):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("cases:list"), {"sort": "-assignee"}).status_code == 200
        return len(ctx.captured_queries)

    client = client_for(manager)
    seed(0, 3)
    few = count(client)
    seed(3, 20)
    assert count(client) == few
