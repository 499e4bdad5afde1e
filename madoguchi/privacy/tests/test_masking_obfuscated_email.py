import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, email",
    [
        (
            "連絡先 k.hoshino at hoshino-seimen dot example dot jp まで",
            "k.hoshino at hoshino-seimen dot example dot jp",
        ),
        ("mail: info [at] sample-clinic [dot] example", "info [at] sample-clinic [dot] example"),
        ("アドレスは yamada (at) example.com です", "yamada (at) example.com"),
        ("返信先：taro アットマーク example ドット jp", "taro アットマーク example ドット jp"),
        ("ｍｉｎａｍｉ＠ｅｘａｍｐｌｅ．ｃｏｍ に送って", "ｍｉｎａｍｉ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
    ],
)
def test_obfuscated_addresses_are_masked(text, email):
    assert masked_types(text).get(email) == "email"


def test_prose_with_at_and_dot_words_is_not_an_address():
    text = "Meet me at noon at the dot com office"
    assert "〈メール〉" not in masked(text)


def test_a_sentence_ending_after_at_is_not_an_address():
    text = "Ask for Mr. Abebe at reception. - thanks"
    assert "〈メール〉" not in masked(text)
