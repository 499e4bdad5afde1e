import itertools

from madoguchi.privacy.masking import mask_text


def test_spans_point_into_the_original_full_width_text():
    text = "ｻﾄｳ様の電話は０３－１２３４－５６７８、メールはｉｎｆｏ＠ｅｘａｍｐｌｅ．ｊｐ、〒１００－０００１。"
    result = mask_text(text)
    for span in result.spans:
        assert text[span.start : span.end] == span.text
    assert {s.text: s.type.value for s in result.spans} == {
        "ｻﾄｳ": "person",
        "０３－１２３４－５６７８": "phone",
        "ｉｎｆｏ＠ｅｘａｍｐｌｅ．ｊｐ": "email",
        "〒１００－０００１": "postal_code",
    }


def test_half_width_voiced_kana_keeps_offsets_of_both_characters():
    # ﾀﾞ is two original characters that normalise to one (ダ).
    text = "ﾔﾏﾀﾞｻﾏ 090-1234-5678"
    result = mask_text(text)
    assert [s.text for s in result.spans] == ["ﾔﾏﾀﾞ", "090-1234-5678"]
    assert result.masked == "〈氏名〉ｻﾏ 〈電話番号〉"


def test_expanding_characters_map_back_to_one_original_character():
    text = "㈱サンプル 03-1234-5678"
    result = mask_text(text)
    assert result.spans[0].text == "㈱サンプル"
    assert result.masked == "〈会社名〉 〈電話番号〉"


def test_spans_are_sorted_and_do_not_overlap():
    text = "株式会社サンプル 山田太郎様 yamada@example.jp https://example.jp/yamada 03-1234-5678"
    spans = mask_text(text).spans
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_spans_stay_valid_on_random_mixed_width_input():
    import random

    rng = random.Random(12)
    alphabet = "山田様さんｻﾏ０１２３-ー（）()〒@.:株式会社㈱ \n\tabcXYZ東京都港区1丁目番地号ﾞﾟ\u3099がの氏Ｓａｍ"
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        spans = mask_text(text).spans
        assert all(0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text for s in spans)
        assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
