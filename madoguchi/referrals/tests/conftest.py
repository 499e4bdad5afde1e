"""Fixtures of the referral tests: the shipped reference data, loaded through the real command."""

from __future__ import annotations

import io

import pytest


@pytest.fixture
def reference_data(db):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("load_reference_data", app=["referrals"], stdout=out)
    return out.getvalue()


@pytest.fixture
def tier2_case(db, tier1_staff):
    from madoguchi.cases.choices import Category
    from madoguchi.testing.factories import dispatched_case

    return dispatched_case(
        tier1=tier1_staff,
        category=Category.CRIME,
        subject="ネットバンキングで不正送金された",
        body="経理担当がネットバンキングを確認したところ、身に覚えのない振込があり預金残高が減っていた。",
    )
