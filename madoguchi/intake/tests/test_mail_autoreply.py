"""Machine-generated mail (bounces, auto-replies, bulk) is recognised, and human mail is not."""

from pathlib import Path

import pytest

from madoguchi.intake.mail import Limits, detect_auto_reply, parse_message

EML = Path(__file__).parent / "fixtures" / "eml"


def _verdict(name: str):
    return parse_message(raw=(EML / name).read_bytes(), limits=Limits()).auto_reply


def test_auto_submitted_auto_replied():
    verdict = _verdict("autoreply_auto_submitted.eml")
    assert verdict is not None and verdict.kind == "auto_reply"
    assert "Auto-Submitted" in verdict.reason


def test_out_of_office_with_x_autoreply():
    verdict = _verdict("out_of_office_x_autoreply.eml")
    assert verdict is not None and verdict.kind == "auto_reply"
    assert "X-Autoreply" in verdict.reason


def test_mailer_daemon_delivery_status_report_is_a_bounce():
    verdict = _verdict("bounce_mailer_daemon.eml")
    assert verdict is not None and verdict.kind == "bounce"


def test_outlook_mail_with_only_x_auto_response_suppress_is_human():
    assert _verdict("outlook_suppress_human.eml") is None


@pytest.mark.parametrize("name", ["iso2022jp_outlook.eml", "utf8_base64_gmail.eml", "thread_reply.eml"])
def test_ordinary_consultations_are_not_auto(name):
    assert _verdict(name) is None


def _detect(headers: dict[str, list[str]], *, sender: str = "taro.kaku@example.jp", subject: str = "相談"):
    return detect_auto_reply(
        headers=headers, content_type="text/plain", report_type=None, sender_address=sender, subject=subject
    )


@pytest.mark.parametrize("value", ["bulk", "junk", "list", "Bulk"])
def test_precedence_bulk_family(value):
    verdict = _detect({"precedence": [value]})
    assert verdict is not None and verdict.kind == "bulk"


def test_precedence_auto_reply():
    verdict = _detect({"precedence": ["auto_reply"]})
    assert verdict is not None and verdict.kind == "auto_reply"


def test_auto_submitted_no_is_human():
    assert _detect({"auto-submitted": ["no"]}) is None


def test_x_autorespond_header():
    verdict = _detect({"x-autorespond": ["Automatic reply"]})
    assert verdict is not None and verdict.kind == "auto_reply"


@pytest.mark.parametrize("sender", ["postmaster@example.jp", "Mailer-Daemon@mx.example.com"])
def test_daemon_senders_are_bounces(sender):
    verdict = _detect({}, sender=sender)
    assert verdict is not None and verdict.kind == "bounce"


def test_null_return_path_is_automatic():
    verdict = _detect({"return-path": ["<>"]})
    assert verdict is not None and verdict.kind == "auto_reply"


def test_suppress_header_with_auto_reply_subject_is_auto():
    verdict = _detect({"x-auto-response-suppress": ["All"]}, subject="自動応答: ご相談の件")
    assert verdict is not None and verdict.kind == "auto_reply"


def test_read_receipt_report():
    verdict = detect_auto_reply(
        headers={},
        content_type="multipart/report",
        report_type="disposition-notification",
        sender_address="taro.kaku@example.jp",
        subject="開封済み: 相談",
    )
    assert verdict is not None and verdict.kind == "read_receipt"
