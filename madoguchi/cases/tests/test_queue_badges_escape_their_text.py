"""The queue rows' 「推定」 badge is built in Python, not in an included template, because a queue page shows up
to 80 rows: its text is still escaped, and translated per request. (The playbook progress badge:
madoguchi/playbooks/tests/test_queue_progress_badge.py.)"""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

BADGE = Template("{% load case_labels %}{% suggested_badge kind label %}")


def test_the_suggested_badge_escapes_its_label_and_kind():
    html = BADGE.render(Context({"kind": 'x" onmouseover="alert(1)', "label": "<b>至急</b>"}))

    assert "<b>" not in html and "&lt;b&gt;至急&lt;/b&gt;" in html
    assert 'onmouseover="' not in html
    assert html.startswith('<span class="badge suggested x&quot; onmouseover=&quot;alert(1)"')


def test_the_suggested_badge_is_translated_per_request():
    with translation.override("ja"):
        ja = BADGE.render(Context({"kind": "urgent", "label": "至急"}))
    with translation.override("en"):
        en = BADGE.render(Context({"kind": "urgent", "label": "Urgent"}))

    assert 'title="AI による推定（未確定）"' in ja and "推定: 至急</span>" in ja
    assert 'title="AI suggestion (not decided)"' in en and "Suggested: Urgent</span>" in en
