import pytest

from madoguchi.cases import services
from madoguchi.cases.workflow import ALLOWED_TRANSITIONS, Status, can_transition
from madoguchi.core.errors import DomainError, TransitionNotAllowed
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db


def test_every_status_has_an_entry_in_the_table():
    assert set(ALLOWED_TRANSITIONS) == set(Status.values)


def test_merged_is_final():
    assert ALLOWED_TRANSITIONS[Status.MERGED] == frozenset()
    assert not can_transition(Status.MERGED, Status.IN_PROGRESS)


def test_closing_a_dispatched_case_that_was_never_answered_is_refused_with_a_japanese_message(tier1_staff, tier2_staff):
    case = dispatched_case(tier1=tier1_staff)
    with pytest.raises(TransitionNotAllowed) as info:
        services.case_close(actor=tier2_staff, case=case, expected_version=case.version, resolution="終わり")
    assert "「二次対応待ち」の案件を「完了」にすることはできません" in info.value.message
    case.refresh_from_db()
    assert case.status == Status.DISPATCHED


def test_reopen_needs_a_reason_and_returns_to_the_right_tier(tier1_staff, tier2_staff):
    case = make_case(actor=tier1_staff, category="guidebook_request")
    case = services.case_answer_at_front_and_close(
        actor=tier1_staff, case=case, expected_version=case.version, answer="送付"
    )
    with pytest.raises(DomainError, match="理由"):
        services.case_reopen(actor=tier2_staff, case=case, reason="")
    case = services.case_reopen(actor=tier2_staff, case=case, reason="届いていないと再連絡")
    assert case.status == Status.RECEIVED and case.closed_at is None


def test_merge_closes_duplicate_and_notes_it_on_the_survivor(tier1_staff, tier2_staff):
    first = make_case(actor=tier1_staff)
    duplicate = make_case(actor=tier1_staff)
    merged = services.case_merge(actor=tier2_staff, case=duplicate, into=first, reason="同じ電話の二重登録")
    assert merged.status == Status.MERGED and merged.merged_into == first
    assert first.events.filter(text__contains=duplicate.reference).exists()
    with pytest.raises(TransitionNotAllowed):
        services.case_merge(actor=tier2_staff, case=merged, into=first)
    with pytest.raises(DomainError, match="同じ案件"):
        services.case_merge(actor=tier2_staff, case=first, into=first)
