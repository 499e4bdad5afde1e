import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, number, kind",
    [
        (
            "電話番号は、ぜろさん、の、ごーごーごーろく、の、さんきゅーいちにー、です。",
            "ぜろさん、の、ごーごーごーろく、の、さんきゅーいちにー",
            "phone",
        ),
        (
            "番号はゼロキュウゼロ ゴーゴーゴーゴー イチニーサンヨンです",
            "ゼロキュウゼロ ゴーゴーゴーゴー イチニーサンヨン",
            "phone",
        ),
        (
            "IPアドレスが、いちきゅうはち、てん、ごーいち、てん、いちぜろぜろ、てん、ななじゅうさん、から",
            "いちきゅうはち、てん、ごーいち、てん、いちぜろぜろ、てん、ななじゅうさん",
            "ip",
        ),
        (
            "郵便番号が、いち、ななに、の、ぜろ、ぜろ、いち、さん。",
            "いち、ななに、の、ぜろ、ぜろ、いち、さん",
            "postal_code",
        ),
        (
            "My number is, uh, zero nine zero, five five five five, four seven zero one. Thanks",
            "zero nine zero, five five five five, four seven zero one",
            "phone",
        ),
        (
            "the address is one nine eight dot five one dot one zero zero dot seven",
            "one nine eight dot five one dot one zero zero dot seven",
            "ip",
        ),
        (
            "カード番号は、よん、いち、いち、いち、よん、いち、いち、いち、よん、いち、いち、いち、よん、いち、いち、いち",
            "よん、いち、いち、いち、よん、いち、いち、いち、よん、いち、いち、いち、よん、いち、いち、いち",
            "card",
        ),
    ],
)
def test_numbers_read_aloud_are_read_and_classified(text, number, kind):
    assert masked_types(text).get(number) == kind


def test_a_house_number_read_aloud_is_masked_with_its_place():
    text = "住所は板橋区板橋、さんちょうめ、じゅうよん、の、ろく。です"
    assert masked_types(text).get("板橋区板橋、さんちょうめ、じゅうよん、の、ろく") == "address"


@pytest.mark.parametrize(
    "text",
    [
        "にしてください。ごめんなさい、さんにも伝えます",  # one-kana particles that are also digits
        "いちにちに、さんかい、ごはんを食べる",  # ordinary words made of digit syllables
        "I have one or two questions, maybe three.",
        "読み方の例：に、し、く、ご、に、し、く、ご",  # only one-kana digits: particles, not a number
        "いちおう確認です、いちばん早い方法で",
    ],
)
def test_ordinary_words_made_of_digit_syllables_stay(text):
    assert masked(text) == text
