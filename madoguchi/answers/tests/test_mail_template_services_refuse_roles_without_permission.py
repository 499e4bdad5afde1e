"""Issue 11: the mail-template services re-check the actor's role (accounts.roles.PERMISSIONS) and write nothing."""

from __future__ import annotations

import pytest

from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import allowed_params, refused_params, refused_up_front
from madoguchi.answers import mail_template_services
from madoguchi.answers.models import MailTemplate, MailTemplateCode
from madoguchi.core.errors import DomainError
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

SERVICES = {
    "mail_template_update": (
        Action.SETTINGS_MANAGE,
        lambda actor: mail_template_services.mail_template_update(
            actor=actor, code=MailTemplateCode.ACK_WEB, subject="権限のない件名", body="権限のない本文"
        ),
    ),
    "mail_template_reset": (
        Action.SETTINGS_MANAGE,
        lambda actor: mail_template_services.mail_template_reset(actor=actor, code=MailTemplateCode.ACK_WEB),
    ),
}


@pytest.fixture
def overridden(admin_user):
    return MailTemplate.objects.create(
        code=MailTemplateCode.ACK_WEB, subject="件名", body="本文", updated_by=admin_user
    )


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_refused_role_changes_no_mail_template(overridden, name, role):
    actor = UserFactory(username=f"refused-{role}", role=role)
    _action, call = SERVICES[name]
    with refused_up_front():
        call(actor)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_allowed_role_gets_through_in_the_same_state(overridden, name, role):
    actor = UserFactory(username=f"allowed-{role}", role=role)
    _action, call = SERVICES[name]
    call(actor)
    row = MailTemplate.objects.filter(code=MailTemplateCode.ACK_WEB).first()
    if name == "mail_template_reset":
        assert row is None
    else:
        assert row is not None and (row.subject, row.updated_by) == ("権限のない件名", actor)


def test_broken_placeholder_saves_nothing(admin_user, overridden):
    with pytest.raises(DomainError, match="差し込み項目の書き方に誤りがあります") as refused:
        mail_template_services.mail_template_update(
            actor=admin_user, code=MailTemplateCode.ACK_WEB, subject="件名", body="{% if %}"
        )
    assert refused.value.field == "body"
    overridden.refresh_from_db()
    assert (overridden.subject, overridden.body) == ("件名", "本文")
