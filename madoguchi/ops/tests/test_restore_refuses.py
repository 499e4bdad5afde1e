"""restore refuses a non-empty installation (unless --force) and an archive whose checksums do not match."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from madoguchi.cases.models import Case
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_restore_refuses_an_installation_with_consultations(tier1_staff, tmp_path):
    make_case(actor=tier1_staff)
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    make_case(actor=tier1_staff, subject="バックアップ後の相談（架空）")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))
    assert Case.objects.count() == 2, "nothing was replaced"


def test_restore_refuses_a_tampered_archive(tier1_staff, tmp_path):
    make_case(actor=tier1_staff)
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    tampered = tmp_path / "t.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else b""
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["database"]["sha256"] = "0" * 64
                data = json.dumps(manifest).encode()
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="checksum mismatch"):
        call_command("restore", str(tampered), force=True)
    assert Case.objects.count() == 1


def test_backup_leaves_out_the_secret_key_and_static_files(tier1_staff, tmp_path, settings):
    Path(settings.DATA_DIR, "static").mkdir(exist_ok=True)
    Path(settings.DATA_DIR, "static", "x.css").write_text("body{}")
    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    with tarfile.open(archive, "r:gz") as src:
        names = src.getnames()
    assert "manifest.json" in names
    assert not any(n.startswith("tree/data/static/") or n == "tree/data/secret_key" for n in names)
    assert not any(".sqlite3" in n and n.startswith("tree/") for n in names)
