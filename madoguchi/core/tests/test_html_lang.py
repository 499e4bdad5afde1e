"""Screen readers and browsers are told the page language: <html lang> follows the chosen language."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_html_lang_is_japanese_by_default_and_english_after_switching(client_for, tier1_staff):
    client = client_for(tier1_staff)
    assert '<html lang="ja">' in client.get(reverse("cases:dashboard")).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    assert '<html lang="en">' in client.get(reverse("cases:dashboard")).content.decode()


def test_public_page_lang_follows_accept_language(anonymous):
    assert '<html lang="ja">' in anonymous.get("/").content.decode()
    assert '<html lang="en">' in anonymous.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
