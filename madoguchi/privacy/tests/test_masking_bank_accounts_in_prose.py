import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, account",
    [
        ("振込先は空想銀行 駅前支店 普通 1234567 でした", "空想銀行 駅前支店 普通 1234567"),
        ("仮名信用金庫 北口支店 当座預金 口座番号 7654321 へ", "仮名信用金庫 北口支店 当座預金 口座番号 7654321"),
        ("架空第一銀行 みなと支店（店番 301）普通 0012345", "架空第一銀行 みなと支店（店番 301）普通 0012345"),
        ("送金先：サンプルネット銀行 ミドリ支店 普通 3344556", "サンプルネット銀行 ミドリ支店 普通 3344556"),
        ("ゆうちょ 記号・番号 12340・56781234 へ", "ゆうちょ 記号・番号 12340・56781234"),
    ],
)
def test_an_account_written_as_a_sentence_is_masked_from_the_bank_name(text, account):
    assert masked_types(text).get(account) == "account"


def test_a_public_banks_name_is_masked_with_the_account():
    # Recall first (ADR 0037): the span reads as one account; the reviewer unmasks the bank in one click.
    spans = masked_types("口座は みずほ銀行 本町支店 普通 2345678 です")
    assert spans.get("みずほ銀行 本町支店 普通 2345678") == "account"


def test_the_holder_after_the_number_is_a_person():
    assert masked_types("空想銀行 駅前支店 普通 1234567 テスト タロウ").get("テスト タロウ") == "person"


def test_a_labelled_holder_with_a_company_mark_is_a_company():
    assert masked_types("名義：カ)サンプルショウジ").get("カ)サンプルショウジ") == "company"


def test_a_word_after_meigi_without_separator_is_not_a_holder():
    text = "会社名義ｳｫﾚｯﾄから送金した"
    assert masked(text) == text
