"""Issue 11: the referral directory's write services re-check the actor (REFERENCE_EDIT) and write nothing."""

from __future__ import annotations

import pytest

from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.referrals import services
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = "相談・届出先を編集する権限がありません。"


def _data(org: ReferralOrganization, **changes: object) -> dict[str, object]:
    data = {f: getattr(org, f) for f in services.EDITABLE_FIELDS}
    data.update(changes)
    return data


SERVICES = {
    "organization_create": (
        Action.REFERENCE_EDIT,
        lambda actor, org: services.organization_create(
            actor=actor,
            code="fictional_desk",
            data=_data(org, name="架空サイバー相談室", short_name="架空相談室", public=False),
            situations=[],
        ),
    ),
    "organization_update": (
        Action.REFERENCE_EDIT,
        lambda actor, org: services.organization_update(
            actor=actor,
            organization=org,
            expected_version=org.version,
            data=_data(org, name="架空窓口（権限確認）"),
            situations=list(org.situations.all()),
        ),
    ),
    "organization_mark_verified": (
        Action.REFERENCE_EDIT,
        lambda actor, org: services.organization_mark_verified(actor=actor, organization=org),
    ),
}


@pytest.fixture
def org(reference_data) -> ReferralOrganization:
    return ReferralOrganization.objects.get(code="houterasu")


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, org):
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front(REFUSAL):
        SERVICES[name][1](actor, org)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_every_role_the_table_allows_gets_through(name, role, org):
    actor = UserFactory(username=f"allowed-{role}", role=role, display_name="権限 確認")
    before = database_rows()
    SERVICES[name][1](actor, org)
    assert database_rows() != before
