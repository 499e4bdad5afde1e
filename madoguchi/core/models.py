from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

# field -> {stored value: label}, built once per field and process; the labels stay lazy, so each lookup
# translates into the language active at the time.
_CHOICE_LABELS: dict[models.Field[Any, Any], dict[Any, Any]] = {}


class ChoiceLabels(models.Model):
    """`get_<field>_display()` with the field's choices as a dict built once per process.

    Django's own builds `dict(make_hashable(field.flatchoices))` on every call, and hashing a lazy label
    translates it: each call translated every choice of the field (a third of the time the case lists spent
    rendering their rows, docs/reliability.md "Session 9"). Same result: the label of the stored value in the active
    language, or the value itself when it is not one of the choices.
    """

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:  # Django's name for it
        labels = _CHOICE_LABELS.get(field)
        if labels is None:
            labels = _CHOICE_LABELS[field] = dict(field.flatchoices)
        value = getattr(self, field.attname)
        try:
            label = labels.get(value, value)
        except TypeError:  # an unhashable value (a list in a JSON field) is no choice
            label = value
        return force_str(label, strings_only=True)


class FormDraft(models.Model):
    """What one staff member has typed into one form and not yet saved, kept on the server.

    A draft belongs to one user and one login session: it is never shown to anybody else, never offered
    after a new login, and deleted on logout, on session expiry, after `drafts.DRAFT_TTL`, and when the
    form is saved. Only `madoguchi.core.drafts` reads and writes it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("職員"), on_delete=models.CASCADE, related_name="form_drafts"
    )
    session_key = models.CharField(_("セッション"), max_length=40)
    form_key = models.CharField(_("フォーム"), max_length=200)
    data = models.JSONField(_("入力内容"), default=dict)
    updated_at = models.DateTimeField(_("更新日時"))

    class Meta:
        verbose_name = _("入力途中の下書き")
        verbose_name_plural = _("入力途中の下書き")
        constraints = [models.UniqueConstraint(fields=["user", "form_key"], name="formdraft_one_per_user_and_form")]
        indexes = [models.Index(fields=["updated_at"], name="formdraft_updated_idx")]

    def __str__(self) -> str:
        return self.form_key


class ChangeToken(models.Model):
    """A random token the database replaces whenever a watched table changes (triggers; `core.snapshots`).

    Processes keep small, read-mostly tables (the referral directory, the classification terms) in memory and
    compare one token per request instead of reading hundreds of rows. The triggers, not the application, write
    this table, so every write is seen: services, the reference loader, the admin, bulk updates and raw SQL.
    """

    name = models.CharField(_("対象"), max_length=60, primary_key=True)
    token = models.CharField(_("変更トークン"), max_length=40)

    class Meta:
        verbose_name = _("変更トークン")
        verbose_name_plural = _("変更トークン")

    def __str__(self) -> str:
        return self.name
