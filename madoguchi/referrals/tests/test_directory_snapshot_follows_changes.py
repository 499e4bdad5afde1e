"""The case screen's referral suggestions come from a per-process snapshot that follows every directory change.

Unchanged, the directory is read once and each suggestion costs one query (the change token); after any write
(here one that bypasses the services, as the admin or SQL would) the next suggestion reads the new rows.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from madoguchi.referrals.directory import snapshot
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.referrals.suggest import suggest_for_text

pytestmark = pytest.mark.django_db

TEXT = "経理担当がネットバンキングを確認したところ、身に覚えのない振込があり預金残高が減っていた。"


def _codes_and_names() -> list[tuple[str, str]]:
    found = suggest_for_text(text=TEXT, category="crime")
    return [(org.code, str(org)) for org, _reasons in found.organizations]


def test_an_unchanged_directory_is_read_once_and_then_costs_one_query(reference_data):
    first = _codes_and_names()
    builds = snapshot().builds
    with CaptureQueriesContext(connection) as queries:
        again = _codes_and_names()
    assert again == first
    assert snapshot().builds == builds
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_change_by_any_path_shows_in_the_next_suggestion(reference_data):
    before = _codes_and_names()
    code = before[0][0]
    ReferralOrganization.objects.filter(code=code).update(short_name="改名した紹介先（テスト）")
    after = _codes_and_names()
    assert (code, "改名した紹介先（テスト）") in after

    ReferralOrganization.objects.filter(code=code).update(categories=[])
    org = ReferralOrganization.objects.get(code=code)
    org.situations.clear()
    assert code not in [c for c, _name in _codes_and_names()]
