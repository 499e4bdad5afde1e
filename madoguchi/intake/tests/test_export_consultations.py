import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from madoguchi.intake import export
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml


@pytest.mark.django_db
def test_export_writes_one_utf8_json_object_per_case(tmp_path, desk_settings):
    mail_intake.ingest_raw(raw=eml("thread_original.eml"), transport="pipe")
    mail_intake.ingest_raw(raw=eml("thread_reply.eml"), transport="pipe")
    mail_intake.ingest_raw(raw=eml("forwarded_phishing.eml"), transport="pipe")
    target = tmp_path / "backup.jsonl"
    call_command("export_consultations", "--format", "jsonl", "--output", str(target), stderr=StringIO())
    raw = target.read_bytes()
    assert "髙橋 花子".encode() in raw, "UTF-8, not \\u escapes"
    records = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    assert len(records) == 2
    thread = records[0]
    assert thread["format"] == "madoguchi-consultation/1"
    assert [m["message_id"] for m in thread["messages"]] == [
        "<thread-root-0001@example.jp>",
        "<thread-reply-0002@example.jp>",
    ]
    assert thread["messages"][0]["text"] == "管理画面に不正アクセスされた可能性があります。\n"
    assert thread["person"]["email"] == "taro.kaku@example.jp"
    assert any(e["kind"] == "email_in" for e in thread["events"])
    phishing = records[1]
    assert phishing["attachments"][0]["is_forwarded_message"] is True
    assert phishing["attachments"][0]["sha256"]
    assert phishing["messages"][0]["subject"] == "Fwd: 【重要】お客様の口座が凍結されました"


@pytest.mark.django_db
def test_export_streams_in_chunks_with_a_constant_number_of_queries(monkeypatch, desk_settings, tier1_staff):
    from madoguchi.testing.factories import make_case

    for i in range(7):
        make_case(actor=tier1_staff, subject=f"件名{i}")
    monkeypatch.setattr(export, "CHUNK", 3)
    stream = export.iter_lines()
    first = next(stream)
    assert json.loads(first)["subject"] == "件名0"
    with CaptureQueriesContext(connection) as queries:
        rest = list(stream)
    assert len(rest) == 6
    # 2 more chunks of (cases + 5 prefetches) and one empty probe, independent of the number of cases.
    assert len(queries) <= 2 * 6 + 1
