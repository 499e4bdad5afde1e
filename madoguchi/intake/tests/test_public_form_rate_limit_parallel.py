"""Parallel submissions from one address: exactly the configured number of consultations gets through."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from madoguchi.cases.models import Case
from madoguchi.intake.tests._form_helpers import VALID

THREADS = 12
LIMIT = 3


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_admit_exactly_the_limit(settings, desk_settings):
    settings.MADOGUCHI_PUBLIC_FORM_RATE = f"{LIMIT}/3600"
    start = threading.Barrier(THREADS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            client = Client(REMOTE_ADDR="198.51.100.23")
            start.wait()
            statuses.append(client.post("/consult/", {**VALID, "step": "confirm"}).status_code)
        except Exception as exc:  # noqa: BLE001  (reported below: a thread cannot fail the test itself)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(statuses) == [302] * LIMIT + [429] * (THREADS - LIMIT)
    assert Case.objects.count() == LIMIT
