"""Role x action matrix: every staff endpoint, every role, checked on the server."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.roles import Action, Role, role_can
from madoguchi.answers import services as answer_services
from madoguchi.cases import services as case_services
from madoguchi.testing.factories import UserFactory, dispatched_case

pytestmark = pytest.mark.django_db

# (url name, method, action the view performs, needs a case reference (or the URL's kwargs), status for a role the
# table allows)
# The allowed status is what the view really answers: pages 200; an empty POST 400 where the form is refused
# next to its fields, 302 where the view redirects with a message (take, submit, send), 200 where the admin
# pages re-render the form. Never 404: the case is one every allowed role may see, with a draft to act on.
ENDPOINTS = [
    ("cases:dashboard", "get", Action.CASE_VIEW, False, 200),
    ("cases:list", "get", Action.CASE_VIEW, False, 200),
    ("cases:list_export", "get", Action.CASE_VIEW, False, 200),
    ("cases:bulk", "post", Action.CASE_DISPATCH, False, 400),
    ("cases:saved_views", "get", Action.CASE_VIEW, False, 200),
    ("cases:saved_view_create", "post", Action.CASE_VIEW, False, 400),
    ("knowledge:search", "get", Action.CASE_VIEW, False, 200),
    ("cases:create", "get", Action.CASE_CREATE, False, 200),
    ("cases:create", "post", Action.CASE_CREATE, False, 400),
    ("cases:detail", "get", Action.CASE_VIEW, True, 200),
    ("cases:panel", "get", Action.CASE_VIEW, {"reference": True, "key": "similar"}, 200),
    ("cases:edit", "post", Action.CASE_EDIT, True, 400),
    ("cases:triage", "post", Action.CASE_TRIAGE, True, 400),
    ("cases:dispatch", "post", Action.CASE_DISPATCH, True, 400),
    ("cases:callback", "post", Action.CALLBACK_MANAGE, True, 400),
    ("cases:front_answer", "post", Action.CASE_CLOSE_TIER1, True, 400),
    ("cases:note", "post", Action.CASE_EDIT, True, 400),
    ("cases:take", "post", Action.CASE_RESEARCH, True, 302),
    ("cases:assessment", "post", Action.CASE_RESEARCH, True, 400),
    ("cases:inquiry", "post", Action.CASE_RESEARCH, True, 400),
    ("cases:close", "post", Action.CASE_CLOSE, True, 400),
    ("cases:reopen", "post", Action.CASE_REOPEN, True, 400),
    ("cases:merge", "post", Action.CASE_MERGE, True, 400),
    ("answers:save_draft", "post", Action.ANSWER_DRAFT, True, 400),
    ("answers:autosave", "post", Action.ANSWER_DRAFT, True, 400),
    ("answers:insert_referrals", "post", Action.ANSWER_DRAFT, True, 400),
    ("answers:insert_canned", "post", Action.ANSWER_DRAFT, True, 400),
    ("answers:insert_faq", "post", Action.ANSWER_DRAFT, True, 400),
    ("knowledge:faq_list", "get", Action.CASE_VIEW, False, 200),
    ("knowledge:faq_create", "get", Action.FAQ_EDIT, False, 200),
    ("knowledge:faq_create", "post", Action.FAQ_EDIT, False, 400),
    ("knowledge:faq_from_cases", "post", Action.FAQ_EDIT, False, 302),
    ("knowledge:link_list", "get", Action.FAQ_EDIT, False, 200),
    ("knowledge:link_create", "post", Action.FAQ_EDIT, False, 400),
    ("knowledge:canned_list", "get", Action.ANSWER_DRAFT, False, 200),
    ("knowledge:canned_create", "post", Action.ANSWER_DRAFT, False, 400),
    ("knowledge:archive_list", "get", Action.ARCHIVE_VIEW, False, 200),
    ("knowledge:archive_create", "get", Action.ARCHIVE_EDIT, False, 200),
    ("knowledge:archive_create", "post", Action.ARCHIVE_EDIT, False, 400),
    ("knowledge:feed_list", "get", Action.ARCHIVE_EDIT, False, 200),
    ("knowledge:feed_list", "post", Action.ARCHIVE_EDIT, False, 400),
    ("knowledge:inbox", "get", Action.ARCHIVE_EDIT, False, 200),
    ("casebook:list", "get", Action.CASEBOOK_VIEW, False, 200),
    ("casebook:start", "get", Action.CASEBOOK_WRITE, False, 400),
    ("casebook:guidebook", "get", Action.CASEBOOK_VIEW, False, 200),
    ("casebook:proposal_create", "post", Action.GUIDEBOOK_PROPOSE, False, 400),
    ("casebook:guidebook_export", "get", Action.REPORTS_VIEW, False, 200),
    ("casebook:knowhow_list", "get", Action.CASEBOOK_VIEW, False, 200),
    ("casebook:knowhow_create", "get", Action.KNOWHOW_WRITE, False, 200),
    ("casebook:knowhow_create", "post", Action.KNOWHOW_WRITE, False, 400),
    ("answers:submit", "post", Action.ANSWER_DRAFT, True, 302),
    ("answers:review", "post", Action.ANSWER_APPROVE, True, 400),
    ("answers:send", "post", Action.ANSWER_SEND, True, 302),
    ("answers:preview", "get", Action.ANSWER_SEND, True, 200),
    ("answers:outbox", "get", Action.ANSWER_SEND, False, 200),
    ("accounts:audit_log", "get", Action.AUDIT_VIEW, False, 200),
    ("accounts:audit_log_export", "get", Action.AUDIT_VIEW, False, 200),
    ("accounts:staff_list", "get", Action.USERS_MANAGE, False, 200),
    ("accounts:staff_create", "post", Action.USERS_MANAGE, False, 200),
    ("accounts:security_policy", "get", Action.SETTINGS_MANAGE, False, 200),
    ("cases:desk_settings", "post", Action.SETTINGS_MANAGE, False, 200),
    ("answers:mail_templates", "get", Action.SETTINGS_MANAGE, False, 200),
    # Outreach (issue 14); pages about one request, event or material: outreach/tests/test_outreach_role_matrix.py
    ("outreach:requests", "get", Action.OUTREACH_VIEW, False, 200),
    ("outreach:request_create", "get", Action.GUIDEBOOK_MANAGE, False, 200),
    ("outreach:request_create", "post", Action.GUIDEBOOK_MANAGE, False, 400),
    ("outreach:request_export", "post", Action.GUIDEBOOK_MANAGE, False, 400),
    ("outreach:request_bulk", "post", Action.GUIDEBOOK_MANAGE, False, 400),
    ("outreach:editions", "get", Action.GUIDEBOOK_STOCK, False, 200),
    ("outreach:editions", "post", Action.GUIDEBOOK_STOCK, False, 400),
    ("outreach:events", "get", Action.OUTREACH_VIEW, False, 200),
    ("outreach:materials", "get", Action.OUTREACH_VIEW, False, 200),
    ("outreach:material_create", "post", Action.OUTREACH_EDIT, False, 400),
    ("reports:dashboard", "get", Action.REPORTS_VIEW, False, 200),
    ("reports:export_csv", "get", Action.REPORTS_VIEW, False, 200),
    ("reports:export_xlsx", "get", Action.REPORTS_VIEW, False, 200),
    ("reports:monthly_pdf", "get", Action.REPORTS_VIEW, False, 400),
    ("reports:handbook", "get", Action.CASE_VIEW, False, 200),
    ("reports:handbook_pdf", "get", Action.CASE_VIEW, False, 200),
    ("reports:handbook_sections", "get", Action.HANDBOOK_EDIT, False, 200),
    ("reports:handbook_section_edit", "get", Action.HANDBOOK_EDIT, {"key": "phone"}, 200),
    ("reports:handbook_section_edit", "post", Action.HANDBOOK_EDIT, {"key": "phone"}, 400),
    ("reports:retention", "get", Action.RETENTION_MANAGE, False, 200),
    ("reports:retention_policy", "post", Action.RETENTION_MANAGE, {"record_type": "consultation"}, 400),
    ("reports:retention_run", "post", Action.RETENTION_MANAGE, False, 400),
    ("api_staff:tokens", "get", Action.USERS_MANAGE, False, 200),
    ("api_staff:tokens", "post", Action.USERS_MANAGE, False, 400),
]


def _url(name, needs_case, case):
    # needs_case: True for the case's reference, or the URL's own keyword arguments (reports' handbook, retention;
    # "reference": True among them stands for the case's reference).
    if needs_case is True:
        return reverse(name, kwargs={"reference": case.reference})
    kwargs = dict(needs_case or {})
    if kwargs.get("reference") is True:
        kwargs["reference"] = case.reference
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def case_in_tier2(db, second_factor_optional):
    """A tier-2 case in progress with a draft; tier 1's persona below received it, so every role sees it."""
    creator = UserFactory(username=f"user-{Role.FRONT}", role=Role.FRONT)
    worker = UserFactory(username=f"user-{Role.BACK}", role=Role.BACK)
    case = case_services.case_take(actor=worker, case=dispatched_case(tier1=creator))
    answer_services.answer_save_draft(actor=worker, case=case, measures="対策", referrals="", channel="email")
    return case


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "method", "action", "needs_case", "allowed_status"), ENDPOINTS)
def test_role_may_use_endpoint_only_if_the_table_says_so(
    client_for, case_in_tier2, role, name, method, action, needs_case, allowed_status
):
    user = UserFactory(username=f"user-{role}", role=role)
    client = client_for(user)
    url = _url(name, needs_case, case_in_tier2)
    response = client.get(url) if method == "get" else client.post(url, {})
    if role_can(role, action):
        assert response.status_code == allowed_status, (role, name, response.status_code)
    else:
        assert response.status_code == 403, (role, name, response.status_code)


@pytest.mark.parametrize(("name", "method", "action", "needs_case", "allowed_status"), ENDPOINTS)
def test_anonymous_sees_nothing_of_the_staff_side(
    anonymous, case_in_tier2, name, method, action, needs_case, allowed_status
):
    url = _url(name, needs_case, case_in_tier2)
    response = anonymous.get(url) if method == "get" else anonymous.post(url, {})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
    assert case_in_tier2.subject not in response.content.decode()


def test_the_table_covers_every_action():
    assert {a for _, _, a, _, _ in ENDPOINTS} >= {
        Action.CASE_VIEW,
        Action.CASE_CREATE,
        Action.CASE_DISPATCH,
        Action.CASE_RESEARCH,
        Action.ANSWER_DRAFT,
        Action.ANSWER_APPROVE,
        Action.ANSWER_SEND,
        Action.AUDIT_VIEW,
        Action.REPORTS_VIEW,
        Action.HANDBOOK_EDIT,
        Action.RETENTION_MANAGE,
    }
