import pytest

from madoguchi.core.normalize import normalize_email, normalize_name, normalize_phone, normalize_postal_code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("０３（１２３４）５６７８", "03-1234-5678"),
        ("03-1234-5678", "03-1234-5678"),
        ("090ー1234ー5678", "090-1234-5678"),
        ("0312345678", "0312345678"),
        ("+81 3 1234 5678", "+81-3-1234-5678"),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["03-12ab", "123", "電話なし"])
def test_bad_phone_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        normalize_phone(raw)


def test_postal_codes_accept_full_width_and_marks():
    assert normalize_postal_code("〒１６３－８００１") == "163-8001"
    with pytest.raises(ValueError):
        normalize_postal_code("163-80")


def test_email_domain_is_lower_cased_local_part_kept():
    assert normalize_email(" Taro.Yamada@EXAMPLE.JP ") == "Taro.Yamada@example.jp"
    with pytest.raises(ValueError):
        normalize_email("no-at-sign")


def test_company_names_compare_across_width_and_spacing():
    assert normalize_name("㈱サンプル 商事") == normalize_name("(株)サンプル商事")
    assert normalize_name("ＡＢＣ株式会社") == normalize_name("abc株式会社")
