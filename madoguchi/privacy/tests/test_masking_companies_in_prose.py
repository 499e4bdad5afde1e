import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, company",
    [
        ("下町の和菓子屋「つるかめ本舗」のおかみさん", "つるかめ本舗"),
        ("美容室「Salon Sample」を経営", "Salon Sample"),
        ("学習塾「ひばり塾」の塾長", "ひばり塾"),
        ("「ネコの手サポート」っていう業者", "ネコの手サポート"),
        ("業者（ソフトリンクス）が調査中", "ソフトリンクス"),
        ("ベンダーはデータハウス・ミライ、保守も", "データハウス・ミライ"),
        ("株式会社サンプル・ネット・サービス（通称SNS社）", "SNS社"),
        ("施設：介護老人保健施設 あおぞらの丘\n", "介護老人保健施設 あおぞらの丘"),
        ("I am writing on behalf of Rossi & Kim Partners LLP today", "Rossi & Kim Partners LLP"),
        ("this is Dana from Sample Trading. our inbox", "Sample Trading"),
        ("店は hair salon NOVA です", "hair salon NOVA"),
        ("発行元：ひかり化工 株式会社\n", "ひかり化工 株式会社"),
        ("職人の店 まめや珈琲 店主", "まめや珈琲"),
        ("駅前で整体院 ほぐしや を経営", "整体院 ほぐしや"),
    ],
)
def test_companies_in_hand_written_prose_are_masked(text, company):
    assert masked_types(text).get(company) == "company"


def test_a_department_after_a_company_is_not_part_of_it():
    spans = masked_types("株式会社ブルーリーフ 開発部 リーダー\n")
    assert spans.get("株式会社ブルーリーフ") == "company"


def test_a_quoted_message_is_not_a_company():
    text = "画面に『当選しました』って出て、住所を入れた"
    assert masked(text) == text


def test_a_shop_kind_before_a_shop_name_on_a_signature_line_is_a_company():
    text = "ご確認ください。\nよろしくお願いします。\n以上です。\n\n民宿 かもめ荘\n女将　浜田 みさき"
    assert masked_types(text).get("民宿 かもめ荘") == "company"


def test_shop_equipment_is_not_a_salon_name():
    text = "the salon PC got a virus"
    assert masked(text) == text


def test_a_shop_kind_without_a_name_is_not_a_company():
    text = "今日は 旅館 に泊まる"
    assert masked(text) == text
