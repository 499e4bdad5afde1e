"""Every way a consultation arrives gets a triage suggestion at once, and the case carries it for the lists.

Web form, e-mail through `ingest_email` (MTA pipe) and `poll_mailbox` (real dovecot), phone and walk-in
entered by staff: the after-save hook must suggest before anyone opens the case.
"""

import io
import sys
from email.message import EmailMessage

import pytest
from django.core.management import call_command
from django.urls import reverse

from madoguchi.cases.choices import Channel, Urgency
from madoguchi.cases.models import Case
from madoguchi.intake.tests._form_helpers import VALID
from madoguchi.intake.tests.conftest import desk_settings, dovecot  # noqa: F401  (fixtures)
from madoguchi.triage.models import TriageSuggestion
from madoguchi.triage.tests._urgent_text import EMOTET_BODY, EMOTET_SUBJECT


def _emotet_mail() -> bytes:
    msg = EmailMessage()
    msg["From"] = "架空 一郎 <ichiro@sample-shoji.example.jp>"
    msg["To"] = "soudan@madoguchi.example.jp"
    msg["Subject"] = EMOTET_SUBJECT
    msg["Message-ID"] = "<emotet-arrival-1@sample-shoji.example.jp>"
    msg["Date"] = "Mon, 30 Nov 2026 10:00:00 +0900"
    msg.set_content(EMOTET_BODY)
    return bytes(msg)


def _assert_suggested_on_arrival(case: Case, channel: str) -> None:
    assert case.channel == channel
    suggestion = TriageSuggestion.objects.get(case=case)
    assert suggestion.urgent and suggestion.police
    case.refresh_from_db()
    assert case.category == "", "nobody has decided yet"
    assert case.suggested_category == suggestion.category
    assert case.suggested_urgency == Urgency.CRITICAL
    assert case.suggested_police is True
    assert case.suggested_flow == suggestion.flow


@pytest.mark.django_db
def test_web_form(client, desk_settings):  # noqa: F811
    data = {**VALID, "body": f"{EMOTET_SUBJECT}\n{EMOTET_BODY}"}
    client.post("/consult/", {**data, "step": "confirm"}, follow=True)
    _assert_suggested_on_arrival(Case.objects.get(), Channel.WEB)


@pytest.mark.django_db
def test_mail_through_ingest_email(desk_settings, monkeypatch):  # noqa: F811
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(_emotet_mail())))
    call_command("ingest_email")
    _assert_suggested_on_arrival(Case.objects.get(), Channel.EMAIL)


@pytest.mark.django_db(transaction=True)
def test_mail_through_poll_mailbox(settings, dovecot, desk_settings):  # noqa: F811
    dovecot.use_as_desk_mailbox(settings)
    dovecot.append(_emotet_mail())
    call_command("poll_mailbox")
    _assert_suggested_on_arrival(Case.objects.get(), Channel.EMAIL)


@pytest.mark.django_db
@pytest.mark.parametrize("channel", [Channel.PHONE, Channel.WALKIN])
def test_phone_and_walk_in_entered_by_staff(client_for, tier1_staff, channel):
    response = client_for(tier1_staff).post(
        reverse("cases:create") + f"?channel={channel}",
        {
            "channel": channel,
            "subject": EMOTET_SUBJECT,
            "body": EMOTET_BODY,
            "urgency": str(Urgency.NORMAL),
            "org_name": "株式会社サンプル商事",
            "person_name": "架空 花子",
            "prefecture": "東京都",
            "responder": str(tier1_staff.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    _assert_suggested_on_arrival(Case.objects.get(), channel)
