"""A note longer than the limit is refused next to the field, with the typed text kept and nothing stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.cases.models import CaseEvent
from madoguchi.core import limits
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def _post_note(client, case, text: str):
    return client.post(reverse("cases:note", args=[case.reference]), {"note-kind": "note", "note-text": text})


def test_note_over_the_limit_is_refused_and_kept(client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    text = "調査メモ" + "あ" * limits.NOTE  # one note of 10,004 characters
    events_before = CaseEvent.objects.filter(case=case).count()

    response = _post_note(client_for(tier1_staff), case, text)

    html = response.content.decode()
    assert response.status_code == 400
    assert f"{limits.NOTE}文字以内で入力してください（現在{len(text)}文字）。" in html
    assert text in html  # the textarea still holds what was typed
    assert f'maxlength="{limits.NOTE}"' not in html  # no silent browser truncation of a long paste
    assert CaseEvent.objects.filter(case=case).count() == events_before


def test_note_at_the_limit_is_stored(client_for, tier1_staff):
    case = make_case(actor=tier1_staff)
    text = "あ" * limits.NOTE

    response = _post_note(client_for(tier1_staff), case, text)

    assert response.status_code == 302
    assert CaseEvent.objects.filter(case=case, text=text).exists()
