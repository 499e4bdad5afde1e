"""Issue 11: every casebook service re-checks the actor against roles.PERMISSIONS and writes nothing when refused."""

import datetime as dt

import pytest

from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.casebook import services as s
from madoguchi.casebook.models import ProposalStatus
from madoguchi.casebook.services import CaseStudyText, ProposalText
from madoguchi.casebook.tests.helpers import closed_case, fictional_law, guidebook
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = CaseStudyText(title="事例", situation="〈会社名〉で起きたこと")
PROPOSAL = ProposalText(title="提案", change="変える点", reason="理由")

SERVICES = {
    "case_study_create": (
        Action.CASEBOOK_WRITE,
        "事例集を編集する権限がありません。",
        lambda a, w: s.case_study_create(actor=a, case=w["case"], text=TEXT),
    ),
    "case_study_update": (
        Action.CASEBOOK_WRITE,
        "事例集を編集する権限がありません。",
        lambda a, w: s.case_study_update(actor=a, study=w["draft"], expected_version=w["draft"].version, text=TEXT),
    ),
    "case_study_submit": (
        Action.CASEBOOK_WRITE,
        "事例集を編集する権限がありません。",
        lambda a, w: s.case_study_submit(actor=a, study=w["draft"], expected_version=w["draft"].version),
    ),
    "case_study_publish": (
        Action.CASEBOOK_PUBLISH,
        "事例を公開する権限がありません。",
        lambda a, w: s.case_study_publish(actor=a, study=w["review"], expected_version=w["review"].version),
    ),
    "case_study_return": (
        Action.CASEBOOK_PUBLISH,
        "事例を公開する権限がありません。",
        lambda a, w: s.case_study_return(
            actor=a, study=w["review"], expected_version=w["review"].version, note="直してください"
        ),
    ),
    "proposal_create": (
        Action.GUIDEBOOK_PROPOSE,
        "ガイドブックの改訂提案を行う権限がありません。",
        lambda a, w: s.proposal_create(actor=a, section=w["section"], text=PROPOSAL),
    ),
    "proposal_decide": (
        Action.GUIDEBOOK_DECIDE,
        "改訂提案を判断する権限がありません。",
        lambda a, w: s.proposal_decide(actor=a, proposal=w["proposal"], to=ProposalStatus.UNDER_REVIEW),
    ),
    "section_link_law": (
        Action.GUIDEBOOK_PROPOSE,
        "ガイドブックの改訂提案を行う権限がありません。",
        lambda a, w: s.section_link_law(actor=a, section=w["section"], law=w["law"]),
    ),
    "knowhow_create": (
        Action.KNOWHOW_WRITE,
        "ノウハウ報告書を作成する権限がありません。",
        lambda a, w: s.knowhow_create(
            actor=a, kind="seminar", title="セミナー", held_on=dt.date(2026, 11, 5), body="学んだこと"
        ),
    ),
}


@pytest.fixture
def world(tier1_staff, tier2_staff):
    # Written by someone with no role in the parametrised set, so the author rule never decides the outcome.
    writer = UserFactory(username="casebook-writer", role="back")
    case = closed_case(tier1=tier1_staff)
    draft = s.case_study_create(actor=writer, case=case, text=TEXT)
    review = s.case_study_create(actor=writer, case=case, text=TEXT)
    review = s.case_study_submit(actor=writer, study=review, expected_version=review.version)
    section = guidebook()["mission1"]
    proposal = s.proposal_create(actor=writer, section=section, text=PROPOSAL)
    law = fictional_law()
    return {"case": case, "draft": draft, "review": review, "section": section, "proposal": proposal, "law": law}


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, world):
    actor = UserFactory(username=f"refused-{role}", role=role)
    with refused_up_front(SERVICES[name][1]):
        SERVICES[name][2](actor, world)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_every_role_the_table_allows_gets_through(name, role, world):
    actor = UserFactory(username=f"allowed-{role}", role=role)
    before = database_rows()
    SERVICES[name][2](actor, world)
    assert database_rows() != before
