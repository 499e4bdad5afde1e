"""Size and count limits skip parts with a recorded reason instead of failing the whole mail."""

from pathlib import Path

import pytest

from madoguchi.intake.mail import Limits, UnparseableMessage, parse_message

EML = Path(__file__).parent / "fixtures" / "eml"


def test_over_limit_attachment_is_skipped_with_reason_and_size():
    parsed = parse_message(
        raw=(EML / "over_limit_attachment.eml").read_bytes(), limits=Limits(max_attachment_bytes=200_000)
    )
    assert parsed.text_body == "ログ一式を添付します。\n"
    assert [a.filename for a in parsed.attachments] == ["summary.pdf"]
    [skipped] = parsed.skipped_parts
    assert (skipped.filename, skipped.size, skipped.reason_code) == ("サーバーログ.bin", 300_000, "too_large")
    assert "上限" in skipped.reason


def test_same_attachment_is_kept_under_a_larger_limit():
    parsed = parse_message(raw=(EML / "over_limit_attachment.eml").read_bytes(), limits=Limits())
    assert [a.filename for a in parsed.attachments] == ["サーバーログ.bin", "summary.pdf"]
    assert parsed.skipped_parts == []


def test_attachments_beyond_the_count_limit_are_skipped():
    parsed = parse_message(raw=(EML / "attachments_mixed.eml").read_bytes(), limits=Limits(max_attachments=2))
    assert [a.filename for a in parsed.attachments] == ["screen.png", "report.pdf"]
    assert [(s.filename, s.reason_code) for s in parsed.skipped_parts] == [
        ("logs.zip", "too_many"),
        ("請求書.pdf", "too_many"),
    ]


def test_message_over_the_size_limit_is_refused_with_a_japanese_reason():
    raw = (EML / "over_limit_attachment.eml").read_bytes()
    with pytest.raises(UnparseableMessage) as caught:
        parse_message(raw=raw, limits=Limits(max_message_bytes=100_000))
    assert caught.value.code == "too_large"
    assert "上限" in caught.value.reason
