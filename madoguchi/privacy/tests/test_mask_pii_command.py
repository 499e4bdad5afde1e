import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(monkeypatch, *args, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("mask_pii", *args, stdout=out)
    return out.getvalue()


def test_stdin_text_is_masked_to_stdout(monkeypatch):
    out = run(monkeypatch, stdin="山田様の電話は０３－１２３４－５６７８、IPAに相談。\n2行目 info@example.jp\n")
    assert out == "〈氏名〉様の電話は〈電話番号〉、IPAに相談。\n2行目 〈メール〉\n"


def test_jsonl_file_gives_one_line_per_input_with_spans_on_the_input_text(monkeypatch, tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": 1, "text": "ｻﾄｳ様 ０３－１２３４－５６７８"},
        {"id": "b", "text": "警視庁とJPCERT/CCに連絡"},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    lines = run(monkeypatch, "--jsonl", str(src)).splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first == {
        "id": 1,
        "masked": "〈氏名〉様 〈電話番号〉",
        "spans": [{"start": 0, "end": 3, "type": "person"}, {"start": 5, "end": 17, "type": "phone"}],
    }
    assert rows[0]["text"][5:17] == "０３－１２３４－５６７８"
    assert second == {"id": "b", "masked": "警視庁とJPCERT/CCに連絡", "spans": []}


def test_jsonl_can_come_from_stdin(monkeypatch):
    out = run(monkeypatch, "--jsonl", "-", stdin='{"id": 7, "text": "〒100-0001"}\n')
    assert json.loads(out) == {
        "id": 7,
        "masked": "〈郵便番号〉",
        "spans": [{"start": 0, "end": 9, "type": "postal_code"}],
    }


def test_missing_file_is_an_error(monkeypatch, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(monkeypatch, "--jsonl", str(tmp_path / "nope.jsonl"))


def test_line_without_text_names_the_line(monkeypatch, tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1, "text": "a"}\n{"id": 2}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        run(monkeypatch, "--jsonl", str(src))
