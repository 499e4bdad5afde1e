"""Fixtures of the playbook suites: the shipped reference data loaded, and a leak case."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from madoguchi.cases.choices import Category

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def playbook_data(db):
    from madoguchi.playbooks import reference_loader

    return reference_loader.load(force=False, stdout=None)


@pytest.fixture
def leak_template(playbook_data):
    from madoguchi.playbooks.models import PlaybookTemplate

    return PlaybookTemplate.objects.get(code="leak_v1")


@pytest.fixture
def leak_case(tier1_staff):
    from madoguchi.testing.factories import dispatched_case

    return dispatched_case(
        tier1=tier1_staff,
        category=Category.URGENT_BREACH,
        subject="顧客名簿が外部に漏れたかもしれない",
        body="社内の共有フォルダが外部から見える設定になっていたと取引先から指摘された。",
    )


def tokyo(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TOKYO)  # type: ignore[misc]
