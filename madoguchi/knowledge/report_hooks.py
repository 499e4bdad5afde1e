"""What the knowledge app gives the manager reports and the specialist handbook (found by reports.registry).

Plain data only: this module imports nothing from `reports` (docs/how-to/add-a-report-section.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.knowledge.models import FaqEntry, FaqStatus, FaqUse, FaqVisibility

TOP = 10


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(start, dt.time.min, tzinfo=tz), dt.datetime.combine(end, dt.time.min, tzinfo=tz)


def top_faq_used(start: dt.date, end: dt.date) -> dict[str, Any] | None:
    """The FAQ answers staff inserted most often in the period. Titles are reviewed, masked public text."""
    since, until = _bounds(start, end)
    counts = (
        FaqUse.objects.filter(used_at__gte=since, used_at__lt=until)
        .values("faq__title")
        .annotate(n=Count("id"))
        .order_by("-n", "faq__title")[:TOP]
    )
    rows: list[list[Any]] = [[row["faq__title"], row["n"]] for row in counts]
    return {
        "title": _("よく使われたよくある質問（上位%(n)s件）") % {"n": TOP},
        "columns": [_("よくある質問"), _("回答に使った回数")],
        "rows": rows,
        "chart": {"labels": [r[0] for r in rows], "values": [r[1] for r in rows], "unit": "回"},
    }


def faq_chapter() -> dict[str, Any] | None:
    entries = FaqEntry.objects.filter(status=FaqStatus.PUBLISHED).prefetch_related("referrals").order_by("title")
    blocks = []
    for entry in entries:
        scope = _("職員のみ") if entry.visibility == FaqVisibility.INTERNAL else _("公開サイトにも掲載")
        questions = "\n".join(f"・{q}" for q in entry.questions)
        referrals = "、".join(o.name for o in entry.referrals.all())
        text = f"{questions}\n\n① {entry.measures}" + (f"\n② {referrals}" if referrals else "")
        blocks.append({"heading": f"{entry.title}（{scope}）", "text": text})
    return {"title": _("よくある質問（公開・職員用）"), "blocks": blocks}


REPORT_SECTIONS = [("top_faq_used", 90, top_faq_used)]
HANDBOOK_CHAPTERS = [("faq", 80, faq_chapter)]
