import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, address",
    [
        ("事務所：豊島区南池袋九丁目八番七号 さくらハイツ305", "豊島区南池袋九丁目八番七号 さくらハイツ305"),
        ("倉庫は足立区千住八ー七ー六", "足立区千住八ー七ー六"),
        ("渋谷区神宮前六丁目二十三番四号 架空ビル三階", "渋谷区神宮前六丁目二十三番四号 架空ビル三階"),
        (
            "We are at 5F, Example Tower, 1-2-3 Shiba-Koen, Minato-ku now.",
            "5F, Example Tower, 1-2-3 Shiba-Koen, Minato-ku",
        ),
        ("Please come to Sample Bldg 7F tomorrow.", "Sample Bldg 7F"),
    ],
)
def test_hand_written_addresses_are_masked_whole(text, address):
    assert masked_types(text).get(address) == "address"


def test_a_ward_and_a_lone_kanji_numeral_is_not_an_address():
    assert masked("私、品川区在住の 三宅と申します") == "私、品川区在住の 〈氏名〉と申します"


def test_a_year_after_an_english_address_is_not_a_room():
    spans = masked_types("office: 4-5-6 Kanda, Chiyoda-ku, Tokyo 101-0047")
    assert "101-0047" in spans


def test_a_count_after_a_house_number_is_not_a_room():
    spans = masked_types("会場は渋谷区神南一丁目二番三号 25名が参加")
    assert spans.get("渋谷区神南一丁目二番三号") == "address"
