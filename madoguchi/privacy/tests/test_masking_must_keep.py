import pytest

from madoguchi.privacy.masking import KnownEntities
from madoguchi.privacy.tests._helpers import masked


@pytest.mark.parametrize(
    "text",
    [
        "警視庁のサイバー犯罪相談窓口と警察庁に連絡しました。",
        "IPAとJPCERT/CCの注意喚起を確認。",
        "個人情報保護委員会への報告、国民生活センターと法テラスを案内。",
        "NISCの資料と東京都の補助金。",
        "都税事務所、法務局、日本年金機構、中小企業基盤整備機構に問い合わせ。",
        "Windows 11 と FortiGate と Microsoft 365、Emotet の件。",
        "代表取締役と総務部長と経理担当が出席。",
        "2026年11月28日に95万円を送金、14:20に電話。",
    ],
)
def test_public_bodies_products_titles_amounts_and_dates_are_kept(text):
    assert masked(text) == text


def test_must_keep_word_with_an_honorific_is_kept():
    # 「IPAさん」 looks like a name with an honorific; the dictionary keeps it.
    assert masked("IPAさんに相談した") == "IPAさんに相談した"


def test_vendor_company_is_kept():
    assert masked("マイクロソフト社のサポート") == "マイクロソフト社のサポート"


def test_caller_can_add_words_to_keep():
    text = "窓口サンプル商事に相談"
    assert "〈会社名〉" in masked(text)
    assert masked(text, known=KnownEntities(keep=("サンプル商事",))) == text


def test_caller_can_keep_a_referral_organisations_site():
    text = "相談先 https://www.saferinternet.or.jp/bullying/ と saferinternet.or.jp、被害サイト shop.example.jp"
    result = masked(text, known=KnownEntities(keep=("saferinternet.or.jp",)))
    assert result == "相談先 https://www.saferinternet.or.jp/bullying/ と saferinternet.or.jp、被害サイト 〈URL〉"


def test_one_word_heading_line_is_not_a_name():
    text = "概要\nランサムウェアの被害です。\n経緯\n調査中です。\n対応\n復旧済み。\n問い合わせ\n以上。\n"
    assert masked(text) == text


@pytest.mark.parametrize("value", ["刑法", "番号法", "誹謗中傷", "全国", "損害賠償"])
def test_single_word_values_are_not_names(value):
    assert masked(value) == value
