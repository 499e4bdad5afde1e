"""Issue 11: the term-editing services re-check the actor (REFERENCE_EDIT in the role table) and write nothing."""

from __future__ import annotations

import pytest

from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.core.testing import UserFactory
from madoguchi.taxonomy import services
from madoguchi.taxonomy.models import Scheme, Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme(kokokara, tier2_staff) -> Scheme:
    """Two fictional sibling terms at the top of the scheme, so the first can move down."""
    for code in ("fictional_a", "fictional_b"):
        services.term_create(actor=tier2_staff, scheme=kokokara, code=code, ref=code, label=code, parent=None)
    return kokokara


def _first(scheme: Scheme) -> Term:
    return scheme.terms.get(code="fictional_a")


SERVICES = {
    "term_create": (
        Action.REFERENCE_EDIT,
        lambda actor, scheme: services.term_create(
            actor=actor, scheme=scheme, code="fictional_term", ref="X-1", label="権限のない項目", parent=None
        ),
    ),
    "term_update": (
        Action.REFERENCE_EDIT,
        lambda actor, scheme: services.term_update(actor=actor, term=_first(scheme), label="権限のない変更"),
    ),
    "term_move": (
        Action.REFERENCE_EDIT,
        lambda actor, scheme: services.term_move(actor=actor, term=_first(scheme), up=False),
    ),
}


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, scheme):
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front():
        SERVICES[name][1](actor, scheme)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_every_role_the_table_allows_gets_through(name, role, scheme):
    actor = UserFactory(username=f"allowed-{role}", role=role, display_name="権限 確認")
    before = database_rows()
    SERVICES[name][1](actor, scheme)
    assert database_rows() != before
