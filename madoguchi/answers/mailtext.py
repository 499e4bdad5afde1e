"""Text of outgoing mails (answer, acknowledgements, desk notification): a file default, overridable by admins.

A template's first line is the subject, the rest is the body. Both use the Django template language
without HTML escaping (they are plain-text mails) and only ever see the plain strings given here.

Every plain-text mail is rendered here. A bare ``Context(...)`` turns autoescaping back on whatever the engine
says, and ``render_to_string`` picks the HTML engine: both once turned `K&K` into `K&amp;K` in delivered mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template import Context, Engine, TemplateSyntaxError, engines
from django.utils import timezone

from madoguchi.answers.models import MailTemplate, MailTemplateCode
from madoguchi.cases.models import Case

_FILES = {
    MailTemplateCode.ACK_WEB: "ack_web.txt",
    MailTemplateCode.ACK_EMAIL: "ack_email.txt",
    MailTemplateCode.NOTIFY_WEB: "notify_web.txt",
    MailTemplateCode.ANSWER: "answer.txt",
    MailTemplateCode.GUIDEBOOK_SHIPPED: "outreach/guidebook_shipped.txt",
}
# Names an admin can use in a template, with the Japanese explanation shown on the edit screen.
PLACEHOLDERS = {
    "reference": "受付番号",
    "desk_name": "窓口の名称",
    "person_name": "相談者の氏名",
    "organization_name": "組織名",
    "subject": "件名",
    "received_at": "受付日時",
    "attachment_count": "添付ファイルの件数",
    "case_url": "案件画面のURL（窓口への通知のみ）",
    "measures": "① 具体的な対策（回答のみ）",
    "referrals": "② 相談・届出先（回答のみ）",
    "edition": "ガイドブックの版（発送のお知らせのみ）",
    "copies": "部数（発送のお知らせのみ）",
    "shipped_on": "発送日（発送のお知らせのみ）",
    "shipping_method": "発送方法（発送のお知らせのみ）",
}


def _template_dir() -> Path:
    # Read when a mail is rendered, not at import: settings may change after start-up (tests, overrides).
    return Path(settings.BASE_DIR) / "templates" / "emails"


def received_at_text(case: Case) -> str:
    """When the desk received the consultation, as every mail writes it (Japan time)."""
    return timezone.localtime(case.received_at).strftime("%Y年%m月%d日 %H:%M")


def case_context(case: Case) -> dict[str, str | int]:
    """The placeholders every mail about a case can use: reference, consulter, organisation, received at."""
    return {
        "reference": case.reference,
        "person_name": case.person.name if case.person else "",
        "organization_name": case.organization.name if case.organization else "",
        "received_at": received_at_text(case),
    }


def _engine() -> Engine:
    # No loaders and no libraries: an admin's template cannot include or load anything.
    return Engine(autoescape=False, builtins=[])


def _render(engine: Engine, source: str, values: dict[str, Any]) -> str:
    # Context() defaults to autoescape=True and that, not the engine's setting, decides at render time.
    return engine.from_string(source).render(Context(values, autoescape=engine.autoescape))


def render_file(*, name: str, context: dict[str, Any]) -> str:
    """A plain-text mail body from a file under templates/emails/ (the 「いま行うこと」 mail), unescaped."""
    return engines["mail"].get_template(name).render(context)


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


def default_source(*, code: str) -> tuple[str, str]:
    text = (_template_dir() / _FILES[MailTemplateCode(code)]).read_text("utf-8")
    subject, _sep, body = text.partition("\n")
    return subject.strip(), body


def current_source(*, code: str) -> tuple[str, str]:
    override = MailTemplate.objects.filter(code=code).first()
    if override is not None:
        return override.subject, override.body
    return default_source(code=code)


def check_source(*, subject: str, body: str) -> None:
    """Raises TemplateSyntaxError when an admin's edit would not render."""
    engine = _engine()
    engine.from_string(subject)
    engine.from_string(body)


def render(*, code: str, context: dict[str, str | int]) -> MailText:
    subject_source, body_source = current_source(code=code)
    engine = _engine()
    values = {"desk_name": settings.MADOGUCHI_DESK_NAME, **context}
    try:
        subject = _render(engine, subject_source, values)
        body = _render(engine, body_source, values)
    except TemplateSyntaxError:
        # A broken override must not stop intake: fall back to the file the admin started from.
        subject_source, body_source = default_source(code=code)
        subject = _render(engine, subject_source, values)
        body = _render(engine, body_source, values)
    return MailText(subject=" ".join(subject.split()), body=body.lstrip("\n"))
