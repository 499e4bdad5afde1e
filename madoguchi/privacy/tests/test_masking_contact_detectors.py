import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "phone",
    [
        "03-1234-5678",
        "045-471-0000",
        "0466-22-0000",
        "090-1234-5678",
        "0120-987-654",
        "0570-000-111",
        "(03)6711-0000",
        "03(3731)4456",
        "０３－１２３４－５６７８",
        "０３（３７３１）４４５６",
        "03 6418 0000",
        "03.5500.0000",
        "0312345678",
        "09012345678",
        "+81-80-9876-5432",
        "+81 3 5321 0000",
        "+81(0)3-1234-5678",
        "03ー1234ー5678",
        "0120(2345)0123",
    ],
)
def test_japanese_phone_shapes_are_masked(phone):
    assert masked_types(f"連絡先 {phone} まで") == {phone: "phone"}


@pytest.mark.parametrize("not_phone", ["2026-12-07", "50万円", "10:30", "12/7", "0123"])
def test_dates_amounts_and_short_numbers_are_not_phones(not_phone):
    assert masked(f"記録 {not_phone} です") == f"記録 {not_phone} です"


@pytest.mark.parametrize(
    "email",
    [
        "yamada@example.jp",
        "m.koike@hikari-print.example.jp",
        "ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ",
        "info [at] example.com",
    ],
)
def test_email_addresses_are_masked(email):
    assert masked_types(f"メール {email} へ") == {email: "email"}


@pytest.mark.parametrize("postal", ["〒100-0001", "〒1000001", "〒 530-0001", "〒２６０－００１３", "100-0001"])
def test_postal_codes_are_masked(postal):
    assert masked_types(f"{postal}\n") == {postal: "postal_code"}


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/login",
        "hxxp://amaz0n-verify.example.com/login",
        "example.co.jp",
        "www.yamane-farm.example.jp/wp-admin",
        "secure-blueocean.example.org",
    ],
)
def test_urls_and_bare_domains_are_masked(url):
    assert masked_types(f"アクセス先は {url} です") == {url: "url"}


@pytest.mark.parametrize(
    "public",
    ["ipa.go.jp", "https://www.npa.go.jp/", "https://www.jpcert.or.jp/at/2026.html", "metro.tokyo.lg.jp"],
)
def test_public_organisations_domains_are_kept(public):
    text = f"詳しくは {public} を参照"
    assert masked(text) == text


@pytest.mark.parametrize(
    "ip", ["192.168.0.1", "203.0.113.45", "192.168.10.0/24", "2001:db8::1", "2001:db8:85a3::8a2e:370:7334"]
)
def test_ip_addresses_are_masked(ip):
    assert masked_types(f"接続元 {ip} から") == {ip: "ip"}


@pytest.mark.parametrize("not_ip", ["FortiOS 7.2.8", "10:30:00", "999.1.1.1"])
def test_versions_times_and_invalid_addresses_are_not_ips(not_ip):
    assert "ip" not in masked_types(f"記録 {not_ip} です").values()
