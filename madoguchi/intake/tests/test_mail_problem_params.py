"""Every finding carries its code and params next to the Japanese sentence, so the UI can render it in any language."""

from pathlib import Path

import pytest

from madoguchi.intake.mail import Limits, Problem, UnparseableMessage, parse_message
from madoguchi.intake.mail.messages import PROBLEM_MESSAGES, SKIPPED_PART_MESSAGES, UNPARSEABLE_MESSAGES

EML = Path(__file__).parent / "fixtures" / "eml"


def _parse(name: str, limits: Limits | None = None):
    return parse_message(raw=(EML / name).read_bytes(), limits=limits or Limits())


def test_charset_mismatch_keeps_both_charsets_as_params():
    [problem] = _parse("wrong_label_latin1.eml").problems

    assert problem.code == "charset_mismatch"
    assert problem.params == {"declared": "iso-8859-1", "used": "cp932"}
    assert (
        problem.message == "宣言された文字コード（iso-8859-1）と内容が一致しないため、内容から cp932 と判定しました。"
    )


def test_date_problem_picks_its_sentence_with_a_variant():
    [problem] = _parse("missing_date.eml").problems

    assert (problem.code, problem.params) == ("date_missing", {"variant": "received"})
    assert problem.message == "Date ヘッダーがないため、受信サーバーの記録日時を使いました。"


def test_attachment_mismatch_keeps_the_sender_file_name_as_a_param():
    [problem] = _parse("attachments_mixed.eml").problems

    assert problem.params == {"filename": "請求書.pdf", "sniffed": "application/x-msdownload"}
    assert problem.message.startswith("添付ファイル「請求書.pdf」の中身は拡張子と異なる形式")


def test_skipped_part_reason_is_built_from_its_params():
    [skipped] = _parse("over_limit_attachment.eml", Limits(max_attachment_bytes=200_000)).skipped_parts

    assert skipped.params == {"filename": "サーバーログ.bin", "size": "0.3 MB", "limit": "0.2 MB"}
    assert (
        skipped.reason == "添付ファイル「サーバーログ.bin」（0.3 MB）は上限（0.2 MB）を超えているため保存していません。"
    )


def test_unreadable_sender_keeps_header_name_and_value_as_params():
    raw = b"From: <script>alert('x')</script>\r\nSubject: t\r\n\r\nbody\r\n"
    with pytest.raises(UnparseableMessage) as caught:
        parse_message(raw=raw, limits=Limits())

    assert caught.value.code == "bad_sender"
    assert caught.value.params == {"header": "From", "value": "<script>alert('x')</script>"}
    assert caught.value.reason == "送信者アドレスを読み取れません（From: <script>alert('x')</script>）。"


def test_not_mail_picks_its_sentence_with_a_variant():
    with pytest.raises(UnparseableMessage) as caught:
        parse_message(raw=b"\x00\x01\x02", limits=Limits())

    assert (caught.value.code, caught.value.params) == ("not_mail", {"variant": "binary"})
    assert caught.value.reason == "メールの形式ではありません（バイナリデータです）。"


def test_a_problem_built_by_hand_still_works_without_params():
    problem = Problem(code="custom", message="手作業で追加した注意です。")

    assert problem.params == {}
    assert problem == Problem(code="custom", message="手作業で追加した注意です。")


@pytest.mark.parametrize("table", [PROBLEM_MESSAGES, UNPARSEABLE_MESSAGES, SKIPPED_PART_MESSAGES])
def test_every_template_is_a_japanese_sentence(table):
    for template in table.values():
        assert template.endswith("。"), template
        assert "%" not in template.replace("%(", ""), template  # only %(name)s placeholders
