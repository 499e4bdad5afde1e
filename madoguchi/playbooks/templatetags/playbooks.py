"""Badges for queue rows and deadlines.

`{% playbook_progress c %}` reads `c.playbook_runs.all()`: with `.prefetch_related("playbook_runs")` on the
list's queryset a whole page costs one query, because runs carry their own done/total counters.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from madoguchi.cases.models import Case
from madoguchi.core.templatetags.jp import jdate, jdatetime
from madoguchi.playbooks.clocks import Deadline
from madoguchi.playbooks.models import RunStatus

register = template.Library()


@register.inclusion_tag("staff/playbooks/_progress_badge.html")
def playbook_progress(case: Case) -> dict[str, Any]:
    all_runs = case.playbook_runs.all()
    runs = [r for r in all_runs if r.status == RunStatus.ACTIVE]
    return {"runs": runs}


@register.filter
def deadline_due(deadline: Deadline) -> str:
    """「2026年5月1日(金)まで」 for day-based clocks, the exact time for hour-based ones."""
    if deadline.due_date is not None:
        return f"{jdate(deadline.due_date)}まで"
    if deadline.due_at is not None:
        return f"{jdatetime(timezone.localtime(deadline.due_at))}まで"
    return "速やかに"
