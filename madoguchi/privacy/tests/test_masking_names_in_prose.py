import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, name",
    [
        ("あのね、私、五十嵐ハツです、七十五です", "五十嵐ハツ"),
        ("さなえです。昨日の件ですが", "さなえ"),
        ("名前は「タケシ」とだけ名乗った", "タケシ"),
        ("名乗り：みなせ（水瀬）、個人", "みなせ"),
        ("名乗り：みなせ（水瀬）、個人", "水瀬"),
        ("｢くろかわ｣と名乗る女性から", "くろかわ"),
        ("娘が、美咲っていうんですけど、美咲が登録した", "美咲"),
        ("社長（四方田）の名前でメール", "四方田"),
        ("経理の派遣社員（ガルシア・アナ）の端末", "ガルシア・アナ"),
        ("相談者：【担当】東海林 さくら（主任）", "東海林 さくら"),
        ("社員：九重 太一）を", "九重 太一"),
        ("担当：経理課 スミス 翔\n", "スミス 翔"),
        ("チーフの Mika です、よろしく", "Mika"),
        ("Sincerely,\nPriya Raman (プリヤ・ラマン)", "プリヤ・ラマン"),
        ("ウー・ミンジュ（呉 敏珠）さんが来所", "呉 敏珠"),
        ("お名前：百目木 ユキ（どうめき）", "どうめき"),
        ("業者の件です byアオイ", "アオイ"),
        ("また連絡します（さくら）", "さくら"),
        ("よろしくです （ひまわり食堂 / りん）", "りん"),
        ("Ask for Ms. Okonkwo at the desk. - Lena (Sample Bakery)", "Lena"),
        ("one of our engineers, Marco Bellini, clicked it", "Marco Bellini"),
        ("事務局長 一尺八寸。法人の口座で", "一尺八寸"),
        ("こんにちは、ベーカリーの 木全 です。", "木全"),
        ("株式会社ほしぞら運送の鵜飼。先週の件", "鵜飼"),
        ("わたくし、蔀 ななみと申します", "蔀 ななみ"),
        ("主人の名前は、栗花落 勇です", "栗花落 勇"),
        ("娘のあかりが使っているスマホ", "あかり"),
        ("孫のユウトがゲームで", "ユウト"),
        ("相手はキムと名乗った", "キム"),
        ("よろしく〜 ／ナオ", "ナオ"),
        ("--\nRin Tsukishima\nSample Inc.", "Rin Tsukishima"),
        ("さくら歯科の受付、わたなべです。", "わたなべ"),
    ],
)
def test_names_in_hand_written_prose_are_masked(text, name):
    assert masked_types(text).get(name) == "person"


def test_a_name_found_once_is_masked_at_every_mention():
    text = "息子が、陽翔っていうんですけど、陽翔がパソコンを買ってきて、陽翔のアカウントで"
    assert "陽翔" not in masked(text)


def test_a_latin_signature_line_is_a_name():
    text = "Thanks for the help.\nWe will send the logs.\nBest,\n\nAmara Obi\nSample Works"
    assert masked_types(text).get("Amara Obi") == "person"


@pytest.mark.parametrize(
    "text",
    [
        "担当の刑事さんに相談した",
        "常連さんから言われた",
        "株式会社サンプル運輸の総務課です。",
        "秋葉原の店で買った",
        "秋葉原で買った中古品",
        "中野で個人タクシーをしている",
        "神田の事務所に行った",
        "男性（名前不明）から電話",
        "了解です！明日伺います",
        "お名前（ふりがな）：",
        "見つかっていない(昨日夕方)。",
        "口座は三井住友でした",
        "office manager, Example Dental. Bought PCs",
        "母のガラケーに連絡",
        "母のほうが詳しい",
        "担当、こちらです",
    ],
)
def test_roles_places_and_words_are_not_names(text):
    spans = masked_types(text)
    assert "person" not in spans.values(), spans


def test_an_honorific_after_a_cue_name_stays_visible():
    assert masked("窓口担当 早乙女様へ") == "窓口担当 〈氏名〉様へ"
