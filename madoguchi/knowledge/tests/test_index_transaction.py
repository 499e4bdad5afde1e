"""The index is written in the record's own transaction: rolled back together, updated together."""

import pytest
from django.db import transaction

from madoguchi.cases import services
from madoguchi.cases.access import visible_cases
from madoguchi.cases.choices import Category, Urgency
from madoguchi.knowledge.models import SearchEntry
from madoguchi.knowledge.search.service import search

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def test_a_rolled_back_case_save_leaves_no_index_row(case_maker, manager):
    with pytest.raises(Boom), transaction.atomic():
        case_maker("ロールバックされる相談", "この相談は保存されない。")
        assert SearchEntry.objects.filter(title="ロールバックされる相談").exists()
        raise Boom
    assert not SearchEntry.objects.exists()
    assert search(query="ロールバック", restrict={"case": visible_cases(user=manager)}).hits == []
    assert search(query="保存", restrict={"case": visible_cases(user=manager)}).hits == []


def test_an_update_reindexes_the_case(case_maker, tier1_staff, manager):
    case = case_maker("件名未確定", "最初の記録。")
    services.case_update_intake(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        subject="偽警告の電話番号に電話した",
        body="サポート詐欺の画面に表示された番号に電話した。",
        tags=["サポート詐欺"],
    )
    restrict = {"case": visible_cases(user=manager)}
    assert search(query="件名未確定", restrict=restrict).hits == []
    assert [h.title for h in search(query="詐欺", restrict=restrict).hits] == ["偽警告の電話番号に電話した"]
    assert SearchEntry.objects.get(object_id=case.pk).tag_list == ["サポート詐欺"]
    case.refresh_from_db()
    services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.CRIME,
        urgency=Urgency.NORMAL,
        police_referral=True,
    )
    assert SearchEntry.objects.get(object_id=case.pk).category == Category.CRIME
    assert SearchEntry.objects.count() == 1
