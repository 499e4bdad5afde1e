import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, name",
    [
        ("[14:02] 竹: すみません、さっきの件です", "竹"),
        ("[Teams] 藤ヶ谷 17:32\nhey、確認お願い", "藤ヶ谷"),
        ("ケンタ「おつ！」\nまーちゃん「そう」\nケンタ「了解」", "ケンタ"),
        ("くみ：みなさん連絡です\nまっつん：押しちゃった\nくみ：大丈夫", "まっつん"),
        ("Name: エミール・ルフェーブル\nCompany: Example", "エミール・ルフェーブル"),
        ("お名前　椿山まゆ\nでんわ　03-5550-2288", "椿山まゆ"),
    ],
)
def test_chat_speakers_and_name_fields_are_masked(text, name):
    assert masked_types(text).get(name) == "person"


@pytest.mark.parametrize(
    "text, name",
    [
        ("経理のみどりちゃんにも来てます", "みどり"),
        ("事務のこはるさんが開いちゃって", "こはる"),
        ("古着屋やってる ちひろ です。", "ちひろ"),
        ("辞めたバイトのリョウが勝手にログイン", "リョウ"),
        ("バイトの ロドリゴ にも共有して", "ロドリゴ"),
        ("ちなみに私はオーナーの樫村あんずです", "樫村あんず"),
        ("椿さん今週ずっと出張", "椿"),
        ("15:50 林より電話。倉庫の件", "林"),
        ("業者の関（セキ電機）が回収済", "関"),
        ("えっと、雪ノ下です、雪ノ下 恵介。", "雪ノ下 恵介"),
        ("代表取締役 菖蒲谷 宗右衛門\n電話", "菖蒲谷 宗右衛門"),
        ("My colleague 小此木 (Okonogi-san) called", "Okonogi"),
    ],
)
def test_given_names_and_rare_surnames_next_to_a_cue_are_masked(text, name):
    assert masked_types(text).get(name) == "person"


@pytest.mark.parametrize(
    "text, name",
    [
        ("Hello, um, this is, uh, Daniel Okafor from the school.", "Daniel Okafor"),
        ("Please confirm.\nRegards,\nOliver Nakamura-Bright\nNOC", "Oliver Nakamura-Bright"),
        ("技能実習生のファン・ヴァン・ミンさんが受け取った", "ファン・ヴァン・ミン"),
    ],
)
def test_foreign_full_names_next_to_a_cue_are_masked(text, name):
    assert masked_types(text).get(name) == "person"


@pytest.mark.parametrize(
    "text, name",
    [
        ("下北沢で古着屋「ねこぜ堂」やってます", "ねこぜ堂"),
        ("墨田区の銭湯『松の湯』をやっております", "松の湯"),
        ("サロン名：Nail Atelier Lumière／ルミエール）", "Nail Atelier Lumière"),
        ("いつもヨガスタジオ・ハスノハをご利用いただき", "ハスノハ"),
        ("制作会社のアトリエ凪にれんらくした", "アトリエ凪"),
        ("ほしくずデザインの全員に連絡", "ほしくずデザイン"),
        ("うちのゆずりは茶舗のECサイト", "ゆずりは茶舗"),
        ("取引先の翻訳会社（リンガ・ブリッジ）から届いたZIP", "リンガ・ブリッジ"),
        ("株式会社、えー、ハナミズキ計測、の宛名", "ハナミズキ計測"),
        ("a guesthouse called 'Lantern House Asakusa' with my partner", "Lantern House Asakusa"),
    ],
)
def test_shop_names_without_a_legal_form_are_masked(text, name):
    assert masked_types(text).get(name) == "company"


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("お客様番号（例：HS-000123）も漏れた", "HS-000123", "id"),
        ("注文番号 TK-88201〜TK-88263 への対応", "TK-88201〜TK-88263", "id"),
        ("one successful login as user 'kasugai.t'.", "kasugai.t", "account"),
    ],
)
def test_ids_and_sign_in_names_after_a_label_are_masked(text, value, kind):
    assert masked_types(text).get(value) == kind


def test_a_building_and_room_after_the_house_number_belong_to_the_address():
    text = "〒154-0024 世田谷区三軒茶屋2丁目11-4 キャロットビル1F 古書店"
    assert masked_types(text).get("世田谷区三軒茶屋2丁目11-4 キャロットビル1F") == "address"


@pytest.mark.parametrize(
    "text",
    [
        "内容：ルーターの設定\n対応：窓口\n備考：なし",  # labels at a line start are not speakers
        "うちは印刷屋で、見積書を送りました",  # a pronoun and a kind of shop
        "うちは工房で作っています",
        "これはデザインの話です",
        "母のガラケーに届いたSMS",  # a thing after 母の, not a name
        "電話番号が業者の番号に変わった",
        "皆さん、お客さんにも奥さんにも伝えてください",
        "ちなみにカフェ店主の方からです",
        "IPA とどっちに先に連絡すればいいの",
    ],
)
def test_ordinary_text_around_the_cues_stays(text):
    assert masked(text) == text
