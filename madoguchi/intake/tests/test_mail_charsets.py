"""Body text decodes to exactly what the sender's mail client shows, whatever the charset label says."""

from pathlib import Path

import pytest

from madoguchi.intake.mail import Limits, decode_bytes, parse_message

EML = Path(__file__).parent / "fixtures" / "eml"


def _body(name: str) -> str:
    return parse_message(raw=(EML / name).read_bytes(), limits=Limits()).text_body


def _codes(name: str) -> set[str]:
    return {p.code for p in parse_message(raw=(EML / name).read_bytes(), limits=Limits()).problems}


def test_stdlib_codec_cannot_decode_nec_row13_which_is_why_we_have_our_own():
    with pytest.raises(UnicodeDecodeError):
        b"\x1b$B-!\x1b(B".decode("iso2022_jp")


def test_iso2022jp_outlook_body_keeps_nec_specials_and_ibm_kanji():
    assert _body("iso2022jp_outlook.eml") == (
        "セキュリティ相談窓口 御中\n\n"
        "㈱サンプル商事の髙橋です。\n"
        "①社内のPC１台で警告画面が表示されました。\n"
        "②画面の「サポート№」に電話するよう表示されています。\n"
        "対応方法を教えてください～。\n\n"
        "髙橋 花子\n"
    )


def test_iso2022jp_nec_row13_cells_decode():
    result = decode_bytes(data=b"\x1b$B-!-j-b\x1b(B", declared="ISO-2022-JP")
    assert result.text == "①㈱№"
    assert result.warnings == ()


def test_iso2022jp_nec_selected_ibm_rows_decode():
    # JIS 0x7C62 and 0x7975 are cp932 0xEEE0 (髙) and 0xED95 (﨑).
    assert decode_bytes(data=b"\x1b$B|byu\x1b(B", declared="iso-2022-jp").text == "髙﨑"


def test_iso2022jp_wave_dash_cell_decodes_like_windows_and_browsers():
    # 0x2141 is U+FF5E in cp932 and the WHATWG index (what Outlook/Thunderbird show).
    assert decode_bytes(data=b"\x1b$B!A\x1b(B", declared="iso-2022-jp").text == "\uff5e"


@pytest.mark.parametrize("label", ["ISO-2022-JP-1", "ISO-2022-JP-2", "iso-2022-jp-3", "CP50221", "csISO2022JP"])
def test_iso2022jp_variant_labels_are_decoded_tolerantly(label):
    result = decode_bytes(data=b"\x1b$B-!$3$s$K$A$O\x1b(B", declared=label)
    assert result.text == "①こんにちは"
    assert result.charset_used == "iso-2022-jp"


def test_iso2022jp_2_jis_x_0212_designation():
    assert decode_bytes(data=b"\x1b$(D0!\x1b(B", declared="ISO-2022-JP-2").text == "丂"


def test_iso2022jp_halfwidth_katakana_escape_and_shift_out():
    assert _body("iso2022jp_halfwidth_kana.eml") == "ｾｷｭﾘﾃｨ対策の資料をください。\nサンプル ｶｷ OK\n"


def test_iso2022jp_line_left_in_kanji_mode_recovers_next_line_and_warns():
    result = decode_bytes(data=b"\x1b$B$3$s\nabc", declared="iso-2022-jp")
    assert result.text == "こん\nabc"
    assert [w.code for w in result.warnings] == ["iso2022jp_unterminated_line"]


def test_shift_jis_label_with_cp932_bytes_including_ibm_extension_pairs():
    assert _body("sjis_label_cp932_becky.eml") == (
        "ご担当者様\n\n"
        "㈲見本ソフト開発の見本です。\n"
        "髙橋部長と﨑山課長のPCが①ランサムウェアに感染しました。\n"
        "ファイル名の末尾が「.locked」～に変わっています。\n"
    )
    assert _codes("sjis_label_cp932_becky.eml") == set()


