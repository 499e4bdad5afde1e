"""Issue 12: the FAQ services re-check the actor (FAQ_EDIT / FAQ_REVIEW / ANSWER_DRAFT), write nothing when refused."""

from __future__ import annotations

import datetime as dt

import pytest

from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.knowledge import faq_services
from madoguchi.knowledge.faq_services import FaqContent
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

EDIT = "よくある質問を編集する権限がありません。"
REVIEW = "よくある質問を確認・公開する権限がありません。"
GENERIC = "この操作を行う権限がありません。"


def _content(title: str = "権限の確認") -> FaqContent:
    return FaqContent(title=title, questions=["質問"], measures="回答")


SERVICES = {
    "faq_create": (Action.FAQ_EDIT, EDIT, lambda actor, s: faq_services.faq_create(actor=actor, content=_content())),
    "faq_create_from_cases": (
        Action.FAQ_EDIT,
        EDIT,
        lambda actor, s: faq_services.faq_create_from_cases(actor=actor, cases=[s["case"]]),
    ),
    "faq_update": (
        Action.FAQ_EDIT,
        EDIT,
        lambda actor, s: faq_services.faq_update(
            actor=actor, faq=s["draft"], expected_version=s["draft"].version, content=_content("変更")
        ),
    ),
    "faq_mask_text": (
        Action.FAQ_EDIT,
        EDIT,
        lambda actor, s: faq_services.faq_mask_text(
            actor=actor, faq=s["masked"], expected_version=s["masked"].version, text="Windows", span_type="id"
        ),
    ),
    "faq_unmask_span": (
        Action.FAQ_EDIT,
        EDIT,
        lambda actor, s: faq_services.faq_unmask_span(
            actor=actor, faq=s["masked"], expected_version=s["masked"].version, index=0
        ),
    ),
    "faq_transition_submit": (
        Action.FAQ_EDIT,
        EDIT,
        lambda actor, s: faq_services.faq_transition(
            actor=actor, faq=s["draft"], expected_version=s["draft"].version, to="in_review"
        ),
    ),
    "faq_transition_publish": (
        Action.FAQ_REVIEW,
        REVIEW,
        lambda actor, s: faq_services.faq_transition(
            actor=actor, faq=s["review"], expected_version=s["review"].version, to="published"
        ),
    ),
    "faq_record_use": (
        Action.ANSWER_DRAFT,
        GENERIC,
        lambda actor, s: faq_services.faq_record_use(actor=actor, faq=s["published"], case=s["case"]),
    ),
    "useful_link_save": (
        Action.FAQ_EDIT,
        EDIT,
        lambda actor, s: faq_services.useful_link_save(
            actor=actor,
            link=None,
            title="中小企業の情報セキュリティ対策ガイドライン",
            url="https://example.jp/guideline",
            publisher="見本機構",
            summary="要約",
            checked_on=dt.date(2026, 12, 1),
            published=True,
        ),
    ),
}


@pytest.fixture
def state(tier1_staff, closed_case, published_faq):
    # Written by someone outside every persona below, so each allowed role may review it.
    writer = UserFactory(username="faq-writer", role="front", display_name="作成 専任")
    draft = faq_services.faq_create(actor=writer, content=_content("下書き"))
    review = faq_services.faq_create(actor=writer, content=_content("確認待ち"))
    review = faq_services.faq_transition(actor=writer, faq=review, expected_version=review.version, to="in_review")
    masked = faq_services.faq_create_from_cases(actor=writer, cases=[closed_case])
    return {"case": closed_case, "draft": draft, "review": review, "masked": masked, "published": published_faq}


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, state):
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front(SERVICES[name][1]):
        SERVICES[name][2](actor, state)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_every_role_the_table_allows_gets_through(name, role, state):
    actor = UserFactory(username=f"allowed-{role}", role=role, display_name="権限 確認")
    before = database_rows()
    SERVICES[name][2](actor, state)
    assert database_rows() != before
