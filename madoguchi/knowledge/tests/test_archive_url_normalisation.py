"""Archive and feed URLs have one normal form, so the same page is recognised however it was linked."""

import pytest

from madoguchi.knowledge.feeds.urlnorm import InvalidURL, normalize_url


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("HTTPS://WWW.Example.JP/Path/Page.html", "https://www.example.jp/Path/Page.html"),
        ("https://www.example.jp:443/a", "https://www.example.jp/a"),
        ("http://www.example.jp:80/a", "http://www.example.jp/a"),
        ("http://www.example.jp:8080/a", "http://www.example.jp:8080/a"),
        ("https://www.example.jp/a#section-2", "https://www.example.jp/a"),
        ("https://www.example.jp/a?id=3&utm_source=rss&UTM_Medium=mail", "https://www.example.jp/a?id=3"),
        ("https://www.example.jp/a?utm_campaign=x", "https://www.example.jp/a"),
        ("https://www.example.jp", "https://www.example.jp/"),
        ("  https://www.example.jp/a?b=2&a=1  ", "https://www.example.jp/a?b=2&a=1"),
        (
            "https://www.example.jp/資料/手引き.pdf",
            "https://www.example.jp/%E8%B3%87%E6%96%99/%E6%89%8B%E5%BC%95%E3%81%8D.pdf",
        ),
    ],
)
def test_normal_form(given, normal):
    assert normalize_url(given) == normal


def test_percent_encoded_and_raw_japanese_paths_are_the_same_url():
    assert normalize_url("https://www.example.jp/資料") == normalize_url("https://www.example.jp/%E8%B3%87%E6%96%99")


@pytest.mark.parametrize(
    "bad", ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.jp/a", "www.example.jp", "https://", ""]
)
def test_only_http_and_https_urls_are_accepted(bad):
    with pytest.raises(InvalidURL):
        normalize_url(bad)