@pytest.mark.parametrize("label", ["Shift_JIS", "SJIS", "x-sjis", "Windows-31J", "MS932", "CP932", '"shift_jis"'])
def test_shift_jis_family_labels_all_mean_cp932(label):
    result = decode_bytes(data="①㈱髙～".encode("cp932"), declared=label)
    assert result.text == "①㈱髙～"
    assert result.charset_used == "cp932"
    assert result.warnings == ()


def test_windows31j_label_base64_body():
    assert (
        _body("windows31j_label.eml")
        == "№12 の件で連絡します。\n㈲テスト工房の架空です。\n不審なログインが３回ありました。\n"
    )


def test_eucjp_body_with_nec_row13():
    assert (
        _body("eucjp_mutt.eml")
        == "窓口ご担当者様\n\n①サーバーのログに不審なアクセスがありました。\n時刻は 03:00～04:00 です。\n"
    )


def test_eucjp_nec_row13_cell_that_stdlib_rejects():
    assert decode_bytes(data=b"\xad\xa1\xad\xea", declared="EUC-JP").text == "①㈱"


def test_utf8_base64_body():
    assert _body("utf8_base64_gmail.eml") == (
        "お世話になっております。\n取引先を名乗るメールで振込先の変更を依頼されました。\n本物かどうか確認する方法はありますか。\n"
    )


def test_utf8_quoted_printable_flowed_body_is_unflowed():
    assert _body("utf8_qp_thunderbird.eml") == (
        "窓口の皆様\n\n社内の無線LANのパスワードを変更したいのですが、\n"
        "Please see the log below for details.\n\n-- \n見本 三郎 / 株式会社サンプル運輸\n"
    )


def test_unknown_label_is_detected_and_reported():
    assert _body("unknown_label.eml") == "㈱サンプル商事です。\nメールアカウントが乗っ取られたようです。\n"
    assert "unknown_charset" in _codes("unknown_label.eml")


def test_latin1_label_on_cp932_bytes_is_not_trusted():
    assert (
        _body("wrong_label_latin1.eml")
        == "①偽のログイン画面にパスワードを入力してしまいました。\nどうすればよいですか。\n"
    )
    assert "charset_mismatch" in _codes("wrong_label_latin1.eml")


def test_utf8_label_on_cp932_bytes_is_not_trusted():
    assert _body("wrong_label_utf8.eml") == "顧客名簿の入ったUSBメモリを紛失しました。\n㈱サンプル商事 総務部\n"
    assert "charset_mismatch" in _codes("wrong_label_utf8.eml")


def test_genuine_latin1_text_keeps_its_label():
    result = decode_bytes(data="Grüße aus Köln".encode("latin-1"), declared="iso-8859-1")
    assert result.text == "Grüße aus Köln"
    assert result.warnings == ()


def test_utf8_bytes_under_shift_jis_label_are_read_as_utf8():
    result = decode_bytes(data="こんにちは、ご相談です".encode(), declared="Shift_JIS")
    assert result.text == "こんにちは、ご相談です"
    assert result.charset_used == "utf-8"


def test_raw_jis_escapes_under_utf8_label_are_read_as_iso2022jp():
    result = decode_bytes(data=b"\x1b$B$3$s$K$A$O\x1b(B", declared="utf-8")
    assert result.text == "こんにちは"
    assert result.charset_used == "iso-2022-jp"


def test_undecodable_bytes_are_replaced_visibly_kept_recoverable_and_warned():
    data = b"abc\xff\xfe\x80def"
    result = decode_bytes(data=data, declared="utf-8")
    assert result.text == "abc\ufffd\ufffd\ufffddef"
    assert [(s.text_offset, s.raw) for s in result.undecodable] == [(3, b"\xff\xfe\x80")]
    assert [w.code for w in result.warnings] == ["undecodable_bytes"]
    assert "ff fe 80" in result.warnings[0].message
    rebuilt = result.text[:3].encode() + result.undecodable[0].raw + result.text[6:].encode()
    assert rebuilt == data


def test_undeclared_ascii_is_plain_ascii_without_warnings():
    result = decode_bytes(data=b"hello", declared=None)
    assert (result.text, result.charset_used, result.warnings) == ("hello", "ascii", ())
