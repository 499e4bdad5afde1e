import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, account",
    [
        ("新宿支店 普通 7654321 へ振込", "7654321"),
        ("口座番号：０１２３４５６", "０１２３４５６"),
        ("普通預金 1029384", "1029384"),
        ("ゆうちょ 記号10110 番号12345671", "ゆうちょ 記号10110 番号12345671"),
        ("送金先 ゆうちょ 12160-98765431", "12160-98765431"),
        ("振込先は 〇〇銀行 渋谷支店 3344556 でした", "3344556"),
    ],
)
def test_bank_accounts_are_masked(text, account):
    assert masked_types(text).get(account) == "account"


def test_seven_digit_amount_is_not_an_account():
    assert masked("振込金額 1234567円") == "振込金額 1234567円"


@pytest.mark.parametrize("card", ["4111 1111 1111 1111", "5555-5555-5555-4444", "4111111111111111"])
def test_luhn_valid_card_numbers_are_masked(card):
    assert masked_types(f"番号は {card} です") == {card: "card"}


def test_card_context_masks_a_number_that_fails_luhn():
    assert masked_types("クレジットカード 1234 5678 9012 3456 の不正利用") == {"1234 5678 9012 3456": "card"}


def test_partly_hidden_card_number_is_masked():
    assert masked_types("カード番号 4980-XXXX-XXXX-1234 の客") == {"4980-XXXX-XXXX-1234": "card"}


@pytest.mark.parametrize(
    "text, value",
    [
        ("会員番号: M-20451187", "M-20451187"),
        ("ログインIDは sasaki_k01 です", "sasaki_k01"),
        ("顧客番号 C00451299", "C00451299"),
        ("ID: a.onishi2019", "a.onishi2019"),
        ("マイナンバー 1234 5678 9012", "1234 5678 9012"),
        ("登録番号 T1234567890123", "T1234567890123"),
        ("患者番号 P0099887 の情報", "P0099887"),
    ],
)
def test_identifiers_are_masked(text, value):
    assert masked_types(text).get(value) == "id"


def test_words_containing_id_letters_are_not_identifiers():
    text = "The data was anonymised by the administrator."
    assert masked(text) == text


def test_identifiers_listed_after_the_first_are_masked():
    assert masked("account は yamada.h と admin-kaku が狙われた") == "account は 〈ID〉 と 〈ID〉 が狙われた"


def test_english_label_without_a_colon_or_digits_is_not_an_identifier():
    text = "we moved it to 'new bank account' from mail"
    assert masked(text) == text


def test_sixteen_digits_failing_luhn_without_card_words_are_an_id_not_a_card():
    assert masked_types("注文番号 1234 5678 9012 3456 の件") == {"1234 5678 9012 3456": "id"}
