"""A NUL character in any form's text says what is wrong, next to the field, and the typing is kept."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from madoguchi.intake.tests._form_helpers import VALID

NUL_MESSAGE = "保存できない文字（NUL 文字）が含まれています。削除してから送信してください。"
DJANGO_MESSAGE = "何か文字を入力してください。"


class FieldBlocks(HTMLParser):
    """For each <div class="field ..."> block: the names of its inputs and its text (label, help, errors)."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[set[str], list[str]]] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self._depth:
            self._depth += tag == "div"
            if tag in {"input", "textarea", "select"} and attributes.get("name"):
                self.blocks[-1][0].add(str(attributes["name"]))
        elif tag == "div" and "field" in (attributes.get("class") or "").split():
            self._depth = 1
            self.blocks.append((set(), []))

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "div":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.blocks[-1][1].append(data)


def _block_text(html: str, field: str) -> str:
    parser = FieldBlocks()
    parser.feed(html)
    (text,) = ["".join(text) for names, text in parser.blocks if field in names]
    return text


@pytest.mark.django_db
def test_public_form_names_the_nul_character_next_to_the_field(client, settings):
    response = client.post("/consult/", {**VALID, "body": "前半の文章\x00後半の文章"})
    html = response.content.decode()

    assert response.status_code == 400
    assert NUL_MESSAGE in _block_text(html, "body")
    assert DJANGO_MESSAGE not in html
    assert "前半の文章" in html and "後半の文章" in html, "the typing is kept"


@pytest.mark.django_db
def test_staff_form_names_the_nul_character_next_to_the_field(client_for, admin_user):
    client = client_for(admin_user)
    response = client.post(
        "/staff/answers/mail-templates/ack_web/", {"subject": "受付\x00のお知らせ", "body": "本文はそのまま"}
    )
    html = response.content.decode()

    assert response.status_code == 400
    assert NUL_MESSAGE in _block_text(html, "subject")
    assert "本文はそのまま" in html, "the typing is kept"
