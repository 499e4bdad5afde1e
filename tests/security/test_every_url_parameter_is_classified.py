"""Every URL pattern with a path parameter (staff, public and /api/v1/) is placed in exactly one class, and each
class is covered by a test: a new URL that names something fails here until someone decides what it is.

(a) case-scoped: the parameter is a consultation's reference (sub-objects such as a playbook run or a triage
    suggestion are loaded within that case) — `test_access_control_every_url.py` tries each with another member's
    back-office case;
(b) object-scoped: the parameter names another object — `test_no_idor_on_object_urls.py` has its role-by-role
    statuses;
(c) public by design, with the reason — `test_public_urls_show_only_published_entries.py` tries drafts, internal
    and retired entries where there are any;
(d) not an object: the parameter chooses a form, not a stored row."""

from __future__ import annotations

from tests.security.test_access_control_every_url import CASE_ROUTES
from tests.security.test_no_idor_on_object_urls import OBJECT_ROUTES
from tests.security.test_public_urls_show_only_published_entries import PUBLIC_ROUTES_TRIED
from tests.security.urls import all_routes

CASE_SCOPED = {
    "answers:autosave",
    "answers:insert_canned",
    "answers:insert_faq",
    "answers:insert_referrals",
    "answers:preview",
    "answers:review",
    "answers:save_draft",
    "answers:send",
    "answers:submit",
    "api:consultation",
    "api:consultation_note",
    "casebook:create",
    "cases:assessment",
    "cases:callback",
    "cases:close",
    "cases:detail",
    "cases:dispatch",
    "cases:edit",
    "cases:front_answer",
    "cases:inquiry",
    "cases:merge",
    "cases:note",
    "cases:panel",
    "cases:reopen",
    "cases:take",
    "cases:triage",
    "knowledge:archive_unlink_case",
    "playbooks:aware_at",
    "playbooks:facts",
    "playbooks:filed",
    "playbooks:mail",
    "playbooks:pdf",
    "playbooks:print",
    "playbooks:start",
    "playbooks:tick",
    "referrals:case_police",
    "taxonomy:case_classify",
    "triage:accept",
}

PUBLIC_BY_DESIGN = {
    "faq_public:detail": "published, public, reviewed FAQ entries only (faq_access.access_public_faq)",
    "faq_public:term": "a classification term of the public FAQ: lists published public entries only",
    "casebook_public:detail": "published, reviewed case studies only (selectors.published_case_study)",
    "api:faq_entry": "the public FAQ through the API: the same selector as the public site (token required)",
    "api:directory_entry": "the public referral directory through the API: public and verified entries only",
}

NOT_AN_OBJECT = {
    "outreach:event_create": "the kind of event (seminar / on-site visit) chooses the form; nothing is loaded",
}


def _parametrised() -> set[str]:
    return {r.name for r in all_routes() if "<" in r.pattern or "(?P<" in r.pattern}


def test_every_url_with_a_parameter_is_in_exactly_one_class():
    classes = [CASE_SCOPED, set(OBJECT_ROUTES), set(PUBLIC_BY_DESIGN), set(NOT_AN_OBJECT)]
    unclassified = _parametrised() - set().union(*classes)
    assert not unclassified, f"classify these URLs in {__name__}: {sorted(unclassified)}"
    for i, one in enumerate(classes):
        for other in classes[i + 1 :]:
            assert not one & other, one & other
    # No stale entries: every classified name is a real URL with a parameter.
    assert set().union(*classes) <= _parametrised()


def test_case_scoped_urls_are_the_ones_the_case_idor_test_tries():
    assert {r.name for r in CASE_ROUTES} >= CASE_SCOPED


def test_public_urls_with_an_id_are_tried_with_unpublished_entries():
    assert {"faq_public:detail", "faq_public:term", "casebook_public:detail", "api:faq_entry"} <= PUBLIC_ROUTES_TRIED
    assert set(PUBLIC_BY_DESIGN) | {"intake:done", "outreach_public:done", "faq_public:links"} >= PUBLIC_ROUTES_TRIED


def test_every_public_reason_is_written_down():
    assert all(len(reason) > 20 for reason in {**PUBLIC_BY_DESIGN, **NOT_AN_OBJECT}.values())
