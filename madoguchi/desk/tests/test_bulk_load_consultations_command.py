"""bulk_load_consultations loads the count asked for, skips a database already that full, refuses overflowing years."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from madoguchi.cases.models import Case
from madoguchi.desk import bulk_load

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("bulk_load_consultations", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_loads_the_count_and_skips_when_the_database_already_holds_it():
    assert "loaded 30 cases" in _run("--count", "30", "--years", "1")
    assert Case.objects.count() == 30
    assert "already loaded" in _run("--count", "30", "--skip-if-loaded")
    assert Case.objects.count() == 30
    _run("--count", "5", "--years", "1")  # without the flag it adds
    assert Case.objects.count() == 35


def test_refuses_more_cases_a_year_than_the_reference_number_holds(monkeypatch):
    # The real bound is 99,999 a year; a small one keeps the refused load small should the check ever go.
    monkeypatch.setattr(bulk_load, "MAX_PER_YEAR", 10)
    with pytest.raises(CommandError, match="reference numbers a year"):
        _run("--count", "40", "--years", "2")
    assert Case.objects.count() == 0
    assert "loaded 18 cases" in _run("--count", "18", "--years", "2")
