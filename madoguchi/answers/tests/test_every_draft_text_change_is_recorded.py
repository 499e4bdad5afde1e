"""Issue 9.1: every change of a draft's text is a revision with its author and a timeline event."""

import pytest

from madoguchi.answers import services
from madoguchi.answers.models import AnswerRevision
from madoguchi.answers.tests.helpers import case_in_progress
from madoguchi.cases.choices import EventKind

pytestmark = pytest.mark.django_db


def test_each_save_that_changes_the_text_is_a_revision_and_an_event(tier1_staff, tier2_staff, manager):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="初稿", referrals="", channel="email")
    draft = services.answer_save_draft(
        actor=manager,
        case=case,
        measures="課長の修正",
        referrals="警視庁",
        channel="email",
        expected_version=draft.version,
    )
    # Saving the same text again changes nothing and records nothing.
    draft = services.answer_save_draft(
        actor=tier2_staff,
        case=case,
        measures="課長の修正",
        referrals="警視庁",
        channel="email",
        expected_version=draft.version,
    )

    revisions = list(AnswerRevision.objects.filter(draft=draft).order_by("number"))
    assert [(r.number, r.author, r.measures, r.referrals) for r in revisions] == [
        (1, tier2_staff, "初稿", ""),
        (2, manager, "課長の修正", "警視庁"),
    ]
    saved = list(case.events.filter(kind=EventKind.ANSWER_DRAFT_SAVED).order_by("id"))
    assert [(e.actor, e.data["revision"], e.data["draft_id"]) for e in saved] == [
        (tier2_staff, 1, draft.pk),
        (manager, 2, draft.pk),
    ]


def test_revisions_are_append_only(tier1_staff, tier2_staff):
    case = case_in_progress(tier1=tier1_staff, tier2=tier2_staff)
    draft = services.answer_save_draft(actor=tier2_staff, case=case, measures="初稿", referrals="", channel="email")
    revision = draft.revisions.get()
    revision.measures = "後から書き換え"
    with pytest.raises(ValueError):
        revision.save()
