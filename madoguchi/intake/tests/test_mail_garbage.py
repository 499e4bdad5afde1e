"""Input that cannot become a consultation raises UnparseableMessage with a reason staff can read."""

from pathlib import Path

import pytest

from madoguchi.intake.mail import Limits, UnparseableMessage, parse_message

EML = Path(__file__).parent / "fixtures" / "eml"


def _refusal(raw: bytes) -> UnparseableMessage:
    with pytest.raises(UnparseableMessage) as caught:
        parse_message(raw=raw, limits=Limits())
    return caught.value


def test_random_bytes_are_not_a_mail():
    refusal = _refusal((EML / "garbage_random.eml").read_bytes())
    assert refusal.code == "not_mail"
    assert refusal.reason.startswith("メールの形式ではありません")


def test_empty_file():
    refusal = _refusal((EML / "garbage_empty.eml").read_bytes())
    assert (refusal.code, refusal.reason) == ("empty", "メールの内容が空です。")


def test_whitespace_only():
    assert _refusal(b"\r\n\r\n  \r\n").code == "empty"


def test_mail_without_from_has_no_sender():
    refusal = _refusal((EML / "garbage_no_from.eml").read_bytes())
    assert (refusal.code, refusal.reason) == ("no_sender", "送信者アドレスがありません。")


def test_from_without_an_address():
    refusal = _refusal("From: 架空 太郎\r\nSubject: test\r\n\r\nbody\r\n".encode())
    assert refusal.code == "bad_sender"
    assert "送信者アドレスを読み取れません" in refusal.reason


def test_plain_text_file_is_not_a_mail():
    assert _refusal("これはメールではなくメモです。\n二行目\n".encode()).code == "not_mail"


def test_headers_that_are_not_mail_headers():
    assert _refusal(b"Foo: bar\r\nBaz: qux\r\n\r\nbody\r\n").code == "not_mail"


def test_sender_header_is_used_when_from_is_missing():
    parsed = parse_message(raw=b"Sender: taro.kaku@example.jp\r\nSubject: test\r\n\r\nbody\r\n", limits=Limits())
    assert parsed.sender.address == "taro.kaku@example.jp"
    assert "from_missing" in {p.code for p in parsed.problems}
