"""The classification picker on the case screen is rendered once per change of the terms, escaped, and current."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.taxonomy.selectors import classification, picker_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(tier1_staff):
    call_command("load_reference_data", app=["taxonomy"], stdout=io.StringIO())
    from madoguchi.testing.factories import make_case

    return make_case(actor=tier1_staff)


def test_a_term_added_by_any_path_is_in_the_next_picker_and_escaped(case):
    scheme = Scheme.objects.first() or pytest.fail("the shipped taxonomies are loaded")
    before = classification(obj=case, with_choices=True)
    assert "<optgroup" in before.options
    Term.objects.create(scheme=scheme, code="xss-term", ref="X-1", label='<script>alert("分類")</script>')
    after = classification(obj=case, with_choices=True)
    assert "&lt;script&gt;alert(&quot;分類&quot;)&lt;/script&gt;" in after.options
    assert "<script>" not in after.options
    added = Term.objects.get(code="xss-term")
    assert f'<option value="{added.pk}">' in after.options
    assert any(added.pk == value for _group, rows in after.choices for value, _label in rows)


def test_an_unchanged_picker_is_not_read_again(case):
    classification(obj=case, with_choices=True)
    builds = picker_snapshot().builds
    with CaptureQueriesContext(connection) as queries:
        found = classification(obj=case, with_choices=True)
    assert picker_snapshot().builds == builds
    assert len(queries) == 2  # the case's own terms, and the terms' change token
    assert found.options.count("<option ") == Term.objects.count()
