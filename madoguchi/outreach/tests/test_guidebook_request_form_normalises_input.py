"""The request form accepts full-width input, checks postal code, prefecture and the copy limit next to the field."""

from __future__ import annotations

import pytest

from madoguchi.outreach.forms import GuidebookRequestForm
from madoguchi.outreach.tests.helpers import FORM_INPUT, make_edition

pytestmark = pytest.mark.django_db


def _form(**changes):
    edition = make_edition()
    return GuidebookRequestForm({**FORM_INPUT, "edition": str(edition.pk), **changes})


def test_full_width_input_is_normalised():
    form = _form()
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["postal_code"] == "163-8001"
    assert data["copies"] == 5
    assert data["phone"] == "03-0000-0000"
    assert data["address"] == "新宿区西新宿2-8-1"


@pytest.mark.parametrize("typed", ["1638001", "163-8001", "〒163-8001", "１６３８００１"])
def test_postal_code_with_or_without_hyphen_or_mark(typed):
    form = _form(postal_code=typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postal_code"] == "163-8001"


@pytest.mark.parametrize("typed", ["163-800", "16380011", "abc-defg"])
def test_postal_code_that_is_not_seven_digits_is_refused_next_to_the_field(typed):
    form = _form(postal_code=typed)
    assert not form.is_valid()
    assert "7桁" in form.errors["postal_code"][0]


def test_copies_over_the_setting_are_refused_with_the_limit_in_the_message(settings):
    settings.MADOGUCHI_GUIDEBOOK_MAX_COPIES = 30
    form = _form(copies="３１")
    assert not form.is_valid()
    assert form.errors["copies"] == [
        "部数は1〜30部の範囲で入力してください。それより多く必要な場合は、お電話でご相談ください。"
    ]
    assert _form(copies="30部").is_valid()


@pytest.mark.parametrize("typed", ["0", "-1", "たくさん"])
def test_copies_must_be_a_positive_number(typed):
    form = _form(copies=typed)
    assert not form.is_valid()
    assert "copies" in form.errors


def test_prefecture_outside_the_47_is_refused():
    form = _form(prefecture="東京県")
    assert not form.is_valid()
    assert "prefecture" in form.errors


def test_a_typed_prefecture_must_agree_with_the_chosen_one():
    form = _form(prefecture="東京都", address="大阪府大阪市北区1-1")
    assert not form.is_valid()
    assert form.errors["address"] == ["住所の都道府県（大阪府）と、選んだ都道府県（東京都）が一致しません。"]


def test_a_typed_prefecture_that_agrees_is_not_written_twice():
    form = _form(prefecture="東京都", address="東京都新宿区西新宿2-8-1")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["address"] == "新宿区西新宿2-8-1"


def test_an_inactive_edition_cannot_be_chosen():
    edition = make_edition(name="旧版")
    edition.is_active = False
    edition.save()
    form = GuidebookRequestForm({**FORM_INPUT, "edition": str(edition.pk)})
    assert not form.is_valid()
    assert "edition" in form.errors
