"""Issue 11: the canned-text services re-check the actor (ANSWER_DRAFT in accounts.roles.PERMISSIONS), write nothing."""

from __future__ import annotations

import pytest

from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.knowledge import services
from madoguchi.knowledge.models import CannedText
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = "定型文を編集する権限がありません。"

SERVICES = {
    "canned_text_create": (
        Action.ANSWER_DRAFT,
        lambda actor, text: services.canned_text_create(actor=actor, title="権限のない定型文", body="本文"),
    ),
    "canned_text_update": (
        Action.ANSWER_DRAFT,
        lambda actor, text: services.canned_text_update(
            actor=actor,
            text=text,
            expected_version=text.version,
            title="権限のない変更",
            body="本文",
            category="",
            active=False,
        ),
    ),
}


@pytest.fixture
def text(tier2_staff) -> CannedText:
    return services.canned_text_create(actor=tier2_staff, title="パスワード対策", body="長く推測されにくいものにする。")


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, text):
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front(REFUSAL):
        SERVICES[name][1](actor, text)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_every_role_the_table_allows_gets_through(name, role, text):
    actor = UserFactory(username=f"allowed-{role}", role=role, display_name="権限 確認")
    before = database_rows()
    SERVICES[name][1](actor, text)
    assert database_rows() != before
