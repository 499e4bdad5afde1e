"""After-save hooks (search index, triage) are told who saved and what changed, and run only for their inputs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from madoguchi.cases import extensions, services
from madoguchi.cases.choices import Category, Urgency
from madoguchi.cases.workflow import Status
from madoguchi.knowledge.models import SearchEntry
from madoguchi.testing.factories import make_case
from madoguchi.triage.models import Decision, TriageSuggestion

pytestmark = pytest.mark.django_db


def _tables_written(queries: CaptureQueriesContext) -> str:
    return "\n".join(q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")))


def test_status_only_change_reindexes_no_text_and_runs_no_triage(tier1_staff):
    case = make_case(actor=tier1_staff)
    entry = SearchEntry.objects.get(kind="case", object_id=case.pk)
    suggestion = TriageSuggestion.objects.get(case=case)
    with CaptureQueriesContext(connection) as queries:
        services.case_hold_for_callback(
            actor=tier1_staff, case=case, phone="03-0000-0000", due_at=timezone.now() + dt.timedelta(hours=1)
        )
    written = _tables_written(queries)
    assert "triage_triagesuggestion" not in written
    # Only the status column of the entry moves (the search filter by status); text and postings stay.
    entry_writes = [line for line in written.splitlines() if "knowledge_searchentry" in line]
    assert len(entry_writes) == 1 and '"title_norm"' not in entry_writes[0]
    assert "knowledge_searchtag" not in written
    entry.refresh_from_db()
    assert entry.status == Status.ON_HOLD
    assert TriageSuggestion.objects.get(pk=suggestion.pk).decision == Decision.PENDING


def test_text_change_reindexes_the_case(tier1_staff):
    case = make_case(actor=tier1_staff)
    services.case_update_intake(
        actor=tier1_staff, case=case, expected_version=case.version, body="ランサムウェアの脅迫文が届いた"
    )
    assert "ランサムウェア" in SearchEntry.objects.get(kind="case", object_id=case.pk).body


def test_tag_change_alone_reindexes_the_case(tier1_staff):
    case = make_case(actor=tier1_staff)
    services.case_update_intake(actor=tier1_staff, case=case, expected_version=case.version, tags=["標的型"])
    assert SearchEntry.objects.get(kind="case", object_id=case.pk).tags == "|標的型|"


def test_category_decision_is_credited_to_the_actor_the_hook_is_given(tier1_staff, tier2_staff):
    case = make_case(actor=tier1_staff)
    services.case_triage(
        actor=tier2_staff,
        case=case,
        expected_version=case.version,
        category=Category.CRIME,
        urgency=Urgency.NORMAL,
        police_referral=False,
    )
    suggestion = TriageSuggestion.objects.get(case=case)
    assert suggestion.decision != Decision.PENDING
    assert suggestion.decided_by == tier2_staff


def test_a_hook_sees_actor_and_changed_fields_and_is_skipped_for_other_fields(tier1_staff, tier2_staff, monkeypatch):
    seen: list[extensions.CaseSaved] = []
    monkeypatch.setattr(extensions, "_after_save", list(extensions._after_save))
    extensions.register_after_save(seen.append, inputs={"assessment"})
    case = make_case(actor=tier1_staff)
    assert [(s.created, s.actor) for s in seen] == [(True, tier1_staff)], "a new case runs every hook"
    case = services.case_update_intake(actor=tier1_staff, case=case, expected_version=case.version, subject="件名変更")
    case = services.case_take(actor=tier2_staff, case=case)
    assert len(seen) == 1, "neither a subject nor a status change is this hook's input"
    services.case_update_assessment(
        actor=tier2_staff, case=case, expected_version=case.version, assessment="添付は実行ファイルだった"
    )
    assert len(seen) == 2
    assert seen[1].actor == tier2_staff and seen[1].changed == {"assessment"} and not seen[1].created


def test_saving_the_same_values_changes_nothing_and_runs_no_hook(tier1_staff, monkeypatch):
    seen: list[extensions.CaseSaved] = []
    monkeypatch.setattr(extensions, "_after_save", [])
    extensions.register_after_save(seen.append, inputs={"subject", "body", "category", "urgency"})
    case = make_case(actor=tier1_staff, category=Category.PREVENTION)
    seen.clear()
    services.case_triage(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.PREVENTION,
        urgency=case.urgency,
        police_referral=case.police_referral,
    )
    assert seen == []
