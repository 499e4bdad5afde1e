import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "address",
    [
        "東京都千代田区千代田1-2-3",
        "東京都豊島区東池袋3-21-5 ひかりビル2F",
        "神奈川県横浜市港北区新横浜2丁目5番10号",
        "東京都江東区豊洲三丁目3番3号",
        "大阪府大阪市北区梅田１－１－３　大阪駅前第３ビル１２階",
        "静岡県浜松市中央区板屋町１１１番地の２",
        "港区港南2丁目16-1",
        "大田区蒲田5-6-7",
        "1-2-3 Nishi-Shinjuku, Shinjuku-ku",
        "東京都世田谷区雛形通り4-12-18 見本第二ビル3F",
        "東京都八王子市空想が丘３－８－１７ サンプルタワー",
        "東京都新宿区西新宿2-8-1 都庁第一本庁舎 32階",
    ],
)
def test_addresses_are_masked_whole(address):
    assert masked_types(f"所在地は{address}です。") == {address: "address"}


def test_labelled_address_is_masked_to_the_end_of_the_line():
    text = "住所：東京都立川市曙町2-8-18 まちづくりセンター3階\n電話"
    assert masked_types(text)["東京都立川市曙町2-8-18 まちづくりセンター3階"] == "address"


def test_prefecture_alone_is_kept():
    assert masked("東京都の補助金を使いたい") == "東京都の補助金を使いたい"


@pytest.mark.parametrize("text", ["弊社村上が12月1日に振り込みました", "港区で3月2日に会議", "大田区の工場で5台が停止"])
def test_number_followed_by_a_date_or_count_unit_is_not_a_house_number(text):
    assert "address" not in masked_types(text).values()
