"""The kind filter offers only kinds the index holds: no filter that cannot find anything."""

import pytest
from django.urls import reverse

from madoguchi.knowledge.forms import SearchForm

pytestmark = pytest.mark.django_db


def test_articles_are_not_offered_until_they_exist():
    offered = {value for value, _label in SearchForm().fields["kind"].choices}
    assert offered == {"", "case", "faq", "referral", "law"}


def test_search_page_shows_only_searchable_kinds(client_for, manager):
    html = client_for(manager).get(reverse("knowledge:search")).content.decode()
    assert 'value="referral"' in html
    assert 'value="law"' in html
    assert 'value="faq"' in html
    assert 'value="article"' not in html
