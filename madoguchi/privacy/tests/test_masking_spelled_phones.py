import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, phone",
    [
        ("折り返しは〇四五の五五五五の三一二八まで", "〇四五の五五五五の三一二八"),
        ("携帯：〇八〇ー五五五五ー六六一七", "〇八〇ー五五五五ー六六一七"),
        ("電話 〇三（五五五五）九〇四一 へ", "〇三（五五五五）九〇四一"),
        ("番号はゼロハチゼロ・ゴーゴーゴーゴー・ナナロクサンニです", "ゼロハチゼロ・ゴーゴーゴーゴー・ナナロクサンニ"),
        ("ＴＥＬ：０６・５５５５・３３２１", "０６・５５５５・３３２１"),
        ("電話 045 555 1234 まで", "045 555 1234"),
    ],
)
def test_hand_written_phone_numbers_are_masked(text, phone):
    assert masked_types(text).get(phone) == "phone"


@pytest.mark.parametrize(
    "text, phone",
    [
        ("代表 06-5555-7001（内線 312）です", "06-5555-7001（内線 312）"),
        ("045-555-0100 ext.27 までどうぞ", "045-555-0100 ext.27"),
        ("03-5555-8800（代表）内線四〇七", "03-5555-8800（代表）内線四〇七"),
        ("直通 〇三の五五五五の〇一二三 内線 5", "〇三の五五五五の〇一二三 内線 5"),
    ],
)
def test_an_extension_is_masked_with_its_number(text, phone):
    assert masked_types(text).get(phone) == "phone"


@pytest.mark.parametrize(
    "text",
    [
        "三千五百円を一二三回に分けて",  # kanji numerals that are not a phone number
        "五五五五件のうち一二件",
        "通し番号 一二三四五六七八九〇一 の書類",  # eleven numerals, but no leading zero
        "ご相談は #9110 または 188 へ",
    ],
)
def test_numerals_that_are_no_phone_number_stay(text):
    assert masked(text) == text
