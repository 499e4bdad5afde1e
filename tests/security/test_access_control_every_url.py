"""Access control for every URL: each one is classified here (a new URL fails the suite until it is), nothing
staff-only answers without a login, nothing of the API without a token, and no staff member reaches another
staff member's restricted case through any URL that takes a case reference (no IDOR).

Role-by-role expectations for the desk's screens live in madoguchi/cases/tests/test_role_action_matrix.py;
the API's role matrix is below."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.accounts.roles import Role
from madoguchi.api import services as api_services
from madoguchi.cases.models import Case, CaseEvent
from madoguchi.testing.factories import UserFactory, dispatched_case, make_case
from tests.security.urls import all_routes

pytestmark = pytest.mark.django_db

PUBLIC = {
    "intake:home",
    "intake:form",
    "intake:done",
    "intake:privacy",
    "referrals_public:directory",
    "set_language",
    "accounts:login",
    # The OpenAPI description: no data, only the shape of the API.
    "api:schema",
    # The public site's FAQ, casebook and guidebook request pages (published, reviewed content only).
    "faq_public:index",
    "faq_public:detail",
    "faq_public:term",
    "faq_public:search",
    "faq_public:links",
    "sitemap",
    "casebook_public:index",
    "casebook_public:detail",
    "casebook_public:booklet",
    "outreach_public:request",
    "outreach_public:done",
    # Load balancer probes: status only, no data.
    "ops:healthz",
    "ops:readyz",
}
# Reached by a logged-in user before the second factor (they refuse anonymous users like any staff page).
LOGIN_STEPS = {"accounts:logout", "accounts:otp_setup", "accounts:otp_verify"}
API = {
    "api:consultations",
    "api:consultation",
    "api:consultation_note",
    "api:triage",
    "api:directory",
    "api:directory_entry",
    "api:faq_list",
    "api:faq_entry",
}
ROUTES = all_routes()
STAFF = {r.name for r in ROUTES} - PUBLIC - LOGIN_STEPS - API


def test_every_url_is_classified():
    # Adding a URL fails here until it is placed in one of the sets above (and so under the checks below).
    names = {r.name for r in ROUTES}
    assert names == PUBLIC | LOGIN_STEPS | API | STAFF
    assert all(r.path.startswith("/staff/") for r in ROUTES if r.name in STAFF), "staff URLs live under /staff/"
    assert all(r.path.startswith("/api/") for r in ROUTES if r.name in API | {"api:schema"})


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name in STAFF | LOGIN_STEPS - {"accounts:logout"}], ids=str)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login_or_refused(route, method):
    response = getattr(Client(), method)(route.path)
    # 404: cases:lookup answers anonymous requests as if nothing were there.
    assert response.status_code in (302, 403, 404, 405), (route.name, response.status_code)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login")), response["Location"]


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name in API], ids=str)
@pytest.mark.parametrize("method", ["get", "post"])
def test_api_without_token_is_401(route, method):
    response = getattr(Client(), method)(route.path)
    assert response.status_code in (401, 405), (route.name, response.status_code)
    if response.status_code == 405:
        # Even the wrong method is only answered after authentication... or refused without data.
        assert b"reference" not in response.content


@pytest.fixture
def hidden_case(db, second_factor_optional):
    """A case dispatched to tier 2 by another front-line staff member: tier 1 below must not reach it."""
    owner = UserFactory(username="idor-owner", role=Role.FRONT)
    return dispatched_case(tier1=owner)


CASE_ROUTES = [r for r in ROUTES if "<str:reference>" in r.pattern or "(?P<reference>" in r.pattern]


def test_case_routes_are_found():
    assert {"cases:detail", "cases:note", "answers:send", "playbooks:start", "api:consultation"} <= {
        r.name for r in CASE_ROUTES
    }


@pytest.mark.parametrize("route", [r for r in CASE_ROUTES if r.name not in API], ids=str)
@pytest.mark.parametrize("method", ["get", "post"])
def test_front_line_staff_cannot_reach_another_members_back_office_case(client_for, hidden_case, route, method):
    intruder = UserFactory(username="idor-intruder", role=Role.FRONT)
    before = (Case.objects.get(pk=hidden_case.pk).version, CaseEvent.objects.filter(case=hidden_case).count())
    # key: the case screen's deferred panel (cases:panel), so that URL is checked on a panel that exists.
    url = route.path_with(reference=hidden_case.reference, key="similar")
    response = getattr(client_for(intruder), method)(url, {"text": "x"})
    assert response.status_code in (403, 404, 405), (route.name, response.status_code)
    assert hidden_case.body not in response.content.decode()
    after = (Case.objects.get(pk=hidden_case.pk).version, CaseEvent.objects.filter(case=hidden_case).count())
    assert after == before


@pytest.mark.parametrize("route", [r for r in CASE_ROUTES if r.name in API], ids=str)
@pytest.mark.parametrize("method", ["get", "post"])
def test_api_token_cannot_reach_another_members_back_office_case(hidden_case, route, method):
    intruder = UserFactory(username="idor-intruder", role=Role.FRONT)
    _token, raw = api_services.token_issue(actor=None, user=intruder, name="idor")
    client = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    url = route.path_with(reference=hidden_case.reference)
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, json.dumps({"text": "x"}), content_type="application/json")
    assert response.status_code in (404, 405), (route.name, response.status_code)
    assert CaseEvent.objects.filter(case=hidden_case, text="x").count() == 0


def test_the_same_routes_do_answer_the_owner(client_for, hidden_case):
    # Proves the 404s above come from the access check, not from a wrong URL.
    owner = Case.objects.get(pk=hidden_case.pk).created_by
    assert (
        client_for(owner).get(reverse("cases:detail", kwargs={"reference": hidden_case.reference})).status_code == 200
    )
    panel = reverse("cases:panel", kwargs={"reference": hidden_case.reference, "key": "similar"})
    assert client_for(owner).get(panel).status_code == 200


# --- the API's role matrix: every endpoint, every role, the real status -------------------------------------

API_MATRIX = [
    # (url name, method, body, expected status per role: front, back, manager, admin)
    ("api:consultations", "get", None, (200, 200, 200, 200)),
    ("api:consultations", "post", {}, (400, 400, 400, 403)),
    ("api:consultation", "get", None, (200, 200, 200, 200)),
    ("api:consultation_note", "post", {"text": "確認した"}, (201, 201, 201, 404)),
    ("api:triage", "post", {}, (400, 400, 400, 403)),
    ("api:directory", "get", None, (200, 200, 200, 200)),
    ("api:faq_list", "get", None, (200, 200, 200, 200)),
]


def test_api_matrix_covers_every_api_url():
    assert {name for name, *_ in API_MATRIX} | {"api:directory_entry", "api:faq_entry"} == API


@pytest.mark.parametrize(("role_index", "role"), list(enumerate([Role.FRONT, Role.BACK, Role.MANAGER, Role.ADMIN])))
@pytest.mark.parametrize(("name", "method", "body", "expected"), API_MATRIX)
def test_api_role_matrix(second_factor_optional, role_index, role, name, method, body, expected):
    creator = UserFactory(username="matrix-creator", role=Role.FRONT)
    case = make_case(actor=creator)  # a front-line case: every role may see it
    user = UserFactory(username=f"matrix-{role}", role=role)
    _token, raw = api_services.token_issue(actor=None, user=user, name="matrix")
    client = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    url = (
        reverse(name, kwargs={"reference": case.reference})
        if "consultation_note" in name or name == "api:consultation"
        else reverse(name)
    )
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == expected[role_index], (role, name, response.status_code, response.content[:200])
