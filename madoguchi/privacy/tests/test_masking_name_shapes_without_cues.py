"""Names found by their shape and the name lists alone (masking/shapes.py), with no honorific or label."""

import pytest

from madoguchi.privacy.masking import lexicon
from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, name",
    [
        # a surname outside the list and a listed given name, with a space
        ("書類は 雲居坂 美咲 が作りました", "雲居坂 美咲"),
        # a listed surname and a given name written without a space
        ("昨日の会議で森本翔太が説明した", "森本翔太"),
        # elderly given names in kana with 子 after a surname, and before an honorific
        ("依頼人 鵜ノ木 ハル子、八十歳", "ハル子"),
        ("隣の ふみ子 さんが見てくれた", "ふみ子"),
        # a relative named in kanji
        ("甥の颯太から届いたメッセージ", "颯太"),
        # a surname and a two-letter katakana given name before と申します
        ("わたしは 砂川原 トミ と申します。", "砂川原 トミ"),
        # a surname and a one-kanji given name from the list, at a boundary
        ("担当弁護士は 雲雀野 浩。", "雲雀野 浩"),
        # a role, a space and a name
        ("配送ドライバー 宇佐川です、荷物の件で", "宇佐川"),
        ("受付 Mina です", "Mina"),
        # Latin names: a listed given name and a romanised word, three words before an honorific
        ("Kenta Tokorozawa wrote to us", "Kenta Tokorozawa"),
        ("技能実習生の Nguyen Van Binh さんが", "Nguyen Van Binh"),
        ("- Yuki @ Example Holdings", "Yuki"),
    ],
)
def test_a_name_is_masked_from_its_shape(text, name):
    assert masked_types(text).get(name) == "person"


def test_a_one_kanji_surname_found_by_a_cue_is_masked_at_its_other_mentions():
    result = masked("株式会社サンプルの 筧 です。\nよろしくお願いします。\n筧 / 03-5555-0000")
    assert "筧" not in result


@pytest.mark.parametrize(
    "text",
    [
        "松本大島の倉庫で",  # two listed surnames in a row are a place
        "伊豆大島の運送業者から連絡",  # an island in the list of places
        "小笠原へ船で三日",  # an island that is also a surname
        "東大和市にすむ 80さいの女性",  # a municipality and a particle are not an address
        "Tokyo office is closed",  # an English phrase with a business word in lower case
    ],
)
def test_places_and_phrases_are_not_taken_for_names(text):
    assert masked(text) == text


def test_the_given_name_list_leaves_out_ordinary_words():
    kanji, kana = lexicon.given_names()
    assert "翔太" in kanji and "ショウタ" in kana
    assert "大地" not in kanji and "未来" not in kanji
