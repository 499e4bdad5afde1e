"""Stored XSS: what a consulter controls is rendered escaped on every staff screen that shows it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.cases.models import Case
from madoguchi.cases.services import OrganizationData, PersonData
from madoguchi.intake.models import InboundMessage, InboundStatus
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.services import web_form

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOAD = f"架空{SCRIPT}{IMG}"
# What must never reach a page unescaped (an attribute break-out or a tag the browser would run).
DANGEROUS = ("<script>alert", "<img src=x", "onerror=alert(1)>")


def _mail(*, sender: str, subject: str, html: str, filename: str) -> bytes:
    return (
        f"From: {PAYLOAD} <{sender}>\r\n"
        "To: desk@example.jp\r\n"
        f"Subject: {subject}\r\n"
        "Message-ID: <xss-1@example.com>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        "--b1\r\n"
        "Content-Type: text/html; charset=utf-8\r\n\r\n"
        f"<p>{html}</p>\r\n"
        "--b1\r\n"
        f'Content-Type: application/pdf; name="{filename}"\r\n'
        f'Content-Disposition: attachment; filename="{filename}"\r\n\r\n'
        "%PDF-1.4 sample\r\n"
        "--b1--\r\n"
    ).encode()


@pytest.fixture
def hostile_cases(db, settings, second_factor_optional):
    settings.MADOGUCHI_DESK_NOTIFY = ["desk-notify@madoguchi.example.jp"]
    settings.MADOGUCHI_MAIL_DOMAIN = "madoguchi.example.jp"
    web = web_form.submit_web_consultation(
        data=web_form.WebConsultation(
            body=PAYLOAD,
            organization=OrganizationData(name=PAYLOAD, municipality=PAYLOAD[:32]),
            person=PersonData(name=PAYLOAD, phone="03-0000-3333", email="xss@example.jp"),
        ),
        files=[
            web_form.UploadedFile(
                filename=f"{IMG}.pdf", content_type="text/html", sniffed_type="application/pdf", data=b"%PDF-1.4"
            )
        ],
    )
    emailed = mail_intake.ingest_raw(
        raw=_mail(sender="xss-mail@example.com", subject=PAYLOAD, html=PAYLOAD, filename=f"{IMG}.pdf"),
        transport="pipe",
    )
    # No sender: kept in quarantine, with the subject shown to staff.
    quarantined = mail_intake.ingest_raw(
        raw=f"To: desk@example.jp\r\nSubject: {PAYLOAD}\r\nMessage-ID: <xss-2@example.com>\r\n\r\nx\r\n".encode(),
        transport="pipe",
    )
    assert quarantined.message.status == InboundStatus.QUARANTINED
    # Messages quarantined after parsing (over a limit, a parser error) keep their headers: show those too.
    InboundMessage.objects.filter(pk=quarantined.message.pk).update(
        subject=PAYLOAD, from_name=PAYLOAD, quarantine_reason=PAYLOAD
    )
    return web, emailed.message.case, quarantined.message


def _assert_escaped(response) -> None:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    for fragment in DANGEROUS:
        assert fragment not in html, fragment


def _pages(web: Case, emailed: Case, quarantined: InboundMessage) -> list[str]:
    inbound = InboundMessage.objects.filter(case=emailed).first()
    assert inbound is not None
    return [
        reverse("cases:dashboard"),
        reverse("cases:list"),
        reverse("cases:list") + "?q=架空",
        reverse("knowledge:search") + "?q=架空",
        reverse("cases:detail", kwargs={"reference": web.reference}),
        reverse("cases:detail", kwargs={"reference": emailed.reference}),
        reverse("cases:organization", kwargs={"pk": web.organization_id}),
        reverse("intake_staff:inbound"),
        reverse("intake_staff:quarantine"),
        reverse("intake_staff:message", kwargs={"pk": inbound.pk}),
        reverse("intake_staff:message", kwargs={"pk": quarantined.pk}),
    ]


@pytest.mark.parametrize("page_index", range(11))
def test_consulter_payload_is_escaped_on_staff_screens(client_for, tier2_staff, hostile_cases, page_index):
    web, emailed, quarantined = hostile_cases
    url = _pages(web, emailed, quarantined)[page_index]
    response = client_for(tier2_staff).get(url)
    _assert_escaped(response)
    # The payload is really on the page (escaped), or the test would prove nothing.
    assert "&lt;script&gt;" in response.content.decode() or "架空" in response.content.decode(), url


def test_the_sandboxed_html_body_has_no_live_script(client_for, tier2_staff, hostile_cases):
    _web, emailed, _quarantined = hostile_cases
    inbound = InboundMessage.objects.filter(case=emailed).first()
    response = client_for(tier2_staff).get(reverse("intake_staff:message_html", kwargs={"pk": inbound.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html.lower()
    assert "onerror" not in html.lower()


def test_the_export_preview_escapes_the_payload(client_for, manager, hostile_cases):
    response = client_for(manager).get(reverse("cases:list_export"))
    assert response.status_code == 200
    # CSV is not HTML, but a spreadsheet formula or a tag must not arrive as markup in an HTML content type.
    assert not response["Content-Type"].startswith("text/html")
