"""The English UI is a translation away: the language selector and Accept-Language switch the whole page."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ENGLISH_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _page_text(response) -> str:
    # Unescape so that apostrophes (&#x27;) in labels compare as typed.
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _switch_to_english(client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("cases:dashboard")})
    assert response.status_code == 302


@pytest.mark.django_db
def test_staff_pages_are_japanese_by_default(tier1_staff, client_for):
    client = client_for(tier1_staff)

    dashboard = _page_text(client.get(reverse("cases:dashboard")))
    intake = _page_text(client.get(reverse("cases:create") + "?channel=phone"))

    assert "ダッシュボード" in dashboard
    assert "Dashboard" not in dashboard
    assert "相談内容（相談者の言葉のまま）" in intake


@pytest.mark.django_db
def test_language_selector_switches_staff_pages_to_english(tier1_staff, client_for):
    client = client_for(tier1_staff)

    _switch_to_english(client)
    dashboard = _page_text(client.get(reverse("cases:dashboard")))
    intake = _page_text(client.get(reverse("cases:create") + "?channel=phone"))

    assert "Dashboard" in dashboard
    assert "ダッシュボード" not in dashboard
    assert "Consultation (in the consulter's own words)" in intake
    assert "相談内容（相談者の言葉のまま）" not in intake


@pytest.mark.django_db
def test_public_home_is_japanese_without_accept_language(anonymous):
    page = _page_text(anonymous.get(reverse("intake:home")))

    assert "中小企業の皆さまのサイバーセキュリティに関するご相談をお受けしています。" in page


@pytest.mark.django_db
def test_public_home_follows_accept_language_english(anonymous):
    page = _page_text(anonymous.get(reverse("intake:home"), headers={"accept-language": "en"}))

    assert "We accept cybersecurity inquiries from small and medium-sized enterprises." in page
    assert "中小企業の皆さまのサイバーセキュリティに関するご相談をお受けしています。" not in page


def _catalogue_entries(*, path: Path) -> list[dict[str, str]]:
    """Parse a .po file into entries of msgid/msgid_plural/msgstr[...] and flags (no polib in the venv)."""
    entries: list[dict[str, str]] = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry: dict[str, str] = {}
        key = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = line[2:].strip()
                continue
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith('"'):
                entry[key] += ast.literal_eval(line)
                continue
            key, _, literal = line.partition(" ")
            entry[key] = ast.literal_eval(literal)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def test_every_message_in_the_english_catalogue_is_translated():
    entries = _catalogue_entries(path=ENGLISH_CATALOGUE)
    messages = [e for e in entries if e.get("msgid")]  # the header has an empty msgid
    untranslated = [e["msgid"] for e in messages if not all(v for k, v in e.items() if k.startswith("msgstr"))]

    # compilemessages leaves fuzzy entries out of the .mo, so they are as good as untranslated.
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e.get("flags", "")]

    assert len(messages) > 900
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.django_db
def test_english_pages_keep_the_product_name(tier1_staff, client_for):
    client = client_for(tier1_staff)

    _switch_to_english(client)
    dashboard = _page_text(client.get(reverse("cases:dashboard")))

    brand = re.search(r'<a class="brand"[^>]*>(.*?)</a>', dashboard, re.S)
    title = re.search(r"<title>(.*?)</title>", dashboard, re.S)
    assert brand is not None and title is not None
    assert "Madoguchi" in brand.group(1)
    assert "Counter" not in brand.group(1)
    assert title.group(1).strip().endswith("| Madoguchi")
