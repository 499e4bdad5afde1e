"""Requests the public form refuses (rate limit, honeypot) never leave their uploads in the pending area."""

from __future__ import annotations

import pytest

from madoguchi.intake import storage
from madoguchi.intake.tests._form_helpers import VALID, png


def _pending_files() -> list:
    root = storage.pending_dir()
    return sorted(root.rglob("data")) if root.exists() else []


@pytest.fixture(autouse=True)
def own_data_dir(settings, tmp_path):
    # The pending area lives under DATA_DIR; a fresh one per test so other tests' files do not count.
    settings.DATA_DIR = tmp_path


@pytest.mark.django_db
def test_a_rate_limited_request_stores_no_upload(client, settings, desk_settings):
    settings.MADOGUCHI_PUBLIC_FORM_RATE = "1/3600"
    assert client.post("/consult/", {**VALID, "step": "confirm"}).status_code == 302

    refused = client.post("/consult/", {**VALID, "attachments": [png()]})

    assert refused.status_code == 429
    assert _pending_files() == []
    assert 'value="株式会社サンプル商事"' in refused.content.decode(), "the typing is kept"


@pytest.mark.django_db
def test_a_honeypot_request_stores_no_upload(client, desk_settings):
    refused = client.post("/consult/", {**VALID, "website": "https://spam.example.com", "attachments": [png()]})

    assert refused.status_code == 400
    assert _pending_files() == []


@pytest.mark.django_db
def test_an_accepted_input_step_still_keeps_its_upload_for_the_confirmation(client, desk_settings):
    response = client.post("/consult/", {**VALID, "attachments": [png()]})

    assert response.status_code == 200
    assert len(_pending_files()) == 1


@pytest.mark.django_db
def test_input_steps_beyond_the_request_budget_store_no_upload(client, settings, desk_settings):
    # Uploads on the input step are never confirmed by a bot; the per-request budget bounds them too.
    settings.MADOGUCHI_PUBLIC_FORM_POST_RATE = "2/3600"
    for _ in range(2):
        assert client.post("/consult/", {**VALID, "attachments": [png()]}).status_code == 200
    stored = _pending_files()

    refused = client.post("/consult/", {**VALID, "attachments": [png()]})

    assert refused.status_code == 429
    assert _pending_files() == stored
