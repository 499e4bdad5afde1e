"""The case workflow, written out by hand: every allowed move between statuses, and nothing else.

A move added or removed in `cases.workflow.ALLOWED_TRANSITIONS` is a deliberate edit of both places. The mutation
run (scripts/mutation.py) found that leaving a status out of the table survived the behaviour tests.
"""

from __future__ import annotations

from madoguchi.cases.workflow import ALLOWED_TRANSITIONS, OPEN_STATUSES, Status, can_transition

S = Status

AGREED: dict[Status, set[Status]] = {
    S.RECEIVED: {S.ON_HOLD, S.DISPATCHED, S.ANSWERED, S.CLOSED, S.MERGED},
    S.ON_HOLD: {S.RECEIVED, S.DISPATCHED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED, S.MERGED},
    S.DISPATCHED: {S.IN_PROGRESS, S.RECEIVED, S.MERGED},
    S.IN_PROGRESS: {S.ON_HOLD, S.AWAITING_APPROVAL, S.ANSWERED, S.MERGED},
    S.AWAITING_APPROVAL: {S.APPROVED, S.IN_PROGRESS},
    S.APPROVED: {S.ANSWERED, S.IN_PROGRESS},
    S.ANSWERED: {S.CLOSED, S.IN_PROGRESS},
    S.CLOSED: {S.IN_PROGRESS, S.RECEIVED},
    S.MERGED: set(),
}


def test_every_status_has_exactly_the_agreed_next_statuses() -> None:
    assert {status: set(targets) for status, targets in ALLOWED_TRANSITIONS.items()} == AGREED


def test_can_transition_answers_from_the_table_for_every_pair() -> None:
    for current in Status:
        for target in Status:
            assert can_transition(current, target) is (target in AGREED[current]), (current, target)


def test_an_unknown_status_goes_nowhere() -> None:
    assert not any(can_transition("unknown", target) for target in Status)


def test_closed_and_merged_are_the_only_statuses_that_are_not_open() -> None:
    assert set(Status) - OPEN_STATUSES == {S.CLOSED, S.MERGED}
