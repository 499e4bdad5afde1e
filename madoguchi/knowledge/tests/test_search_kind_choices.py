"""The kind filter offers only kinds the index holds: no filter that cannot find anything."""

import pytest
from django.urls import reverse

from madoguchi.knowledge.forms import SearchForm

pytestmark = pytest.mark.django_db


def test_every_indexed_kind_is_offered():
    offered = {value for value, _label in SearchForm().fields["kind"].choices}
    assert offered == {"", "case", "faq", "article", "referral", "law"}


def test_search_page_shows_only_searchable_kinds(client_for, manager):
    html = client_for(manager).get(reverse("knowledge:search")).content.decode()
    for kind in ("referral", "law", "faq", "article"):
        assert f'value="{kind}"' in html
