"""Other apps add report sections, retention types and handbook chapters through a report_hooks module."""

import types

import pytest

from madoguchi.reports import handbook, registry
from madoguchi.reports.retention import record_types
from madoguchi.reports.sections import build_report, default_period
from madoguchi.reports.services import apply_retention

pytestmark = pytest.mark.django_db


def _seminars(start, end):
    return {
        "title": "セミナーと参加者数",
        "columns": ["月", "回数", "参加者"],
        "rows": [["2026-11", 2, 85]],
        "chart": {"labels": ["2026-11"], "values": [85], "unit": "人"},
    }


def _faq_chapter():
    return {"title": "よくある質問", "blocks": [{"heading": "パスワード", "text": "使い回さない。"}]}


ANONYMISED: list[object] = []


def _due_requests(cutoff):
    # Stands in for outreach's guidebook requests: any model row will do; users are always there.
    from madoguchi.accounts.models import User

    return list(User.objects.filter(username="tier1"))


@pytest.fixture
def outreach_hooks(monkeypatch):
    ANONYMISED.clear()
    module = types.SimpleNamespace(
        REPORT_SECTIONS=[("seminars", 95, _seminars)],
        RETENTION_TYPES=[("guidebook_request", "ガイドブック送付依頼", 12, _due_requests, ANONYMISED.append)],
        HANDBOOK_CHAPTERS=[("faq", 80, _faq_chapter)],
    )
    monkeypatch.setattr(registry, "_hook_modules", lambda: [module])


def test_a_contributed_section_joins_the_report_with_number_columns(outreach_hooks):
    tables = build_report(default_period())
    assert tables[-1].key == "seminars"
    assert tables[-1].rows == [["2026-11", 2, 85]]
    assert tables[-1].numeric_columns == frozenset({1, 2})
    assert tables[-1].chart.unit == "人"


def test_a_contributed_record_type_is_anonymised_once_by_the_run(outreach_hooks, tier1_staff):
    assert "guidebook_request" in [t.key for t in record_types()]
    assert apply_retention(actor=None, dry_run=True).counts["guidebook_request"] == 1
    assert ANONYMISED == []
    assert apply_retention(actor=None, dry_run=False).counts["guidebook_request"] == 1
    assert apply_retention(actor=None, dry_run=False).counts["guidebook_request"] == 0
    assert [u.pk for u in ANONYMISED] == [tier1_staff.pk]


def test_a_contributed_chapter_joins_the_handbook(outreach_hooks):
    chapters = handbook.build().chapters
    faq = next(c for c in chapters if c.key == "faq")
    assert faq.blocks[0].text == "使い回さない。"
    assert [c.key for c in chapters].index("faq") == [c.key for c in chapters].index("playbooks") + 1


def test_the_desks_own_sections_and_the_faq_section_of_knowledge():
    assert [t.key for t in build_report(default_period())] == [
        "monthly_total",
        "by_category",
        "by_channel",
        "by_industry",
        "by_employee_band",
        "by_area",
        "response_times",
        "callbacks",
        "top_faq_used",  # madoguchi/knowledge/report_hooks.py
    ]
