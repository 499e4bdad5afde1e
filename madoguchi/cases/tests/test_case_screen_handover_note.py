"""Tier 1's handover note (the text of the latest dispatch) is at the top of the case screen, not only in the
timeline (issue 10)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.cases import selectors, services
from madoguchi.cases.choices import EventKind, Urgency
from madoguchi.cases.models import CaseEvent
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

NOTE = "先方は本日15時まで在席。<b>送金前</b>なので至急。"


def _dispatch(case, tier1, note):
    return services.case_dispatch(
        actor=tier1,
        case=case,
        expected_version=case.version,
        category="crime",
        urgency=Urgency.HIGH,
        police_referral=False,
        note=note,
    )


def test_tier2_sees_the_handover_note_above_the_consultation(client_for, tier1_staff, tier2_staff):
    case = _dispatch(make_case(actor=tier1_staff), tier1_staff, NOTE)
    page = client_for(tier2_staff).get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert 'id="handover"' in page
    handover = page.index('id="handover"')
    # Above the consultation and the sticky bar, right under the heading; escaped like all staff-typed text.
    assert page.index("<h1>") < handover < page.index('id="case-bar"') < page.index('id="consultation"')
    top = page[handover : page.index('id="case-bar"')]
    assert "一次対応からの引継ぎメモ" in top
    assert "先方は本日15時まで在席。&lt;b&gt;送金前&lt;/b&gt;なので至急。" in top
    assert "一次 花子" in top
    assert "<b>送金前</b>" not in page


def test_tier1_still_sees_their_note_at_the_top_of_a_case_they_dispatched(client_for, tier1_staff):
    case = _dispatch(make_case(actor=tier1_staff), tier1_staff, NOTE)
    page = client_for(tier1_staff).get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert page.index('id="handover"') < page.index('id="consultation"')


def test_no_handover_box_without_a_note_or_before_dispatch(client_for, tier1_staff, tier2_staff):
    new = make_case(actor=tier1_staff)
    page = client_for(tier1_staff).get(reverse("cases:detail", args=[new.reference])).content.decode()
    assert 'id="handover"' not in page
    silent = _dispatch(make_case(actor=tier1_staff, subject="引継ぎメモなしで回付"), tier1_staff, "  ")
    page = client_for(tier2_staff).get(reverse("cases:detail", args=[silent.reference])).content.decode()
    assert 'id="handover"' not in page


def test_only_the_latest_dispatch_note_counts(tier1_staff):
    case = make_case(actor=tier1_staff)
    first = CaseEvent(case=case, kind=EventKind.DISPATCH, actor=tier1_staff, text="最初の回付メモ")
    note = CaseEvent(case=case, kind=EventKind.NOTE, actor=tier1_staff, text="通話メモ")
    again = CaseEvent(case=case, kind=EventKind.DISPATCH, actor=tier1_staff, text="")
    assert selectors.handover_note(events=[first, note]) is first
    # A later dispatch without a note replaces the old hand-over: the old note no longer applies.
    assert selectors.handover_note(events=[first, note, again]) is None
