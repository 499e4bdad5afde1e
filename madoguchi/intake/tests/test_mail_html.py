"""HTML mail: readable text for HTML-only mail and sanitised HTML that cannot run or phone home."""

from pathlib import Path

from madoguchi.intake.mail import Limits, html_to_text, parse_message, sanitize_html

EML = Path(__file__).parent / "fixtures" / "eml"


def _parse(name: str):
    return parse_message(raw=(EML / name).read_bytes(), limits=Limits())


def test_html_only_mail_gets_readable_text_with_link_targets():
    parsed = _parse("html_only_script.eml")
    assert parsed.text_body_source == "html"
    assert parsed.text_body == (
        "架空 太郎 様\n"
        "下記のリンクからアカウントを確認してください。\n"
        "https://www.example.jp/account (https://account-check.example.net/login?id=123)\n"
        "・期限：本日中\n"
        "・対象：全ユーザー & 管理者\n"
        "<重要> ①"
    )


def test_html_only_mail_text_drops_script_style_and_title():
    text = _parse("html_only_script.eml").text_body
    assert "evil.example.net" not in text
    assert "color" not in text
    assert "お知らせ" not in text


def test_sanitised_html_has_no_script_handlers_or_remote_images():
    html = _parse("html_only_script.eml").html_body
    assert html is not None
    assert "<script" not in html and "evil.example.net" not in html
    assert "onclick" not in html
    assert "track.example.net" not in html
    assert '<a href="https://account-check.example.net/login?id=123" rel="noopener noreferrer nofollow">' in html


def test_multipart_alternative_prefers_plain_text_and_keeps_sanitised_html():
    parsed = _parse("utf8_base64_gmail.eml")
    assert parsed.text_body_source == "plain"
    assert parsed.text_body.startswith("お世話になっております。\n")
    assert parsed.html_body is not None and "<b>振込先の変更</b>" in parsed.html_body


def test_related_html_keeps_cid_image_reference():
    parsed = _parse("attachments_mixed.eml")
    assert parsed.text_body == "画面のスクリーンショットです。"
    assert parsed.html_body is not None and 'src="cid:part1.screen@example.jp"' in parsed.html_body


def test_html_to_text_blocks_entities_and_tables():
    html = (
        "<div>一行目</div><div>二行目&nbsp;&amp;&#12540;</div>"
        "<table><tr><td>日時</td><td>内容</td></tr></table><p>終わり"
    )
    assert html_to_text(html=html) == "一行目\n二行目 &ー\n日時\t内容\n終わり"


def test_link_whose_text_is_its_url_is_not_repeated_and_javascript_links_are_dropped():
    html = '<a href="https://www.example.jp/">https://www.example.jp/</a> <a href="javascript:run()">押す</a>'
    assert html_to_text(html=html) == "https://www.example.jp/ 押す"


def test_sanitize_html_removes_forms_and_event_handlers():
    cleaned = sanitize_html(
        html='<form action="https://x.example.net"><input name="pw"></form><b onmouseover="x()">太字</b>'
    )
    assert "form" not in cleaned and "input" not in cleaned and "onmouseover" not in cleaned
    assert "<b>太字</b>" in cleaned
