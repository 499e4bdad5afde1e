"""Text normalisation for triage features: variants, boilerplate stripping, request sentences."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Spelling variants folded to one form so that the n-gram features of
# 「ウィルス」 and 「ウイルス」 (or 「サーバ」 and 「サーバー」) are the same features.
# Applied after NFKC + lower-case, in order.
_VARIANTS: tuple[tuple[str, str], ...] = (
    (r"ウィルス", "ウイルス"),
    (r"ヴィルス", "ウイルス"),
    (r"ランサムウエア", "ランサムウェア"),
    (r"マルウエア", "マルウェア"),
    (r"ソフトウエア", "ソフトウェア"),
    (r"ファームウエア", "ファームウェア"),
    (r"セキュリティー", "セキュリティ"),
    (r"漏えい", "漏洩"),
    (r"ろうえい", "漏洩"),
    (r"改竄", "改ざん"),
    (r"乗っとり|乗取り|のっとり", "乗っ取り"),
    (r"乗っとら|乗取ら|のっとら", "乗っ取ら"),
    (r"振り込み|振込み", "振込"),
    (r"問い合わせ|問合わせ", "問合せ"),
    (r"申し込み|申込み", "申込"),
    (r"届け出", "届出"),
    (r"メアド", "メールアドレス"),
    (r"e-?mail|eメール", "メール"),
    (r"クレカ", "クレジットカード"),
    (r"スマートフォン", "スマホ"),
    (r"パソコン", "pc"),
    (r"二段階認証|2段階認証|2要素認証|二要素認証|多要素認証|2fa", "mfa"),
    (r"ワンタイムパスワード", "otp"),
    (r"ホームページ|webサイト|ウェブサイト", "hp"),
    (r"ビットコイン", "btc"),
    (r"id/pw|id・パスワード|id/パスワード", "idパスワード"),
    (r"(?<![a-z])pw(?![a-z])", "パスワード"),
    (r"ランサム(?!ウェア)", "ランサムウェア"),
    (r"emotet|エモテット", "emotet"),
    (r"✕|✖|❌", "×"),
    (r"⇒|->|=>", "→"),
)

# Katakana loanwords written with or without the final long vowel mark
# (サーバ/サーバー); the set is closed so that words such as 「データ」 are untouched.
_LONG_VOWEL_WORDS: tuple[str, ...] = (
    "サーバ",
    "コンピュータ",
    "ユーザ",
    "ブラウザ",
    "プリンタ",
    "ルータ",
    "フォルダ",
    "メモリ",
    "ドライバ",
    "スキャナ",
    "モニタ",
    "プロバイダ",
    "ベンダ",
    "マネージャ",
    "コントローラ",
    "レジストラ",
)
_LONG_VOWEL_RE = re.compile("(" + "|".join(_LONG_VOWEL_WORDS) + ")(?!ー)")
_VARIANT_RES = tuple((re.compile(pattern), repl) for pattern, repl in _VARIANTS)
_SPACES = re.compile(r"[ \t\u3000]+")


def normalize(*, text: str) -> str:
    """NFKC, lower-case, fold spelling variants and collapse spaces (newlines are kept)."""
    value = unicodedata.normalize("NFKC", text).lower()
    # NFKC turns 「ｰ」 into 「ー」 but leaves the wave dash variants alone.
    value = value.replace("〜", "~").replace("～", "~")
    value = _LONG_VOWEL_RE.sub(r"\1ー", value)
    for pattern, repl in _VARIANT_RES:
        value = pattern.sub(repl, value)
    lines = [_SPACES.sub(" ", line).strip() for line in value.splitlines()]
    return "\n".join(lines).strip()


# Lines that carry no content: salutations, greetings, self-introductions,
# closings. Matched against a whole normalised line or sentence.
_GREETING_RES = tuple(
    re.compile(pattern)
    for pattern in (
        r"^(件名|subject)\s*[:：]\s*$",
        r"^.{0,40}(御中|ご担当者様|ご担当者さま|担当者様|各位|様)$",
        r"^(いつも|平素(より|は)?)?(大変)?お世話になって?(おり|い)ます",
        r"^お世話になります",
        r"^(突然の|はじめての|初めての)?(ご連絡|メール|ご連絡を差し上げ).{0,10}(失礼|申し訳)",
        r"^(はじめて|初めて)ご連絡",
        r"^.{0,40}と申します[。.]?$",
        r"^.{0,30}(株式会社|有限会社|合同会社|法人|事務局|部|課|室|係|担当|協会|センター|学校|大学|医院|"
        r"クリニック|商工会|店|事務所)の?.{0,24}(です|でございます)[。.]?$",
        r"^(以上|何卒|なにとぞ)?(、)?(どうぞ)?(よろしく|宜しく)お願い(いた|致)?します[。.!]?$",
        r"^(以上|敬具|拝啓|草々)[。.]?$",
        r"^(お忙しい|ご多忙|ご多用).{0,20}(恐縮|恐れ入り|すみません).{0,10}$",
        r"^(私事|個人的なこと)?.{0,10}(大変)?恐縮ですが.{0,10}$",
    )
)
_SIGNATURE_START = re.compile(r"^(--+|―+|ー{3,}|━+|─+|=+|_+|＿+|\*{3,}|-{2,}\s*$)")
_SIGNATURE_LINE = re.compile(
    r"(tel|fax|電話|〒|@|https?://|mail|携帯|内線|\d{2,4}-\d{2,4}-\d{3,4}|株式会社|有限会社|合同会社|"
    r"法人|事務局|部長|課長|担当|送付先)"
)
_SENTENCE_END = re.compile(r"[。!?！？]")


def strip_boilerplate(*, text: str) -> str:
    """Drop greetings, salutations and the trailing signature block of a normalised text.

    The signature is either everything after a separator line (「--」, 「━━」)
    or the run of short lines at the end without sentence punctuation; a
    single-line phone memo is never treated as a signature.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index > 0 and _SIGNATURE_START.match(line):
            lines = lines[:index]
            break
    nonblank = [line for line in lines if line.strip()]
    if len(nonblank) >= 3:
        while len(nonblank) > 1:
            last = nonblank[-1]
            looks_like_signature = (
                (len(last) <= 40 and not _SENTENCE_END.search(last))
                or (_SIGNATURE_LINE.search(last) is not None and len(last) <= 60)
            ) and not _REQUEST_RE.search(last)
            if not looks_like_signature:
                break
            nonblank.pop()
    kept: list[str] = []
    for line in nonblank:
        head = re.sub(r"^(件名|subject)\s*[:：]\s*", "", line)
        sentences = [s for s in split_sentences(text=head) if not _is_greeting(s)]
        if sentences:
            kept.append(_join_sentences(sentences))
    result = "\n".join(kept).strip()
    # Never return an empty body: a text that is only a greeting is still the text.
    return result or text


