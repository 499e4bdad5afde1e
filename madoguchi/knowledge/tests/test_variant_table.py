"""The variant table and the normaliser: data checks and the index/query symmetry."""

import pytest

from madoguchi.knowledge.search.normalize import (
    VARIANTS_FILE,
    bigram_tokens,
    fold,
    normalize_text,
    normalize_with_offsets,
    parse_variants,
    variant_table,
)


def _entries():
    for line in VARIANTS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            canonical, *variants = line.split("\t")
            yield canonical, variants


def test_every_variant_normalises_to_its_canonical_form():
    for canonical, variants in _entries():
        for variant in variants:
            assert normalize_text(variant) == fold(canonical), (variant, canonical)


def test_canonical_forms_are_fixed_points():
    for canonical, _variants in _entries():
        assert normalize_text(canonical) == fold(canonical)
        assert normalize_text(normalize_text(canonical)) == normalize_text(canonical)


def test_a_variant_with_two_canonical_forms_is_rejected():
    with pytest.raises(ValueError, match="two canonical"):
        parse_variants(["漏洩\t漏えい", "ろうえい\t漏えい"])


def test_ascii_variants_match_whole_words_only():
    assert normalize_text("e-mail と Mail") == "メール と メール"
    assert normalize_text("gmail") == "gmail"
    assert normalize_text("webサイト") == "ウェブサイト"
    assert normalize_text("website") == "website"


def test_width_case_and_space_folding():
    assert normalize_text("ＰＣ　と　ｳｲﾙｽ\n\nﾊﾟｽﾜｰﾄﾞ") == "pc と ウイルス パスワード"


@pytest.mark.parametrize(
    "text",
    [
        "ｳｨﾙｽ対策ｿﾌﾄが　ＰＣを\nスキャン中にサーバーへ接続できず、漏えいの可能性。",
        "Ｅメール（e-mail）で届いたﾌｧｲﾙを開いた　ﾃﾞｽｸﾄｯﾌﾟ",
        "  前後の空白  と ㈱サンプル ①② ｶﾞｷﾞｸﾞ  ",
    ],
)
def test_offset_map_agrees_with_the_indexed_form(text):
    mapped = normalize_with_offsets(text)
    assert mapped.text == normalize_text(text)
    assert len(mapped.starts) == len(mapped.text) == len(mapped.ends)
    assert all(0 <= s < e <= len(text) for s, e in zip(mapped.starts, mapped.ends, strict=True))


def test_bigrams_cover_every_character_as_a_token_start():
    tokens = bigram_tokens(normalize_text("情報漏洩、PC"))
    assert tokens == ["情報", "報漏", "漏洩", "洩", "pc", "c"]
    assert variant_table().canonical_of["漏えい"] == "漏洩"
