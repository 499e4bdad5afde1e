"""Every public page tells citizens how to reach the desk: phone (as a tel: link), hours, e-mail, address."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_contact(settings):
    settings.MADOGUCHI_DESK_PHONE = "０３－１２３４－５６７８"
    settings.MADOGUCHI_DESK_HOURS_TEXT = "平日 9:30〜16:30（テスト用）"
    settings.MADOGUCHI_DESK_EMAIL = "soudan@example.jp"
    settings.MADOGUCHI_DESK_ADDRESS = "〒100-0001 東京都千代田区架空町9-9（テスト用）"


@pytest.mark.parametrize("name", ["intake:home", "intake:form", "intake:privacy"])
def test_public_page_shows_phone_hours_mail_and_address(anonymous, desk_contact, name):
    response = anonymous.get(reverse(name))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert 'href="tel:0312345678"' in page
    assert "０３－１２３４－５６７８" in page
    assert "平日 9:30〜16:30（テスト用）" in page
    assert 'href="mailto:soudan@example.jp"' in page
    assert "〒100-0001 東京都千代田区架空町9-9（テスト用）" in page


def test_home_page_puts_the_phone_number_next_to_the_advice_to_phone(anonymous, desk_contact):
    page = html.unescape(anonymous.get(reverse("intake:home")).content.decode())

    advice = page.index("お電話でご相談ください")
    assert 0 < page.index("tel:0312345678", advice) - advice < 200
