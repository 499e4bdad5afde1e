"""`ChoiceLabels` gives exactly Django's `get_<field>_display()`, in every language, for every choice and for none."""

import pytest
from django.db import models
from django.utils import translation

from madoguchi.cases.models import Callback, Case, CaseEvent
from madoguchi.core.models import ChoiceLabels

MODELS = [Case, CaseEvent, Callback]


def _fields_with_choices():
    for model in MODELS:
        for field in model._meta.concrete_fields:
            if field.choices:
                yield model, field


def test_the_list_models_use_it():
    assert all(issubclass(model, ChoiceLabels) for model in MODELS)
    assert sum(1 for _ in _fields_with_choices()) >= 5


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_value_shows_the_label_django_would_show(language):
    with translation.override(language):
        for model, field in _fields_with_choices():
            for value in [*(v for v, _label in field.flatchoices), "no-such-choice", None]:
                instance = model()
                setattr(instance, field.attname, value)
                ours = getattr(instance, f"get_{field.name}_display")()
                djangos = models.Model._get_FIELD_display(instance, field)
                assert ours == djangos, (model.__name__, field.name, value)
                assert type(ours) is type(djangos)


def test_the_label_follows_the_active_language():
    case = Case(status="received")
    with translation.override("ja"):
        japanese = case.get_status_display()
    with translation.override("en"):
        english = case.get_status_display()
    assert japanese != english
    assert not japanese.isascii() and english.isascii()
