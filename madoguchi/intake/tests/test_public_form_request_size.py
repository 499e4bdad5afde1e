"""An oversized public-form request is refused with a Japanese 413 page before its body is read."""

from __future__ import annotations

import io

import pytest

from madoguchi.intake import storage
from madoguchi.intake.forms import max_file_bytes, max_files
from madoguchi.intake.tests._form_helpers import VALID, png


class UnreadableBody(io.RawIOBase):
    """A request body that records whether anyone read it."""

    def __init__(self) -> None:
        self.was_read = False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.was_read = True
        return b""

    def readline(self, size: int = -1) -> bytes:  # type: ignore[override]
        self.was_read = True
        return b""


@pytest.fixture(autouse=True)
def own_data_dir(settings, tmp_path):
    # The pending area lives under DATA_DIR; a fresh one per test so other tests' files do not count.
    settings.DATA_DIR = tmp_path


@pytest.mark.django_db
def test_an_oversized_request_is_refused_before_its_body_is_read(client, desk_settings):
    body = UnreadableBody()
    too_big = max_files() * max_file_bytes() + 2 * 1024 * 1024

    response = client.generic(
        "POST",
        "/consult/",
        b"x",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(too_big),
        **{"wsgi.input": body},
    )

    assert response.status_code == 413
    assert "送信できる大きさ" in response.content.decode()
    assert not body.was_read
    root = storage.pending_dir()
    assert not root.exists() or not any(root.iterdir())


@pytest.mark.django_db
def test_a_request_within_the_limit_is_accepted(client, desk_settings):
    assert client.post("/consult/", {**VALID, "attachments": [png()]}).status_code == 200
