"""Attachments: decoded names, storage-safe names, types sniffed from content, forwarded mail kept whole."""

import hashlib
from pathlib import Path

import pytest

from madoguchi.intake.mail import Limits, parse_message, sanitize_filename

EML = Path(__file__).parent / "fixtures" / "eml"


def _parse(name: str):
    return parse_message(raw=(EML / name).read_bytes(), limits=Limits())


def test_rfc2231_and_rfc2047_filenames_in_japanese_charsets():
    names = [a.original_filename for a in _parse("rfc2231_filenames.eml").attachments]
    assert names == [
        "①見積書㈱サンプル.pdf",  # filename*=iso-2022-jp'' with NEC specials
        "ソフト一覧表.txt",  # filename*=shift_jis''
        "ログ（髙橋）.csv",  # filename*=UTF-8''
        "非常に長いファイル名の報告書_2026年11月分.docx",  # filename*0*= / *1* split inside a character
        "請求書№5.xlsx",  # Outlook: filename="=?iso-2022-jp?B?...?="
    ]


def test_office_files_sniffed_as_office_not_as_mismatch():
    attachments = _parse("rfc2231_filenames.eml").attachments
    assert all(not a.type_mismatch for a in attachments)
    assert attachments[0].sniffed_type == "application/pdf"


def test_mixed_attachments_are_sniffed_by_content():
    attachments = _parse("attachments_mixed.eml").attachments
    summary = [(a.filename, a.content_type, a.sniffed_type, a.type_mismatch) for a in attachments]
    assert summary == [
        ("screen.png", "image/png", "image/png", False),
        ("report.pdf", "application/pdf", "application/pdf", False),
        ("logs.zip", "application/zip", "application/zip", False),
        ("請求書.pdf", "application/pdf", "application/x-msdownload", True),
    ]


def test_exe_renamed_pdf_is_flagged_for_staff():
    parsed = _parse("attachments_mixed.eml")
    fake = parsed.attachments[3]
    assert fake.is_executable
    assert fake.payload.startswith(b"MZ")
    assert any(p.code == "attachment_type_mismatch" and "請求書.pdf" in p.message for p in parsed.problems)


def test_inline_image_keeps_content_id():
    png = _parse("attachments_mixed.eml").attachments[0]
    assert png.is_inline
    assert png.content_id == "<part1.screen@example.jp>"
    assert png.payload.startswith(b"\x89PNG\r\n\x1a\n")


def test_size_and_sha256_describe_the_decoded_payload():
    for attachment in _parse("attachments_mixed.eml").attachments:
        assert attachment.size == len(attachment.payload)
        assert attachment.sha256 == hashlib.sha256(attachment.payload).hexdigest()


def test_forwarded_phishing_mail_is_kept_whole_and_byte_exact():
    raw = (EML / "forwarded_phishing.eml").read_bytes()
    parsed = parse_message(raw=raw, limits=Limits())
    assert parsed.text_body == "不審なメールが届いたので転送します。\nリンクは開いていません。\n"
    [forwarded] = parsed.attachments
    assert forwarded.is_forwarded_message
    assert forwarded.content_type == "message/rfc822"
    assert forwarded.filename == "【重要】お客様の口座が凍結されました.eml"
    assert forwarded.payload in raw  # not re-encoded or refolded
    inner = parse_message(raw=forwarded.payload, limits=Limits())
    assert inner.sender.address == "info@sample-bank.example.com"
    assert inner.text_body == (
        "お客様の口座を一時的に凍結しました。\n下記URLから本人確認を行ってください。\n"
        "http://sample-bank.example.com.verify.example.net/login\n"
    )


def test_bounce_parts_without_names_get_generated_names():
    names = [a.filename for a in _parse("bounce_mailer_daemon.eml").attachments]
    assert names == ["attachment-1.txt", "attachment-2.txt"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("..\\..\\Windows\\system32\\evil.exe", "evil.exe"),
        ("../../etc/passwd", "passwd"),
        ("CON.txt", "_CON.txt"),
        ('見積<最終>:"版"?.pdf', "見積_最終___版__.pdf"),
        ("  .hidden. ", "hidden"),
        ("", "attachment-1.bin"),
        ("ｶﾞ\u0301.txt", "ｶﾞ\u0301.txt"),
    ],
)
def test_sanitize_filename(name, expected):
    assert sanitize_filename(name=name, fallback="attachment-1.bin") == expected


def test_sanitize_filename_truncates_but_keeps_extension():
    result = sanitize_filename(name="長" * 300 + ".pdf", fallback="x")
    assert result.endswith(".pdf")
    assert len(result) == 120
