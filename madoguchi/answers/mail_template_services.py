"""Write path of the admin-edited mail templates (`MailTemplate`): save an override, or go back to the file default."""

from __future__ import annotations

from django.db import transaction
from django.template import TemplateSyntaxError
from django.utils.translation import gettext as _

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action, require
from madoguchi.answers import mailtext
from madoguchi.answers.models import MailTemplate, MailTemplateCode
from madoguchi.core.errors import DomainError


@transaction.atomic
def mail_template_update(*, actor: User, code: MailTemplateCode, subject: str, body: str) -> MailTemplate:
    """Save the admin's text for one mail. A broken placeholder is a DomainError on `body`; nothing is saved.

    The calling view writes the audit entry, because only it knows the client address.
    """
    require(actor, Action.SETTINGS_MANAGE)
    try:
        mailtext.check_source(subject=subject, body=body)
    except TemplateSyntaxError as exc:
        raise DomainError(_("差し込み項目の書き方に誤りがあります: %(error)s") % {"error": exc}, field="body") from exc
    template, _created = MailTemplate.objects.update_or_create(
        code=code, defaults={"subject": subject, "body": body, "updated_by": actor}
    )
    return template


@transaction.atomic
def mail_template_reset(*, actor: User, code: MailTemplateCode) -> None:
    """Back to the text in templates/emails/ (the override row is deleted)."""
    require(actor, Action.SETTINGS_MANAGE)
    MailTemplate.objects.filter(code=code).delete()
