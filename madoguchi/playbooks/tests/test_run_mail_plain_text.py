"""「いま行うこと」 is a plain-text mail: names and subjects reach the consulter unescaped."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
from django.core.management import call_command

from madoguchi.cases.choices import Category
from madoguchi.playbooks import services
from madoguchi.testing.factories import dispatched_case
from madoguchi.testing.servers import smtp_server

__all__ = ["smtp_server"]

pytestmark = pytest.mark.django_db


def test_now_mail_keeps_ampersands_quotes_and_angle_brackets(smtp_server, tier1_staff, tier2_staff, leak_template):
    case = dispatched_case(
        tier1=tier1_staff,
        category=Category.URGENT_BREACH,
        subject='K&K の "顧客名簿" <漏えい> https://www.example.jp/a?b=1&c=2',
        org_name="K&K <テスト> 株式会社",
        person_name="O'Brien 花子",
    )
    run = services.playbook_start(actor=tier2_staff, case=case, template=leak_template)
    services.run_mail_to_consulter(actor=tier2_staff, run=run)
    call_command("send_outbox")

    [(_from, _rcpts, raw)] = smtp_server.messages
    body = message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("K&K <テスト> 株式会社\nO'Brien 花子 様\n"), body[:100]
    assert '件名: K&K の "顧客名簿" <漏えい> https://www.example.jp/a?b=1&c=2\n' in body
    assert "&amp;" not in body and "&#x27;" not in body and "&lt;" not in body and "&quot;" not in body
