"""The queue badge: progress per case, one query for a whole page when the list prefetches runs."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from madoguchi.cases.models import Case
from madoguchi.playbooks import selectors, services
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db

ROW = Template("{% load playbooks %}{% for c in cases %}[{% playbook_progress c %}]{% endfor %}")


def _seed(n, tier1, tier2, template):
    for i in range(n):
        case = dispatched_case(
            tier1=tier1, subject=f"漏えい相談{i}", email=f"p{i}@example.jp", phone=f"03-0000-{i:04d}"
        )
        run = services.playbook_start(actor=tier2, case=case, template=template)
        services.item_set_done(actor=tier2, item=run.items.first(), done=True)


def _render_count():
    cases = Case.objects.order_by("pk").prefetch_related("playbook_runs")
    with CaptureQueriesContext(connection) as ctx:
        html = ROW.render(Context({"cases": cases}))
    return html, len(ctx.captured_queries)


def test_badge_shows_done_and_total(tier1_staff, tier2_staff, leak_template):
    _seed(1, tier1_staff, tier2_staff, leak_template)
    html, _queries = _render_count()
    total = leak_template.items.count()
    assert f"情報漏えい 1/{total}" in html


def test_badge_costs_the_same_queries_for_few_and_many_cases(tier1_staff, tier2_staff, leak_template):
    _seed(2, tier1_staff, tier2_staff, leak_template)
    _html, few = _render_count()
    _seed(8, tier1_staff, tier2_staff, leak_template)
    _html, many = _render_count()
    assert few == many == 2  # cases + runs


def test_progress_by_case_reads_all_runs_in_one_query(tier1_staff, tier2_staff, leak_template):
    _seed(3, tier1_staff, tier2_staff, leak_template)
    ids = list(Case.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as ctx:
        progress = selectors.progress_by_case(case_ids=ids)
    assert len(ctx.captured_queries) == 1
    assert all(runs[0].done_count == 1 for runs in progress.values())
    assert set(progress) == set(ids)


def test_badge_escapes_the_run_title(tier1_staff, tier2_staff, leak_template):
    # Built in Python (a queue page has up to 80 rows), with format_html: the title is escaped as a template would.
    _seed(1, tier1_staff, tier2_staff, leak_template)
    Case.objects.get().playbook_runs.update(title='<img src=x onerror="alert(1)">')

    html, _queries = _render_count()

    assert "<img" not in html
    assert '[<span class="badge playbook-progress" title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;">' in html
