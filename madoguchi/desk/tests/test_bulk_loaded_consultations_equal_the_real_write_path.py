"""Bulk-loaded consultations are what the desk itself would hold: same index rows, pages, search, numbering."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from madoguchi.answers.models import AnswerDraft
from madoguchi.cases.models import Case, CaseEvent, ReferenceCounter
from madoguchi.desk import bulk_load
from madoguchi.knowledge.models import SearchEntry, SearchTag
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

FIELDS = (
    "kind", "object_id", "title", "body", "title_norm", "body_norm", "category", "status", "channel",
    "received_at", "tags", "visibility", "url",
)  # fmt: skip


def _index() -> tuple[list[tuple[object, ...]], list[tuple[int, str]], list[tuple[int, str]]]:
    entries = sorted(SearchEntry.objects.filter(kind="case").values_list(*FIELDS))
    postings = sorted(SearchTag.objects.values_list("entry__object_id", "tag"))
    bigrams: list[tuple[int, str]] = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT object_id, bigrams::text FROM knowledge_searchentry WHERE kind = 'case'")
            bigrams = sorted(cur.fetchall())
    return entries, postings, bigrams


@pytest.fixture
def loaded(tier1_staff):
    before = make_case(actor=tier1_staff, subject="一括投入の前からある相談")
    result = bulk_load.load(count=50, years=2, seed=7)
    return before, result


def test_rebuilding_the_index_after_a_bulk_load_changes_no_row(loaded):
    _before, result = loaded
    bulk = _index()
    assert len(bulk[0]) == 51
    assert result.rows["search_entries"] == 50
    assert bulk[1], "some loaded cases carry tags"
    call_command("rebuild_search_index", stdout=None)
    assert _index() == bulk


def test_a_bulk_loaded_case_page_renders_with_its_timeline_and_answer(loaded, manager, client_for):
    case = Case.objects.filter(answers__isnull=False).exclude(created_by=manager).order_by("id").first()
    assert case is not None
    draft = AnswerDraft.objects.get(case=case)
    assert CaseEvent.objects.filter(case=case, kind="answer_sent", data__draft_id=draft.pk).exists()
    response = client_for(manager).get(case.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert case.reference in page
    assert case.organization.name in page


def test_staff_search_finds_a_bulk_loaded_case_by_its_organisation(loaded, manager, client_for):
    case = Case.objects.exclude(subject="一括投入の前からある相談").order_by("-id").first()
    response = client_for(manager).get("/staff/knowledge/search/", {"q": case.organization.name})
    assert response.status_code == 200
    assert case.get_absolute_url() in response.content.decode()


def test_references_are_unique_and_the_next_case_gets_the_next_number(loaded, tier1_staff):
    before, _result = loaded
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(references) == len(set(references)) == 51
    now = timezone.now()
    counter = ReferenceCounter.objects.get(year=timezone.localtime(now).year)
    assert counter.last_value == sum(1 for r in references if r.startswith(f"{timezone.localtime(now).year}-"))
    # The real write path after the load: every table's next id is free (organisation, person, case,
    # timeline, search entry) and the reference continues the counter.
    after = make_case(actor=tier1_staff, org_name="株式会社あとから（架空）", email="later@example.jp", received_at=now)
    assert after.reference == f"{timezone.localtime(now).year}-{counter.last_value + 1:05d}"
    assert after.pk > Case.objects.exclude(pk=after.pk).order_by("-pk").values_list("pk", flat=True).first()
    assert SearchEntry.objects.filter(kind="case", object_id=after.pk).exists()
    assert before.pk < after.pk


def test_bulk_loaded_cases_spread_over_the_years_and_states(loaded):
    cases = Case.objects.exclude(subject="一括投入の前からある相談")
    oldest = cases.order_by("received_at").first().received_at
    assert timezone.now() - oldest > dt.timedelta(days=300)
    assert cases.values("status").distinct().count() >= 2
    assert cases.values("category").distinct().count() >= 4
    assert cases.values("channel").distinct().count() >= 3
    assert cases.values("organization").distinct().count() >= 10
