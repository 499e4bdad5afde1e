from madoguchi.privacy.masking import KnownEntities
from madoguchi.privacy.tests._helpers import masked, masked_types


def test_known_person_is_masked_in_variants():
    known = KnownEntities(people=("雲母 太郎",))
    text = "雲母太郎さんの件。雲母が対応し、ｷﾗﾗではない。"
    types = masked_types(text, known=known)
    assert types["雲母太郎"] == "person"
    assert types["雲母"] == "person"


def test_known_company_is_masked_with_and_without_legal_form():
    known = KnownEntities(companies=("株式会社ほしぞら",))
    text = "ほしぞらの経理と、ほしぞら株式会社の社長と、（株）ほしぞら。"
    assert masked(text, known=known) == "〈会社名〉の経理と、〈会社名〉の社長と、〈会社名〉。"


def test_known_phone_matches_other_separators_and_full_width():
    known = KnownEntities(phones=("03-1111-2222",))
    assert masked("電話 ０３（１１１１）２２２２ 内線", known=known) == "電話 〈電話番号〉 内線"


def test_known_address_is_masked_without_its_prefecture():
    known = KnownEntities(addresses=("東京都八丈町大賀郷1234",))
    assert masked("住まいは八丈町大賀郷1234です", known=known) == "住まいは〈住所〉です"


def test_known_domain_masks_subdomains_and_urls():
    known = KnownEntities(domains=("hoshizora.example",))
    assert masked("サイト https://shop.hoshizora.example/top と hoshizora.example", known=known) == (
        "サイト 〈URL〉 と 〈URL〉"
    )


def test_known_email_and_id_are_masked():
    known = KnownEntities(emails=("Star@Example.JP",), ids=("HZ-77",))
    assert masked("star@example.jp の会員 HZ-77", known=known) == "〈メール〉 の会員 〈ID〉"


def test_empty_or_blank_known_values_mask_nothing():
    known = KnownEntities(
        people=("", " "),
        companies=("", "株式会社"),
        addresses=("",),
        phones=("", "123"),
        emails=("",),
        domains=("", "localhost"),
        ids=("",),
    )
    text = "abc. の件で 田中さんに連絡 example"
    assert masked(text, known=known) == "abc. の件で 〈氏名〉さんに連絡 example"
