"""Acknowledgements the desk sends when it receives a consultation (by mail or from the web form)."""

from __future__ import annotations

from madoguchi.answers import mailtext, outbox
from madoguchi.answers.models import OutboundKind
from madoguchi.cases import events
from madoguchi.cases.models import Case


def acknowledge(*, case: Case, to: str, code: str, context: dict[str, str | int], in_reply_to: str = "") -> None:
    text = mailtext.render(code=code, context={**mailtext.case_context(case), **context})
    row = outbox.enqueue(
        kind=OutboundKind.ACKNOWLEDGEMENT,
        case=case,
        to=[to],
        subject=text.subject,
        body_text=text.body,
        in_reply_to=in_reply_to,
        references=in_reply_to,
        # RFC 3834: tells other auto-responders not to answer this one, so no mail loop starts.
        headers={"Auto-Submitted": "auto-replied"},
    )
    events.email_out(case=case, actor=None, message_id=row.message_id, to=to, subject=row.subject)