def _is_greeting(sentence: str) -> bool:
    core = sentence.strip()
    return any(pattern.search(core) for pattern in _GREETING_RES)


# English sentences end in ". " (text is lower-cased by then); a dot inside "k.k." or "3.5" is no end.
_SPLIT_RE = re.compile(r"(?<=[。!?！？])|\n|(?<=[a-z)]\.)(?=\s+[a-z])")


def _join_sentences(sentences: list[str]) -> str:
    """Japanese sentences join directly; English ones keep the space between them."""
    joined = ""
    for sentence in sentences:
        if joined and joined[-1].isascii() and sentence[0].isascii():
            joined += " "
        joined += sentence
    return joined


def split_sentences(*, text: str) -> list[str]:
    """Split on sentence punctuation and line breaks, keeping the punctuation."""
    return [part.strip() for part in _SPLIT_RE.split(text) if part and part.strip()]


# Markers of the part that asks for something. Kept deliberately to phrases;
# a bare 「か」 would match almost every sentence.
_REQUEST_RE = re.compile(
    r"(ご?教示|教えて|おしえて|どうすれば|どうしたら|どうすべき|どうしよう|どうやって|どこに|どこへ|"
    r"すべきか|べきでしょうか|べき\?|でしょうか|ですか|ますか|ませんか|ください|下さい|いただけ|頂け|"
    r"もらえ|ほしい|欲しい|知りたい|相談したい|相談させて|お願いしたい|お願いします|お願いいたします|"
    r"可能か|できる\?|できますか|いい\?|よい\?|いいの|ある\?|ない\?|[?？]|希望|頂戴|"
    r"アドバイス|ご助言|ご指示|"
    r"\bplease\b|could you|can you|would you|can we|should we|do we|how (?:do|can|should)|what should|"
    r"we would like|i would like|we want|i want|advice|let us know|let me know)"
)
_QUOTED = re.compile(r"「[^」]*」|\"[^\"]*\"")
_PURE_CLOSING = re.compile(r"^(以上、?)?(何卒|どうぞ)?(よろしく|宜しく)お願い(いた|致)?します[。!]?$")


def request_sentences(*, text: str) -> list[str]:
    """Return the sentences that carry the consulter's request (normalised, boilerplate-free text).

    Long mails put the request near the end, so the last matching sentences
    are kept (at most three). When nothing asks explicitly, the last sentence
    stands in: in a phone memo it is usually the question noted by staff.
    """
    sentences = split_sentences(text=text)
    # Quoted speech (「…してほしい」というメール) reports what someone else asked.
    matches = [s for s in sentences if _REQUEST_RE.search(_QUOTED.sub("「」", s)) and not _PURE_CLOSING.match(s)]
    if matches:
        return matches[-3:]
    return sentences[-1:] if sentences else []


@dataclass(frozen=True)
class PreparedText:
    """A consultation text in the forms the features and rules need."""

    normalized: str
    body: str
    request: str


def prepare(*, text: str) -> PreparedText:
    normalized = normalize(text=text)
    body = strip_boilerplate(text=normalized)
    request = " ".join(request_sentences(text=body))
    return PreparedText(normalized=normalized, body=body, request=request)


_TOKEN_RE = re.compile(r"[一-龯々〆ヵヶ]+|[ァ-ヴー]+|[a-z][a-z0-9._+-]*|[0-9]+(?:部|冊|件|名|万|円|時間|分)")


def wordish_tokens(text: str) -> list[str]:
    """Word-like units without a dictionary: kanji runs (and their bigrams), katakana runs, Latin words.

    Positional (not keyword-only) because scikit-learn calls it as an analyzer.
    """
    tokens: list[str] = []
    for match in _TOKEN_RE.finditer(text):
        token = match.group(0)
        tokens.append(token)
        first = token[0]
        if "一" <= first <= "龯" and len(token) > 2:
            tokens.extend(token[i : i + 2] for i in range(len(token) - 1))
    return tokens
