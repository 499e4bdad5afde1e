"""rebuild_search_index recreates the index from the cases, dropping stale and orphaned entries."""

import pytest
from django.core.management import call_command

from madoguchi.cases.access import visible_cases
from madoguchi.cases.models import Case
from madoguchi.knowledge.models import SearchEntry
from madoguchi.knowledge.search import service

pytestmark = pytest.mark.django_db


def test_rebuild_restores_every_case_and_drops_orphans(case_maker, manager, capsys):
    for i in range(5):
        case_maker(f"情報漏洩の相談{i}", f"顧客情報が漏えいした可能性がある。番号{i}")
    # Damage the index: an orphan entry, a stale row written behind the service's back, a lost row.
    service.index_document(kind="case", object_id=999_999, title="存在しない案件", body="孤立した索引")
    Case.objects.filter(subject="情報漏洩の相談0").update(subject="件名を直接変更")
    service.remove_document(kind="case", object_id=Case.objects.get(subject="情報漏洩の相談1").pk)

    call_command("rebuild_search_index", "--batch-size", "2")

    assert "5 件" in capsys.readouterr().out
    assert SearchEntry.objects.count() == 5
    restrict = {"case": visible_cases(user=manager)}
    assert service.search(query="孤立", restrict=restrict).hits == []
    assert service.search(query="漏洩", restrict=restrict).total == 5
    assert service.search(query="洩", restrict=restrict).total == 5
    assert [h.title for h in service.search(query="直接変更", restrict=restrict).hits] == ["件名を直接変更"]


def test_the_case_hook_still_works_after_a_rebuild(case_maker, manager):
    case_maker("最初の相談", "最初")
    call_command("rebuild_search_index")
    case_maker("再構築後の相談", "再構築のあとに受け付けた。")
    restrict = {"case": visible_cases(user=manager)}
    assert [h.title for h in service.search(query="再構築", restrict=restrict).hits] == ["再構築後の相談"]
