"""Header values a consulter controls stay escaped when a problem or quarantine reason is rendered with them."""

import pytest
from django.urls import reverse

from madoguchi.intake.services import mail as mail_intake

SCRIPT_SENDER = b"From: <script>alert('x')</script>\r\nSubject: test\r\n\r\nbody\r\n"
IMG_CHARSET = (
    b"From: sample@example.jp\r\nSubject: test\r\nMessage-ID: <escape.1@example.jp>\r\n"
    b"Date: Mon, 5 Jan 2026 10:00:00 +0900\r\n"
    b'Content-Type: text/plain; charset="<img src=x onerror=alert(1)>"\r\n\r\n'
    b"\x82\xa0\x82\xa2\x82\xa4 \x83e\x83X\x83g\r\n"
)


def _pages(client, language: str, *urls: str) -> list[str]:
    client.post(reverse("set_language"), {"language": language, "next": reverse("intake_staff:inbound")})
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(response.content.decode())
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en"])
def test_html_in_the_from_header_is_escaped_in_the_quarantine_reason(tier1_staff, client_for, language):
    message = mail_intake.ingest_raw(raw=SCRIPT_SENDER, transport="pipe").message
    assert message.quarantine_params["value"] == "<script>alert('x')</script>"

    urls = (reverse("intake_staff:quarantine"), reverse("intake_staff:message", args=[message.pk]))
    for page in _pages(client_for(tier1_staff), language, *urls):
        assert "<script>alert(" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ja", "en"])
def test_html_in_a_declared_charset_is_escaped_in_the_problem(tier1_staff, client_for, desk_settings, language):
    message = mail_intake.ingest_raw(raw=IMG_CHARSET, transport="pipe").message
    assert message.problems[0]["params"]["declared"] == "<img src=x onerror=alert(1)>"

    [page] = _pages(client_for(tier1_staff), language, reverse("intake_staff:message", args=[message.pk]))
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.django_db
def test_html_in_the_from_header_is_escaped_in_the_reprocess_flash(tier1_staff, client_for):
    message = mail_intake.ingest_raw(raw=SCRIPT_SENDER, transport="pipe").message
    client = client_for(tier1_staff)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("intake_staff:inbound")})

    page = client.post(reverse("intake_staff:reprocess", args=[message.pk]), follow=True).content.decode()

    assert "The sender address cannot be read (From: &lt;script&gt;" in page
    assert "<script>alert(" not in page
