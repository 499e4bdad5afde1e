"""The public form's phone and e-mail inputs carry exactly one, correct `type` (mobile keypads depend on it)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest


class InputAttributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: dict[str, list[tuple[str, str | None]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input":
            name = dict(attrs).get("name")
            if name:
                self.inputs[name] = attrs


def _inputs(html: str) -> dict[str, list[tuple[str, str | None]]]:
    parser = InputAttributes()
    parser.feed(html)
    return parser.inputs


def _values(attrs: list[tuple[str, str | None]], key: str) -> list[str | None]:
    return [value for name, value in attrs if name == key]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "input_type", "inputmode", "autocomplete"),
    [("phone", "tel", "tel", "tel"), ("email", "email", "email", "email")],
)
def test_input_has_exactly_one_type_of_the_right_value(client, field, input_type, inputmode, autocomplete):
    attrs = _inputs(client.get("/consult/").content.decode())[field]

    assert _values(attrs, "type") == [input_type]
    assert _values(attrs, "inputmode") == [inputmode]
    assert _values(attrs, "autocomplete") == [autocomplete]


@pytest.mark.django_db
def test_the_types_survive_a_validation_error(client):
    html = client.post("/consult/", {"phone": "０３ー００００ー００００", "email": "x"}).content.decode()
    inputs = _inputs(html)

    assert _values(inputs["phone"], "type") == ["tel"]
    assert _values(inputs["email"], "type") == ["email"]
    assert _values(inputs["email"], "value") == ["x"]
