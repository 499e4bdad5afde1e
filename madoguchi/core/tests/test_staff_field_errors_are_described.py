"""A staff form field with an error points at its message and help text (aria-describedby / aria-invalid)."""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    postal_code = forms.CharField(label="郵便番号", help_text="7桁の数字")
    note = forms.CharField(label="メモ")


def test_each_described_by_id_exists_on_the_page() -> None:
    form = _Form(data={"postal_code": "", "note": ""})
    assert not form.is_valid()

    html = render_to_string("staff/includes/form_fields.html", {"form": form})

    for name in ("postal_code", "note"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert tag is not None
        assert 'aria-invalid="true"' in tag.group()
        described = re.search(r'aria-describedby="([^"]+)"', tag.group())
        assert described is not None
        for element_id in described.group(1).split():
            assert f'id="{element_id}"' in html, f"{name}: {element_id} is not on the page"
    assert 'id="id_postal_code_helptext"' in html
    assert 'id="id_postal_code_error"' in html
