"""The case screen does not run the similar-consultations search: it holds a placeholder whose link is the panel's
own URL (cases:panel), fetched by static/js/deferred-panels.js or opened as a page without JavaScript.

The panel's URL answers with the case screen's access rules, and only for deferred panels."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from madoguchi.cases import extensions
from madoguchi.testing.factories import alike_cases, dispatched_case

pytestmark = pytest.mark.django_db

FRAGMENT = {"HTTP_X_MADOGUCHI_FRAGMENT": "1"}


def _panel_url(case, key="similar"):
    return reverse("cases:panel", kwargs={"reference": case.reference, "key": key})


@pytest.fixture
def two_alike(tier1_staff):
    return alike_cases(actor=tier1_staff)


def test_the_case_screen_holds_a_placeholder_and_does_not_search(client_for, tier1_staff, two_alike):
    past, new = two_alike
    with CaptureQueriesContext(connection) as ctx:
        response = client_for(tier1_staff).get(new.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert not [q for q in ctx.captured_queries if "knowledge_searchentry" in q["sql"]], "no similarity search"
    assert f'data-panel-url="{_panel_url(new)}"' in html
    assert f'<a href="{_panel_url(new)}">「似た相談」を開く</a>' in html
    assert 'id="panel-similar"' in html, "the jump menu's anchor stays on the screen"
    assert past.reference not in html and "similar-item" not in html
    assert "js/deferred-panels" in html


def test_the_fragment_is_the_panel_alone(client_for, tier1_staff, two_alike):
    past, new = two_alike
    response = client_for(tier1_staff).get(_panel_url(new), **FRAGMENT)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card similar-panel" id="similar">')
    assert "<html" not in html
    assert past.reference in html
    assert "X-Madoguchi-Fragment" in response["Vary"]
    assert "no-store" in response["Cache-Control"], "like every staff page, never kept by the browser"


def test_without_javascript_the_link_opens_a_page_with_the_panel(client_for, tier1_staff, two_alike):
    past, new = two_alike
    response = client_for(tier1_staff).get(_panel_url(new))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and "<h1>" in html
    assert past.reference in html
    assert f'href="{new.get_absolute_url()}#panel-similar"' in html, "a way back to the case"


def test_the_similar_panel_is_registered_as_deferred():
    assert "similar" in extensions.deferred_keys()


@pytest.mark.parametrize("key", ["triage", "answers", "no-such-panel"])
def test_only_deferred_panels_have_a_url(client_for, tier1_staff, two_alike, key):
    _past, new = two_alike
    assert key not in extensions.deferred_keys()
    assert client_for(tier1_staff).get(_panel_url(new, key), **FRAGMENT).status_code == 404


def test_a_case_the_user_cannot_see_has_no_panel_either(client_for, tier1_staff, other_tier1_staff):
    hidden = dispatched_case(tier1=tier1_staff, subject="見えない相談", email="hidden@example.jp")
    response = client_for(other_tier1_staff).get(_panel_url(hidden), **FRAGMENT)
    assert response.status_code == 404
    assert "見えない相談" not in response.content.decode()
    assert client_for(tier1_staff).get(_panel_url(hidden), **FRAGMENT).status_code == 200


def test_anonymous_is_sent_to_login(client, two_alike):
    _past, new = two_alike
    response = client.get(_panel_url(new), **FRAGMENT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
