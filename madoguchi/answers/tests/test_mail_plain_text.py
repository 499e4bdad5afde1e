"""Plain-text mail is plain text: what staff wrote reaches the consulter byte for byte, never HTML-escaped.

The answer goes through the outbox to the real SMTP server (aiosmtpd); the received mail is MIME-decoded and
compared with what was written. Acknowledgements: intake/tests/test_acknowledgement_plain_text.py.
"""

from email import message_from_bytes, policy

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from madoguchi.answers import services as answer_services
from madoguchi.cases import services as case_services
from madoguchi.testing.factories import dispatched_case

pytestmark = pytest.mark.django_db

# Every character HTML escaping touches, and a URL whose query string breaks when `&` becomes `&amp;`.
MEASURES = (
    'K&K社の <管理画面> で "二段階認証" を有効にしてください（O\'Brien 様の手順書どおり）。\n'
    "手順: https://www.example.jp/a?b=1&c=2"
)
REFERRALS = "警察相談専用電話 #9110 & 都の相談窓口 <https://www.example.jp/soudan?x=1&y=2>"
ORG = "K&K <テスト> 株式会社"
PERSON = 'O\'Brien "架空" 花子'


def _received(smtp_server, to: str):
    [raw] = [raw for _from, rcpts, raw in smtp_server.messages if to in rcpts]
    msg = message_from_bytes(raw, policy=policy.default)
    return msg, msg.get_body(("plain",)).get_content().replace("\r\n", "\n")


def _section(body: str, start: str, end: str) -> str:
    return body[body.index(start) + len(start) : body.index(end)]


def test_answer_reaches_the_consulter_exactly_as_written(smtp_server, client_for, tier1_staff, tier2_staff):
    case = dispatched_case(tier1=tier1_staff, org_name=ORG, person_name=PERSON, subject="K&K の件 <至急>")
    case_services.case_take(actor=tier2_staff, case=case)
    case.refresh_from_db()
    draft = answer_services.answer_save_draft(
        actor=tier2_staff, case=case, measures=MEASURES, referrals=REFERRALS, channel="email"
    )
    answer_services.answer_send(actor=tier2_staff, draft=draft)
    call_command("send_outbox")

    _msg, body = _received(smtp_server, "taro@sample-shoji.example.jp")
    assert _section(body, "■ ① 具体的な対策\n", "\n\n■ ②") == MEASURES
    assert _section(body, "■ ② ご相談いただける機関\n", "\n\nご不明な点") == REFERRALS
    assert body.startswith(f"{ORG}\n{PERSON} 様\n")
    assert "件名: K&K の件 <至急>\n" in body
    assert "&amp;" not in body and "&#x27;" not in body and "&lt;" not in body and "&quot;" not in body

    # The timeline keeps the same text; the HTML page escapes it exactly once.
    html = client_for(tier2_staff).get(reverse("cases:detail", kwargs={"reference": case.reference})).content.decode()
    assert escape("https://www.example.jp/a?b=1&c=2") in html
    assert "&amp;amp;" not in html and "&amp;#x27;" not in html and "&amp;lt;" not in html
    assert "&amp;quot;" not in html
