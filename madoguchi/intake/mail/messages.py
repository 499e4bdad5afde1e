"""The Japanese wording of every mail problem, skipped part and unparseable-mail reason, keyed by stable code.

Findings are stored as code + params, and the UI renders them in the reader's language (see
``madoguchi/intake/problem_messages.py``). The Japanese templates live here, once, so that pure-Python callers
get the same sentence the Japanese UI shows, and ``makemessages`` picks them up for the English catalogue.

A code with more than one sentence picks it with the ``variant`` param (``("not_mail", "binary")``); every
other param fills a ``%(name)s`` placeholder and is a plain string (a charset label, a size, a header value).
"""

from __future__ import annotations

from collections.abc import Mapping

from madoguchi.core.catalogue import gettext_noop

MessageTable = Mapping[tuple[str, str], str]


PROBLEM_MESSAGES: MessageTable = {
    ("raw_8bit_header", ""): gettext_noop("ヘッダーが符号化されずに送られていたため、%(charset)s として読みました。"),
    ("iso2022jp_unterminated_line", ""): gettext_noop(
        "ISO-2022-JP の行末で文字集合が元に戻されていませんでした（内容は推定で復元しました）。"
    ),
    ("iso2022jp_8bit", ""): gettext_noop(
        "ISO-2022-JP のメールに 8 ビットの文字が混在していました（内容から推定して復元しました）。"
    ),
    ("undecodable_bytes", ""): gettext_noop(
        "%(count)s バイトを文字に変換できず「�」で表示しています（元のバイト列は保持しています: %(hex)s）。"
    ),
    ("unknown_charset", ""): gettext_noop(
        "不明な文字コード「%(declared)s」が指定されていたため、内容から %(used)s と判定しました。"
    ),
    ("charset_mismatch", ""): gettext_noop(
        "宣言された文字コード（%(declared)s）と内容が一致しないため、内容から %(used)s と判定しました。"
    ),
    ("charset_detected", ""): gettext_noop("文字コードの指定がないため、内容から %(used)s と判定しました。"),
    ("from_missing", ""): gettext_noop("From ヘッダーがないため、Sender ヘッダーの送信者を使いました。"),
    ("message_id_missing", ""): gettext_noop("Message-ID がないため、内容から識別子を生成しました。"),
    ("date_missing", "received"): gettext_noop("Date ヘッダーがないため、受信サーバーの記録日時を使いました。"),
    ("date_missing", "unknown"): gettext_noop("Date ヘッダーがないため、送信日時は不明です。"),
    ("date_invalid", "received"): gettext_noop("Date ヘッダーを読み取れないため、受信サーバーの記録日時を使いました。"),
    ("date_invalid", "unknown"): gettext_noop("Date ヘッダーを読み取れないため、送信日時は不明です。"),
    ("attachment_type_mismatch", ""): gettext_noop(
        "添付ファイル「%(filename)s」の中身は拡張子と異なる形式（%(sniffed)s）です。不用意に開かないでください。"
    ),
}

UNPARSEABLE_MESSAGES: MessageTable = {
    ("empty", ""): gettext_noop("メールの内容が空です。"),
    ("not_mail", "binary"): gettext_noop("メールの形式ではありません（バイナリデータです）。"),
    ("not_mail", "unreadable_header"): gettext_noop("メールの形式ではありません（ヘッダーを読み取れません）。"),
    ("not_mail", "no_headers"): gettext_noop("メールの形式ではありません（メールのヘッダーがありません）。"),
    ("no_sender", ""): gettext_noop("送信者アドレスがありません。"),
    ("bad_sender", ""): gettext_noop("送信者アドレスを読み取れません（%(header)s: %(value)s）。"),
    ("too_large", ""): gettext_noop("メールのサイズ（%(size)s）が上限（%(limit)s）を超えているため取り込めません。"),
}

SKIPPED_PART_MESSAGES: MessageTable = {
    ("too_large", ""): gettext_noop(
        "添付ファイル「%(filename)s」（%(size)s）は上限（%(limit)s）を超えているため保存していません。"
    ),
    ("too_many", ""): gettext_noop(
        "添付ファイルが上限の %(limit)s 件を超えたため、「%(filename)s」は保存していません。"
    ),
}


def template_for(table: MessageTable, *, code: str, params: Mapping[str, str]) -> str | None:
    """The Japanese template for a code (and its variant), or None when the table does not know it."""
    return table.get((code, params.get("variant", "")))


def japanese(table: MessageTable, *, code: str, params: Mapping[str, str]) -> str:
    """The finished Japanese sentence; a code or param missing from the table is a programming error."""
    template = template_for(table, code=code, params=params)
    if template is None:
        raise KeyError(f"no message for {code!r} (variant {params.get('variant', '')!r})")
    return template % params
