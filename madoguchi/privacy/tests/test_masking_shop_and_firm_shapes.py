"""Shop and firm names from their shape: a kind before the name, a shop character after it, kana after a legal
form, Latin legal forms and business words (masking/shapes.py and the suffix list)."""

import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, company",
    [
        ("居酒屋ほしかげ 店長より", "居酒屋ほしかげ"),
        ("うちは民宿なぎさ。電話は", "民宿なぎさ"),
        ("焼肉 炎丸 駅前店のバイトです", "焼肉 炎丸"),
        ("そば処 こもれび（東久留米）", "そば処 こもれび"),
        ("町の菓子舗 ふくろう堂 の主人", "ふくろう堂"),
        ("合同会社テーブルさくらんぼ\n", "合同会社テーブルさくらんぼ"),
        ("NPO法人ほしぞらの会 事務局", "NPO法人ほしぞらの会"),
        ("認定NPO法人ミドリノテ北 の理事", "認定NPO法人ミドリノテ北"),
        ("Specified Nonprofit Corporation Blue Lantern（同上）", "Specified Nonprofit Corporation Blue Lantern"),
        ("we are Sample Harbor Logistics, a small firm", "Sample Harbor Logistics"),
        ("東谷ロジスティクスの配車係", "東谷ロジスティクス"),
        ("事務所は三鷹の雲雀野総合法律事務所", "雲雀野総合法律事務所"),
    ],
)
def test_a_shop_or_firm_is_masked_from_its_shape(text, company):
    assert masked_types(text).get(company) == "company"


def test_a_cuisine_before_a_shop_name_stays_readable():
    assert masked_types("韓国料理 トンネチプ（立川）").get("トンネチプ") == "company"


@pytest.mark.parametrize(
    "text",
    [
        "近所のパン屋で買った",  # a kind of shop, not a name
        "図書館のパソコン",
        "一級建築士事務所の登録",
        "公益財団法人の職員として",  # the form used as a word
        "民宿やってる者です",  # a verb after the kind is not a name
        "番組の録画",
    ],
)
def test_kinds_of_shops_are_not_taken_for_names(text):
    assert masked(text) == text
