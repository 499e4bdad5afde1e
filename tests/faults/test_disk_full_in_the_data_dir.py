"""The data dir's disk is full (a 1 MB tmpfs filled to the last byte): mail intake refuses with a temporary
failure the MTA retries (exit 75), stores no half-written file and no row, and records the mail once space returns.

Needs root for `mount -t tmpfs` (the test containers run as root). The web side (the public form, staff uploads,
read-only mode) has its own files next to this one."""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from madoguchi.cases.models import Case
from madoguchi.intake.models import InboundMessage
from madoguchi.intake.tests.conftest import eml

pytestmark = pytest.mark.django_db(transaction=True)


def test_mail_on_a_full_disk_is_refused_for_retry_and_stored_once_space_returns(full_data_dir, tmp_path, desk_settings):
    mount_point = full_data_dir.mount_point
    raw = eml("rfc2231_filenames.eml")
    mail_file = tmp_path / "in.eml"
    mail_file.write_bytes(raw)

    with pytest.raises(CommandError, match="cannot store the mail, retry later") as refused:
        call_command("ingest_email", str(mail_file))
    assert refused.value.returncode == 75, "EX_TEMPFAIL: the MTA keeps the mail and retries"
    assert full_data_dir.visible_files() == [], "no half-written or temporary file is left behind"
    assert (InboundMessage.objects.count(), Case.objects.count()) == (0, 0)

    full_data_dir.free()  # space returns
    call_command("ingest_email", str(mail_file))
    message = InboundMessage.objects.get()
    stored = mount_point / "mail" / f"{hashlib.sha256(raw).hexdigest()}.eml"
    assert message.raw_sha256 == hashlib.sha256(raw).hexdigest() and stored.read_bytes() == raw
    assert Case.objects.count() == 1
