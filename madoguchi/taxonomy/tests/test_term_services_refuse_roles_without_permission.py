"""Issue 11: the taxonomy services re-check the actor's role (accounts.roles.PERMISSIONS) and write nothing.

Term editing needs REFERENCE_EDIT; classifying a desk record needs CASE_EDIT.
"""

from __future__ import annotations

import pytest

from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.cases.models import Case
from madoguchi.taxonomy import services
from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.testing.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme(kokokara, tier2_staff) -> Scheme:
    """Two fictional sibling terms at the top of the scheme, so the first can move down; a case under the second."""
    for code in ("fictional_a", "fictional_b"):
        services.term_create(actor=tier2_staff, scheme=kokokara, code=code, ref=code, label=code, parent=None)
    services.classify(actor=tier2_staff, obj=_case(tier2_staff), term=kokokara.terms.get(code="fictional_b"))
    return kokokara


def _case(tier2_staff=None) -> Case:
    return Case.objects.first() or make_case(actor=tier2_staff)


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
    "classify": (
        Action.CASE_EDIT,
        lambda actor, scheme: services.classify(actor=actor, obj=_case(), term=_first(scheme)),
    ),
    "unclassify": (
        Action.CASE_EDIT,
        lambda actor, scheme: services.unclassify(actor=actor, obj=_case(), term=scheme.terms.get(code="fictional_b")),
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
