import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, name",
    [
        ("田村様より電話", "田村"),
        ("営業の中村さんが", "中村"),
        ("石井氏（個人事業主）", "石井"),
        ("岡部先生が来所", "岡部"),
        ("林くんが調べた", "林"),
        ("ﾀﾅｶ ﾋﾛｼさんから", "ﾀﾅｶ ﾋﾛｼ"),
        ("ﾀﾅｶｻﾏ、お世話になります", "ﾀﾅｶ"),
        ("担当の佐藤です。", "佐藤"),
        ("有限会社ひかり印刷の小池と申します。", "小池"),
        ("宝田社長から電話", "宝田"),
        ("轟（とどろき）さん", "轟"),
        ("お名前：ヤマダ　ハナコ\n", "ヤマダ　ハナコ"),
        ("担当者：上野 拓也\n", "上野 拓也"),
        ("元社員の雨宮が持ち出した", "雨宮"),
        ("鈴木から連絡がありました", "鈴木"),
        ("お世話になります。\n先日の件です。\n振込先が違いました。\nよろしくお願いします。\n鴨志田\n", "鴨志田"),
        ("Hello, this is Emma Johnson from Example Inc.", "Emma Johnson"),
        ("大塚 翔太 / Shota Otsuka\n", "Shota Otsuka"),
        ("受付：柴田\n", "柴田"),
        ("12/6 9:15 受付 千尋（新人）", "千尋"),
        ("情シスの Kato です", "Kato"),
        ("お名前：まさこ（ひらがなで）", "まさこ"),
        ("相談者：サンプル設計株式会社 代表取締役 智美さん", "智美"),
    ],
)
def test_people_are_masked(text, name):
    assert masked_types(text).get(name) == "person"


def test_honorific_stays_after_the_masked_name():
    assert masked("山田様の電話") == "〈氏名〉様の電話"


def test_title_stays_after_the_masked_name():
    assert masked("青木部長に確認") == "〈氏名〉部長に確認"


def test_staff_label_joined_to_a_word_is_not_a_name():
    assert masked("対応方法と受付時間を教えてください") == "対応方法と受付時間を教えてください"


@pytest.mark.parametrize("text", ["お客様各位", "ご担当者様", "皆さん", "窓口ご担当者様", "利用者様から", "社長さんが"])
def test_words_with_honorifics_that_are_not_names_are_kept(text):
    assert masked(text) == text


def test_surname_used_as_place_is_not_a_person():
    assert "person" not in masked_types("千葉県と上野駅と中野区").values()


@pytest.mark.parametrize(
    "text, company",
    [
        ("株式会社みどり精機の総務", "株式会社みどり精機"),
        ("高橋電機株式会社の基幹サーバ", "高橋電機株式会社"),
        ("（株）サンプル物産", "（株）サンプル物産"),
        ("ｻﾝﾌﾟﾙ工業㈱ 経理担当", "ｻﾝﾌﾟﾙ工業㈱"),
        ("有限会社 丸一精肉店 店主", "有限会社 丸一精肉店"),
        ("NPO法人まちづくりネットの事務局", "NPO法人まちづくりネット"),
        ("口座名義：カ）テストショウジ\n", "カ）テストショウジ"),
        ("取引先の田島精工から", "田島精工"),
        ("Example Trading Co., Ltd. は", "Example Trading Co., Ltd."),
        ("ネットショップ「いけだ雑貨店」を運営", "いけだ雑貨店"),
        ("会社名：フラワーショップ花音\n", "フラワーショップ花音"),
        ("振込先 ｶﾌﾞｼｷｶﾞｲｼｬ ｻﾝﾌﾟﾙｼｮｳｼﾞ です", "ｶﾌﾞｼｷｶﾞｲｼｬ ｻﾝﾌﾟﾙｼｮｳｼﾞ"),
        ("名義 ﾋﾅｶﾞﾀ ｳﾝﾕ ｶ) 宛", "ﾋﾅｶﾞﾀ ｳﾝﾕ ｶ)"),
        ("株式会社仮置きデザインの件", "株式会社仮置きデザイン"),
        ("取引先の仮置きデザイン（株）から", "仮置きデザイン（株）"),
        ("架空フーズに勤める", "架空フーズ"),
    ],
)
def test_companies_are_masked(text, company):
    assert masked_types(text).get(company) == "company"


@pytest.mark.parametrize("text", ["大手電機メーカーの製品", "地元の工務店に依頼", "クラウドサービスを利用"])
def test_generic_business_words_are_kept(text):
    assert masked(text) == text
