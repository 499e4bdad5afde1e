"""Numbers the hand-written sets showed in other shapes: A/C numbers in English mail, number plates, ゆうちょ
記号 and 番号 written apart, kanji house numbers without a unit, two separators in a spelled-out phone."""

import pytest

from madoguchi.privacy.tests._helpers import masked_types

SPELLED = "ゼロ・サン・ゴーの、ゴーゴーゴーゴー、イチニーサンヨン"


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("please pay to A/C 0456-555-12345 today", "A/C 0456-555-12345", "account"),
        ("車両は 練馬 300 さ 12-34 の白いバン", "練馬 300 さ 12-34", "id"),
        ("ゆうちょ 記号12340 番号56781234 から", "ゆうちょ 記号12340 番号56781234", "account"),
        ("住所は八丈町大賀郷三四五六番地とのこと", "八丈町大賀郷三四五六番地", "address"),
        ("送り先 福生市本町七七七 宛", "福生市本町七七七", "address"),
        ("ゼロ・サン・ゴーの、ゴーゴーゴーゴー、イチニーサンヨン", SPELLED, "phone"),
        ("架空銀行 本店 普通 1234567 のみ", "架空銀行 本店 普通 1234567", "account"),
    ],
)
def test_a_number_in_this_shape_is_masked(text, value, kind):
    assert masked_types(text).get(value) == kind
