"""backup -> wipe -> restore gives back every consultation, mail, attachment, audit entry, edit, template and setting.

The restore runs as `manage.py restore` in a fresh process on a new empty database and a new empty data dir,
like a rebuilt server; the comparison reads the restored database directly.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from madoguchi.accounts import audit
from madoguchi.accounts.models import AuditEvent
from madoguchi.answers.models import MailTemplate
from madoguchi.cases.models import Case, DeskRules
from madoguchi.intake.models import Attachment, InboundMessage
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml
from madoguchi.ops import backup
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.referrals.tests.helpers import organization_form_data
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(settings.BASE_DIR)


def _fill_the_desk(*, tier1_staff, tier2_staff, admin_user, client_for) -> None:
    make_case(actor=tier1_staff, subject="ランサムウェアの脅迫文が表示された（架空）")
    make_case(actor=tier1_staff, subject="サンプル商事の請求書メールが偽物かもしれない", person_name="見本 花子")
    with_files = mail_intake.ingest_raw(raw=eml("attachments_mixed.eml"), transport="pipe")
    assert with_files.outcome != mail_intake.IngestOutcome.QUARANTINED
    quarantined = mail_intake.ingest_raw(raw=eml("garbage_no_from.eml"), transport="pipe")
    assert quarantined.outcome == mail_intake.IngestOutcome.QUARANTINED
    audit.record(action="view_personal_data", actor=tier2_staff, target=Case.objects.first(), detail={"why": "test"})
    call_command("load_reference_data", app=["referrals"], verbosity=0)
    org = ReferralOrganization.objects.get(code="houterasu")
    url = reverse("referrals:organization_edit", kwargs={"code": org.code})
    response = client_for(tier2_staff).post(url, organization_form_data(org, notes="バックアップ試験の編集（架空）"))
    assert response.status_code == 302
    MailTemplate.objects.create(
        code="ack_web",
        subject="受付のお知らせ（試験）",
        body="{{ reference }} を受け付けました（試験）",
        updated_by=admin_user,
    )
    rules = DeskRules.current()
    rules.default_first_response_minutes = 77
    rules.save()


def _restored_counts(vendor: str, target: str) -> tuple[dict[str, int], dict[str, object]]:
    queries = {
        "case_subjects": "SELECT subject FROM cases_case ORDER BY id",
        "raw_hashes": "SELECT raw_sha256 FROM intake_inboundmessage ORDER BY id",
        "attachment_hashes": "SELECT sha256 FROM intake_attachment ORDER BY id",
        "template": "SELECT subject, body FROM answers_mailtemplate",
        "first_contact": "SELECT default_first_response_minutes FROM cases_deskrules",
        "org_notes": "SELECT notes, version FROM referrals_referralorganization WHERE code = 'houterasu'",
        "audit": "SELECT action, actor_username FROM accounts_auditevent ORDER BY id",
    }
    db: Any
    if vendor == "sqlite":
        db = sqlite3.connect(target)
        names = [
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
    else:
        db = psycopg.connect(target)
        names = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    try:
        counts = {n: int(db.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]) for n in names}  # noqa: S608
        fields = {key: [tuple(row) for row in db.execute(sql).fetchall()] for key, sql in queries.items()}
    finally:
        db.close()
    return counts, fields


def _expected_fields() -> dict[str, object]:
    org = ReferralOrganization.objects.get(code="houterasu")
    return {
        "case_subjects": [(s,) for s in Case.objects.order_by("id").values_list("subject", flat=True)],
        "raw_hashes": [(s,) for s in InboundMessage.objects.order_by("id").values_list("raw_sha256", flat=True)],
        "attachment_hashes": [(s,) for s in Attachment.objects.order_by("id").values_list("sha256", flat=True)],
        "template": [tuple(t) for t in MailTemplate.objects.values_list("subject", "body")],
        "first_contact": [(77,)],
        "org_notes": [(org.notes, org.version)],
        "audit": [tuple(a) for a in AuditEvent.objects.order_by("id").values_list("action", "actor_username")],
    }


@pytest.fixture
def empty_installation(tmp_path):
    """A new data dir and a new, empty database of the same kind as the test database."""
    data_dir = tmp_path / "restored-data"
    data_dir.mkdir()
    if connection.vendor == "sqlite":
        path = data_dir / "madoguchi.sqlite3"
        yield {"DATABASE_URL": f"sqlite:///{path}", "dir": data_dir, "vendor": "sqlite", "target": str(path)}
        return
    params = connection.settings_dict
    name = f"{params['NAME']}_restore"
    admin = psycopg.connect(host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"], dbname="postgres")
    admin.autocommit = True
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    url = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT'] or 5432}/{name}"
    try:
        yield {
            "DATABASE_URL": url,
            "dir": data_dir,
            "vendor": "postgresql",
            "target": url.replace("postgres://", "postgresql://"),
        }
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _manage(*args: str, env_overrides: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env_overrides}
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args], env=env, capture_output=True, text=True, cwd=BASE_DIR
    )


def test_backup_wipe_restore_gives_back_everything(
    tier1_staff, tier2_staff, admin_user, client_for, empty_installation, tmp_path
):
    _fill_the_desk(tier1_staff=tier1_staff, tier2_staff=tier2_staff, admin_user=admin_user, client_for=client_for)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive))

    with connection.cursor() as cursor:
        counts = backup.table_row_counts(cursor)
    expected_files = {name: backup.sha256_file(backup.file_path(name)) for name in backup.data_files()}
    assert any(p.startswith("mail/") for p in expected_files), "raw mail is part of the backup"
    assert any(p.startswith("files/") for p in expected_files), "attachments are part of the backup"
    assert counts["intake_attachment"] >= 1 and counts["referrals_referralorganization"] >= 1
    fields = _expected_fields()

    env = {"DATABASE_URL": empty_installation["DATABASE_URL"], "MADOGUCHI_DATA_DIR": str(empty_installation["dir"])}
    result = _manage("restore", str(archive), env_overrides=env)
    assert result.returncode == 0, result.stderr

    restored_counts, restored_fields = _restored_counts(empty_installation["vendor"], empty_installation["target"])
    assert {t: restored_counts.get(t) for t in counts} == counts
    assert restored_fields == fields
    # The new installation keeps attachments and raw mail in its data dir (the defaults).
    restored_dir = empty_installation["dir"]
    restored = {n: backup.sha256_file(restored_dir / n.replace("data/", "", 1)) for n in expected_files}
    assert restored == expected_files
