"""Role x endpoint matrix for every casebook staff URL: the real status per role, 403 where the table refuses."""

import pytest
from django.urls import reverse

from madoguchi.accounts.roles import Action, Role
from madoguchi.accounts.testing_refusals import assert_page_follows_the_table, assert_sent_to_login
from madoguchi.casebook import services
from madoguchi.casebook.services import CaseStudyText, ProposalText
from madoguchi.casebook.tests.helpers import closed_case, guidebook
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

# (url name, method, action, which object the URL names, status for a role the table allows)
ENDPOINTS = [
    ("casebook:list", "get", Action.CASEBOOK_VIEW, "none", 200),
    ("casebook:start", "get", Action.CASEBOOK_WRITE, "none", 400),
    ("casebook:create", "get", Action.CASEBOOK_WRITE, "case", 200),
    ("casebook:create", "post", Action.CASEBOOK_WRITE, "case", 400),
    ("casebook:detail", "get", Action.CASEBOOK_VIEW, "study", 200),
    ("casebook:edit", "get", Action.CASEBOOK_WRITE, "study", 200),
    ("casebook:edit", "post", Action.CASEBOOK_WRITE, "study", 400),
    ("casebook:submit", "post", Action.CASEBOOK_WRITE, "study", 400),
    ("casebook:publish", "post", Action.CASEBOOK_PUBLISH, "study", 400),
    ("casebook:return", "post", Action.CASEBOOK_PUBLISH, "study", 400),
    ("casebook:guidebook", "get", Action.CASEBOOK_VIEW, "none", 200),
    ("casebook:proposal_create", "post", Action.GUIDEBOOK_PROPOSE, "none", 400),
    ("casebook:proposal_decide", "post", Action.GUIDEBOOK_DECIDE, "proposal", 400),
    ("casebook:section_link_law", "post", Action.GUIDEBOOK_PROPOSE, "section", 400),
    ("casebook:guidebook_export", "get", Action.REPORTS_VIEW, "none", 200),
    ("casebook:knowhow_list", "get", Action.CASEBOOK_VIEW, "none", 200),
    ("casebook:knowhow_create", "get", Action.KNOWHOW_WRITE, "none", 200),
    ("casebook:knowhow_create", "post", Action.KNOWHOW_WRITE, "none", 400),
]


@pytest.fixture
def objects(tier1_staff):
    writer = UserFactory(username="matrix-writer", role=Role.BACK)
    case = closed_case(tier1=tier1_staff)
    study = services.case_study_create(actor=writer, case=case, text=CaseStudyText(title="事例", situation="状況"))
    section = guidebook()["mission1"]
    proposal = services.proposal_create(
        actor=writer, section=section, text=ProposalText(title="提案", change="点", reason="理由")
    )
    return {
        "none": [],
        "case": [case.reference],
        "study": [study.pk],
        "proposal": [proposal.pk],
        "section": [section.pk],
    }


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "method", "action", "target", "allowed_status"), ENDPOINTS)
def test_role_may_use_casebook_endpoint_only_if_the_table_says_so(
    client_for, objects, role, name, method, action, target, allowed_status
):
    client = client_for(UserFactory(username=f"user-{role}", role=role))
    url = reverse(name, args=objects[target])
    assert_page_follows_the_table(
        client, role=role, action=action, method=method, url=url, allowed_status=allowed_status
    )


@pytest.mark.parametrize(("name", "method", "action", "target", "allowed_status"), ENDPOINTS)
def test_anonymous_is_sent_to_login(anonymous, objects, name, method, action, target, allowed_status):
    assert_sent_to_login(anonymous, method=method, url=reverse(name, args=objects[target]))
