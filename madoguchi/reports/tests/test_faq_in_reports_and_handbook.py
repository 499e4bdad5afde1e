"""The knowledge app's report hooks: the FAQ answers used most, and the published FAQ as a handbook chapter."""

import datetime as dt

import pytest

from madoguchi.knowledge.models import FaqEntry, FaqUse
from madoguchi.reports import handbook
from madoguchi.reports.registry import Period
from madoguchi.reports.sections import build_report
from madoguchi.reports.tests.helpers import at, consultation

pytestmark = pytest.mark.django_db


def _faq(author, title, *, status="published", visibility="internal"):
    from django.utils import timezone

    from madoguchi.testing.factories import UserFactory

    published = status == "published"
    reviewer = UserFactory(username="faq-reviewer", role="manager") if published else None
    return FaqEntry.objects.create(
        reviewed_by=reviewer,
        reviewed_at=timezone.now() if published else None,
        published_at=timezone.now() if published else None,
        title=title,
        questions=[f"{title}はどうすればよいですか"],
        measures="多要素認証を設定してください。",
        status=status,
        visibility=visibility,
        created_by=author,
    )


def test_top_faq_used_counts_uses_in_the_period(tier1_staff, tier2_staff):
    case = consultation(actor=tier1_staff, received_at=at(2026, 11))
    password = _faq(tier2_staff, "パスワードの使い回し")
    phishing = _faq(tier2_staff, "フィッシングメール")
    for faq, when in [
        (password, at(2026, 11)),
        (password, at(2026, 11, 20)),
        (phishing, at(2026, 11)),
        (phishing, at(2026, 9)),
    ]:
        use = FaqUse.objects.create(faq=faq, case=case, used_by=tier2_staff)
        FaqUse.objects.filter(pk=use.pk).update(used_at=when)
    (table,) = build_report(Period(start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 1)), only="top_faq_used")
    assert table.rows == [["パスワードの使い回し", 2], ["フィッシングメール", 1]]
    assert table.numeric_columns == frozenset({1})


def test_handbook_lists_published_faq_of_both_scopes_only(tier2_staff):
    _faq(tier2_staff, "職員向けの質問")
    _faq(tier2_staff, "公開の質問", visibility="public")
    _faq(tier2_staff, "下書きの質問", status="draft")
    chapter = next(c for c in handbook.build().chapters if c.key == "faq")
    headings = [b.heading for b in chapter.blocks]
    assert headings == ["公開の質問（公開サイトにも掲載）", "職員向けの質問（職員のみ）"]
    assert "① 多要素認証を設定してください。" in chapter.blocks[0].text
