"""Role x action matrix: every staff endpoint, every role, checked on the server."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.roles import Action, Role, role_can
from madoguchi.core.testing import UserFactory, dispatched_case

pytestmark = pytest.mark.django_db

# (url name, method, action the view performs, needs a case reference)
ENDPOINTS = [
    ("cases:dashboard", "get", Action.CASE_VIEW, False),
    ("cases:list", "get", Action.CASE_VIEW, False),
    ("cases:list_export", "get", Action.CASE_VIEW, False),
    ("cases:bulk", "post", Action.CASE_DISPATCH, False),
    ("cases:saved_views", "get", Action.CASE_VIEW, False),
    ("cases:saved_view_create", "post", Action.CASE_VIEW, False),
    ("knowledge:search", "get", Action.CASE_VIEW, False),
    ("cases:create", "get", Action.CASE_CREATE, False),
    ("cases:create", "post", Action.CASE_CREATE, False),
    ("cases:detail", "get", Action.CASE_VIEW, True),
    ("cases:edit", "post", Action.CASE_EDIT, True),
    ("cases:triage", "post", Action.CASE_TRIAGE, True),
    ("cases:dispatch", "post", Action.CASE_DISPATCH, True),
    ("cases:callback", "post", Action.CALLBACK_MANAGE, True),
    ("cases:front_answer", "post", Action.CASE_CLOSE_TIER1, True),
    ("cases:note", "post", Action.CASE_EDIT, True),
    ("cases:take", "post", Action.CASE_RESEARCH, True),
    ("cases:assessment", "post", Action.CASE_RESEARCH, True),
    ("cases:inquiry", "post", Action.CASE_RESEARCH, True),
    ("cases:close", "post", Action.CASE_CLOSE, True),
    ("cases:reopen", "post", Action.CASE_REOPEN, True),
    ("cases:merge", "post", Action.CASE_MERGE, True),
    ("answers:save_draft", "post", Action.ANSWER_DRAFT, True),
    ("answers:autosave", "post", Action.ANSWER_DRAFT, True),
    ("answers:insert_referrals", "post", Action.ANSWER_DRAFT, True),
    ("answers:insert_canned", "post", Action.ANSWER_DRAFT, True),
    ("knowledge:canned_list", "get", Action.ANSWER_DRAFT, False),
    ("knowledge:canned_create", "post", Action.ANSWER_DRAFT, False),
    ("answers:submit", "post", Action.ANSWER_DRAFT, True),
    ("answers:review", "post", Action.ANSWER_APPROVE, True),
    ("answers:send", "post", Action.ANSWER_SEND, True),
    ("answers:preview", "get", Action.ANSWER_SEND, True),
    ("answers:outbox", "get", Action.ANSWER_SEND, False),
    ("accounts:audit_log", "get", Action.AUDIT_VIEW, False),
    ("accounts:audit_log_export", "get", Action.AUDIT_VIEW, False),
    ("accounts:staff_list", "get", Action.USERS_MANAGE, False),
    ("accounts:staff_create", "post", Action.USERS_MANAGE, False),
    ("accounts:security_policy", "get", Action.SETTINGS_MANAGE, False),
    ("cases:desk_settings", "post", Action.SETTINGS_MANAGE, False),
]


@pytest.fixture
def case_in_tier2(db, second_factor_optional):
    creator = UserFactory(username="creator", role=Role.FRONT)
    return dispatched_case(tier1=creator)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "method", "action", "needs_case"), ENDPOINTS)
def test_role_may_use_endpoint_only_if_the_table_says_so(
    client_for, case_in_tier2, role, name, method, action, needs_case
):
    user = UserFactory(username=f"user-{role}", role=role)
    client = client_for(user)
    url = reverse(name, kwargs={"reference": case_in_tier2.reference}) if needs_case else reverse(name)
    response = client.get(url) if method == "get" else client.post(url, {})
    if role_can(role, action):
        assert response.status_code not in (401, 403), (role, name, response.status_code)
    else:
        assert response.status_code == 403, (role, name, response.status_code)


@pytest.mark.parametrize(("name", "method", "action", "needs_case"), ENDPOINTS)
def test_anonymous_sees_nothing_of_the_staff_side(anonymous, case_in_tier2, name, method, action, needs_case):
    url = reverse(name, kwargs={"reference": case_in_tier2.reference}) if needs_case else reverse(name)
    response = anonymous.get(url) if method == "get" else anonymous.post(url, {})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
    assert case_in_tier2.subject not in response.content.decode()


def test_the_table_covers_every_action():
    assert {a for _, _, a, _ in ENDPOINTS} >= {
        Action.CASE_VIEW,
        Action.CASE_CREATE,
        Action.CASE_DISPATCH,
        Action.CASE_RESEARCH,
        Action.ANSWER_DRAFT,
        Action.ANSWER_APPROVE,
        Action.ANSWER_SEND,
        Action.AUDIT_VIEW,
    }
