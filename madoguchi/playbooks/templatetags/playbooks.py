"""Badges for queue rows and deadlines.

`{% playbook_progress c %}` reads `c.playbook_runs.all()`: with `.prefetch_related("playbook_runs")` on the
list's queryset a whole page costs one query, because runs carry their own done/total counters.
"""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from madoguchi.cases.models import Case
from madoguchi.core.templatetags.jp import jdate, jdatetime
from madoguchi.playbooks.clocks import Deadline
from madoguchi.playbooks.models import RunStatus

register = template.Library()


@register.simple_tag
def playbook_progress(case: Case) -> SafeString:
    """One badge per active run. Built here, not in a template: a queue page shows it in each of up to 80 rows."""
    runs = [r for r in case.playbook_runs.all() if r.status == RunStatus.ACTIVE]
    return format_html_join(
        "",
        '<span class="badge playbook-progress" title="{}">{} {}/{}</span>',
        ((run.title, run.get_family_display(), run.done_count, run.total_count) for run in runs),
    )


@register.filter
def deadline_due(deadline: Deadline) -> str:
    """「2026年5月1日(金)まで」 for day-based clocks, the exact time for hour-based ones."""
    if deadline.due_date is not None:
        return f"{jdate(deadline.due_date)}まで"
    if deadline.due_at is not None:
        return f"{jdatetime(timezone.localtime(deadline.due_at))}まで"
    return "速やかに"
