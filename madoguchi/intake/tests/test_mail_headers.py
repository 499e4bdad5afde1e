"""Subjects, display names, ids and dates decode the way the sender's client shows them."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from madoguchi.intake.mail import (
    Address,
    Limits,
    decode_header_bytes,
    parse_address_list,
    parse_date,
    parse_message,
    parse_message_ids,
)

EML = Path(__file__).parent / "fixtures" / "eml"
TOKYO = ZoneInfo("Asia/Tokyo")


def _parse(name: str):
    return parse_message(raw=(EML / name).read_bytes(), limits=Limits())


@pytest.mark.parametrize(
    ("name", "subject", "sender"),
    [
        (
            "iso2022jp_outlook.eml",
            "①㈱サンプル商事でウイルス感染の疑い（髙橋）",
            Address(name="髙橋 花子", address="hanako.takahashi@sample-shoji.example.jp"),
        ),
        (
            "sjis_label_cp932_becky.eml",
            "【２０２６－００１２３】ランサムウェア被害の件（続報）",
            Address(name="見本 ソラ", address="sora.mihon@mihon-soft.example.jp"),
        ),
        (
            "windows31j_label.eml",
            "№12 不審なログインについて",
            Address(name="架空 太郎", address="taro.kaku@test-kobo.example.jp"),
        ),
        (
            "eucjp_mutt.eml",
            "①サーバーへの不審なアクセス",
            Address(name="試験 二郎", address="jiro.shiken@example.jp"),
        ),
        (
            "utf8_base64_gmail.eml",
            "振込先変更の依頼メールについて",
            Address(name="架空 花子", address="hanako.kaku.sample@gmail.example.com"),
        ),
        (
            "iso2022jp_halfwidth_kana.eml",
            "ｾｷｭﾘﾃｨ資料送付のお願い",
            Address(name="試験 花子", address="hanako.shiken@example.jp"),
        ),
        (
            "wrong_label_latin1.eml",
            "偽サイトにパスワードを入力しました",
            Address(name="架空 太郎", address="taro.kaku@example.jp"),
        ),
        ("unknown_label.eml", "文字コード不明の相談", Address(name="架空 太郎", address="taro.kaku@example.jp")),
    ],
)
def test_encoded_word_subject_and_sender_name(name, subject, sender):
    parsed = _parse(name)
    assert parsed.subject == subject
    assert parsed.sender == sender


def test_quoted_encoded_word_display_name_in_to():
    # Outlook puts the encoded-word inside quotes, which RFC 2047 forbids but every client decodes.
    assert _parse("iso2022jp_outlook.eml").to == [
        Address(name="セキュリティ相談窓口", address="soudan@madoguchi.example.jp")
    ]


def test_encoded_words_split_mid_character_are_joined_before_decoding():
    parsed = _parse("encoded_word_split.eml")
    assert parsed.subject == "取引先からの請求書メールに不審な添付ファイル"
    # The ISO-2022-JP name is split inside a kanji run without re-escaping.
    assert parsed.sender == Address(name="試験 花子", address="hanako.shiken@example.jp")


def test_adjacent_words_in_different_charsets_and_surrounding_text():
    raw = b"Re: =?UTF-8?B?5LiN5q2j?= =?ISO-2022-JP?B?GyRCJSIlLyU7JTkbKEI=?= (2)"
    assert decode_header_bytes(raw=raw).text == "Re: 不正アクセス (2)"


def test_q_encoded_word_with_underscore_space():
    raw = b"=?UTF-8?Q?=E7=9B=B8=E8=AB=87_=E3=81=A7=E3=81=99?="
    assert decode_header_bytes(raw=raw).text == "相談 です"


def test_raw_cp932_header_with_backslash_trail_bytes():
    parsed = _parse("raw8bit_header_cp932.eml")
    # ソ and 表 end in byte 0x5C; a naive RFC 5322 parser eats it as an escape.
    assert parsed.subject == "表計算ソフトのマクロ警告について"
    assert parsed.sender == Address(name="見本 ソラ", address="sora.mihon@example.jp")


def test_raw_utf8_header_is_decoded_and_reported():
    parsed = _parse("raw8bit_header_utf8.eml")
    assert parsed.subject == "SMSで届いたURLを開いてしまった"
    assert parsed.sender == Address(name="架空 次郎", address="jiro.kaku@example.com")
    assert "raw_8bit_header" in {p.code for p in parsed.problems}


def test_address_list_with_comma_inside_quoted_name():
    addresses, _ = parse_address_list(raw=b'"Kaku, Taro" <taro@Example.JP>, hanako@example.jp')
    assert addresses == [
        Address(name="Kaku, Taro", address="taro@example.jp"),
        Address(name="", address="hanako@example.jp"),
    ]


def test_duplicate_copies_have_the_same_normalised_message_id():
    first, again = _parse("duplicate_first.eml"), _parse("duplicate_redelivered.eml")
    assert first.message_id == again.message_id == "<dup-20261203-0001@example.jp>"
    assert not first.message_id_generated


def test_reply_carries_in_reply_to_and_references():
    parsed = _parse("thread_reply.eml")
    assert parsed.in_reply_to == "<desk-answer-2026-00123-1@madoguchi.example.jp>"
    assert parsed.references == ["<thread-root-0001@example.jp>", "<desk-answer-2026-00123-1@madoguchi.example.jp>"]
    assert parsed.subject == "Re: [2026-00123] 不正アクセスの相談"


def test_message_ids_tolerate_comments_and_bare_ids():
    assert parse_message_ids(value="<a@example.jp> (comment) <b@example.jp> <a@example.jp>") == [
        "<a@example.jp>",
        "<b@example.jp>",
    ]
    assert parse_message_ids(value=" bare-id@example.jp ") == ["<bare-id@example.jp>"]


def test_missing_message_id_gets_a_stable_generated_id():
    raw = (EML / "missing_message_id.eml").read_bytes()
    parsed = parse_message(raw=raw, limits=Limits())
    assert parsed.message_id_generated
    assert parsed.message_id.endswith("@madoguchi.invalid>")
    assert parse_message(raw=raw, limits=Limits()).message_id == parsed.message_id
    assert "message_id_missing" in {p.code for p in parsed.problems}


def test_date_with_zone_is_kept():
    assert _parse("iso2022jp_outlook.eml").date == datetime(2026, 11, 25, 9, 58, tzinfo=TOKYO)


def test_date_without_zone_is_japan_time():
    parsed = _parse("missing_message_id.eml")
    assert parsed.date == datetime(2026, 12, 7, 11, 0, tzinfo=TOKYO)
    assert parsed.date.utcoffset().total_seconds() == 9 * 3600


def test_date_minus_0000_is_utc():
    assert parse_date(value="Mon, 07 Dec 2026 02:00:00 -0000") == datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def test_missing_date_falls_back_to_received_header():
    parsed = _parse("missing_date.eml")
    assert parsed.date == datetime(2026, 12, 7, 10, 15, 30, tzinfo=TOKYO)
    assert parsed.date_source == "received"
    assert "date_missing" in {p.code for p in parsed.problems}


def test_unparseable_date_is_none():
    assert parse_date(value="2026年12月7日") is None
