"""Issue 11: the staff services of mail intake (reprocess, dismiss a quarantined mail) re-check the actor.

The public form and the mail pipe act for nobody in particular and have no role to check.
"""

from __future__ import annotations

import pytest

from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.intake.models import InboundMessage, InboundStatus
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

SERVICES = {
    "reprocess": (Action.QUARANTINE_MANAGE, lambda actor, row: mail_intake.reprocess(actor=actor, message=row)),
    "dismiss": (
        Action.QUARANTINE_MANAGE,
        lambda actor, row: mail_intake.dismiss(actor=actor, message=row, reason="権限のない破棄"),
    ),
}


@pytest.fixture
def quarantined(desk_settings, tier1_staff) -> InboundMessage:
    """A mail over a lowered size limit; the limit is then raised again, so reprocessing has work to do."""
    limit = desk_settings.MAIL_MAX_MESSAGE_BYTES
    desk_settings.MAIL_MAX_MESSAGE_BYTES = 10_000
    row = mail_intake.ingest_raw(raw=eml("over_limit_attachment.eml"), transport="pipe").message
    assert row.status == InboundStatus.QUARANTINED
    desk_settings.MAIL_MAX_MESSAGE_BYTES = limit
    return row


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, quarantined):
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front():
        SERVICES[name][1](actor, quarantined)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_every_role_the_table_allows_gets_through(name, role, quarantined):
    actor = UserFactory(username=f"allowed-{role}", role=role, display_name="権限 確認")
    before = database_rows()
    SERVICES[name][1](actor, quarantined)
    assert database_rows() != before
