"""Detectors for shapes found in hand-written prose: spelled-out phone numbers and extensions, obfuscated
e-mail, bank accounts written as a sentence, handles, MAC addresses and coded IDs, names in signatures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from madoguchi.privacy.masking import detectors, lexicon
from madoguchi.privacy.masking.detectors import HIRA, KANJI, KATA, Candidate
from madoguchi.privacy.masking.types import SpanType

# ---------------------------------------------------------------- phones

# Digits as written by hand: kanji numerals and katakana readings (ゼロキューゼロ). Longest first.
_DIGIT_WORDS: dict[str, str] = {
    "〇": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
    "ゼロ": "0",
    "レイ": "0",
    "マル": "0",
    "イチ": "1",
    "ニー": "2",
    "ニ": "2",
    "サン": "3",
    "ヨン": "4",
    "ゴー": "5",
    "ゴ": "5",
    "ロク": "6",
    "ナナ": "7",
    "ハチ": "8",
    "キュウ": "9",
    "キュー": "9",
}
_DIGIT_TOKEN = r"(?:\d|" + "|".join(re.escape(w) for w in sorted(_DIGIT_WORDS, key=len, reverse=True)) + ")"
_SPELLED_SEP = r"(?:[ \t]?[-ー・.の、()][ \t]?|[ \t])"
_SPELLED_PHONE = re.compile(rf"(?<![{KANJI}\d]){_DIGIT_TOKEN}(?:{_SPELLED_SEP}?{_DIGIT_TOKEN}){{9,11}}(?![{KANJI}\d])")
_TOKEN_RE = re.compile(_DIGIT_TOKEN)
# An extension or a 代表/直通 note written after a number belongs to it.
_EXTENSION = re.compile(
    r"[ \t]*(?:\((?:代表|直通|直)\)[ \t]*)?"
    r"(?:\(?[ \t]*(?:内線|内|ext\.?|Ext\.?|EXT\.?|x)[ \t]*[:：.]?[ \t]*[\d〇一二三四五六七八九]{1,5}[ \t]*\)?"
    r"|\((?:代表|直通)\))"
)


def _spelled_digits(s: str) -> str:
    return "".join(_DIGIT_WORDS.get(t, t) for t in _TOKEN_RE.findall(s))


def spelled_phones(text: str) -> Iterator[Candidate]:
    """Numbers in kanji numerals or katakana readings (〇三の五五五五の…, ゼロキューゼロ・ゴーゴー…)."""
    for m in _SPELLED_PHONE.finditer(text):
        if m.group().isascii():
            continue  # plain digits: detectors.phones decides
        digits = _spelled_digits(m.group())
        if digits.startswith("0") and 10 <= len(digits) <= 11:
            yield Candidate(m.start(), m.end(), SpanType.PHONE, 2)


def phone_extensions(text: str) -> Iterator[Candidate]:
    """A number with its extension (内線 23, ext.9, （代表）内線二一五) as one longer span."""
    for c in (*detectors.phones(text), *spelled_phones(text)):
        end = c.end
        while True:
            m = _EXTENSION.match(text, end)
            if not m or m.end() == end:
                break
            end = m.end()
        if end > c.end:
            yield Candidate(c.start, end, SpanType.PHONE, 1)


# ---------------------------------------------------------------- e-mail

_WORD_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+[ \t]*(?:\b(?:at)\b|\[at\]|\(at\)|アットマーク|あっとまーく|アット)[ \t]*"
    r"[A-Za-z0-9\-]+(?:[ \t]*(?:\bdot\b|\[dot\]|\(dot\)|ドット|どっと|\.)[ \t]*[A-Za-z0-9\-]+)+",
    re.IGNORECASE,
)


def spelled_emails(text: str) -> Iterator[Candidate]:
    """`name at example dot jp`, `name アットマーク example ドット jp`."""
    for m in _WORD_EMAIL.finditer(text):
        tail = m.group()
        # At least one dot word and a TLD-like ending, so that "meet at 5 dot" style prose is not taken.
        if re.search(r"(?:dot|ドット|どっと|\.)[ \t]*[A-Za-z]{2,6}$", tail, re.IGNORECASE):
            yield Candidate(m.start(), m.end(), SpanType.EMAIL, 1)


# ---------------------------------------------------------------- bank accounts and holders

_BANK = (
    rf"[{KANJI}{KATA}{HIRA}A-Za-z]{{1,14}}?(?:ネット銀行|銀行|信用金庫|信金|信用組合|信組|労働金庫|労金|農協|農業協同組合)"
)
_BRANCH = rf"(?:[ \t]*[{KANJI}{KATA}{HIRA}A-Za-z0-9]{{1,12}}?(?:支店|本店|出張所|営業部|支所))"
_STORE_NO = r"(?:[ \t]*\((?:店番|支店番号|店番号)[ \t]*[:：]?[ \t]*\d{3}\))"
_KIND = r"(?:[ \t]*(?:普通|当座|貯蓄|総合)(?:預金)?(?:口座)?)"
_NUMBER = r"(?:[ \t]*(?:口座番号|番号|No\.?)?[ \t]*[:：]?[ \t]*\d{7,8}(?![\d円]))"
_BANK_ACCOUNT = re.compile(rf"{_BANK}{_BRANCH}?{_STORE_NO}?{_KIND}{_NUMBER}|{_BANK}{_BRANCH}{_STORE_NO}?{_NUMBER}")
_HOLDER_KATA = rf"[{KATA}]{{2,12}}(?:[ \t・][{KATA}]{{2,12}}){{0,2}}"
_HOLDER = re.compile(
    rf"(?:[ \t]*(?:名義人?|口座名義|受取人)[ \t]*[:：は]?[ \t]*|[ \t]+)"
    rf"((?:\((?:カ|ユ|ド|シャ|ザイ)\)|(?:カ|ユ|ド)\))?[ \t]*{_HOLDER_KATA})"
)
_HOLDER_LABEL = re.compile(rf"(?:名義人?|口座名義|受取人)[ \t]*[:：は]?[ \t]*((?:(?:カ|ユ|ド)\)[ \t]*)?{_HOLDER_KATA})")


def bank_accounts(text: str) -> Iterator[Candidate]:
    """From the bank name through the number (架空銀行 本町支店 普通 1234567), and the holder after it."""
    for m in _BANK_ACCOUNT.finditer(text):
        start = m.start()
        # The bank-name run may have swallowed the words before it (振込先は架空銀行…): start after them.
        kw = re.search(r"ネット銀行|銀行|信用金庫|信金|信用組合|信組|労働金庫|労金|農協|農業協同組合", m.group())
        head = m.group()[: kw.start() if kw else 0]
        cut = max((head.rfind(p) for p in ("は", "が", "を", "に", "へ", "で", "先", "、", "の")), default=-1)
        if cut >= 0:
            start += cut + 1
        yield Candidate(start, m.end(), SpanType.ACCOUNT, 1)
        h = _HOLDER.match(text, m.end())
        if h:
            yield _holder(h.start(1), h.end(1), h.group(1))
    for h in _HOLDER_LABEL.finditer(text):
        yield _holder(h.start(1), h.end(1), h.group(1))


def _holder(start: int, end: int, name: str) -> Candidate:
    kind = SpanType.COMPANY if re.match(r"\(?(?:カ|ユ|ド|シャ|ザイ)\)", name) else SpanType.PERSON
    return Candidate(start, end, kind, 2)


# ---------------------------------------------------------------- handles, MAC addresses, coded IDs

_AT_HANDLE = re.compile(r"(?<![A-Za-z0-9._%+\-@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,29}[A-Za-z0-9_])?(?![A-Za-z0-9_@])")
_HANDLE_CONTEXT = re.compile(
    r"アカウント|ユーザー名|ユーザ名|ユーザーID|ユーザID|ハンドル|ID|垢|instagram|インスタ|tiktok|twitter|ツイッター|"
    r"X[ \t]*\(|Xで|ゲーム|ログイン|フレンド|youtube|discord|line",
    re.IGNORECASE,
)
_BARE_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@/\-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![A-Za-z0-9_@]|\.[A-Za-z])")
_MAC = re.compile(r"(?<![0-9A-Fa-f:\-])[0-9A-Fa-f]{2}(?:([:\-])[0-9A-Fa-f]{2})(?:\1[0-9A-Fa-f]{2}){4}(?![0-9A-Fa-f:\-])")
_CODED_ID = re.compile(r"(?<![A-Za-z0-9\-])([A-Z]{1,4})-?\d{2,8}(?:-\d{2,8})+(?![A-Za-z0-9\-])")
# Public identifiers that look like coded IDs and must stay (vulnerabilities, standards, updates).
_PUBLIC_ID_PREFIXES = frozenset({"CVE", "JVN", "JVNDB", "CWE", "GHSA", "KB", "MS", "ISO", "JIS", "RFC", "NIST", "SP"})


def handles(text: str) -> Iterator[Candidate]:
    """Social-media and login handles are `account` (the hand-written set's README decision)."""
    for m in _AT_HANDLE.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.ACCOUNT, 2)
    for m in _BARE_HANDLE.finditer(text):
        if _HANDLE_CONTEXT.search(text[max(0, m.start() - 40) : m.start()]):
            yield Candidate(m.start(), m.end(), SpanType.ACCOUNT, 4)


def coded_ids(text: str) -> Iterator[Candidate]:
    for m in _MAC.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.ID, 1)
    for m in _CODED_ID.finditer(text):
        if m.group(1) not in _PUBLIC_ID_PREFIXES:
            yield Candidate(m.start(), m.end(), SpanType.ID, 3)


# ---------------------------------------------------------------- people

_GIVEN = rf"(?:[{KANJI}]{{1,3}}|[{HIRA}]{{2,4}}|[{KATA}]{{2,4}})"
# 姓 名 with a space, where the surname is not a common noun: at a line start, after a label or role
# word, or before an honorific, a reading in brackets or the line end.
_SPACED_NAME = re.compile(
    rf"(?:(?<=^)|(?<=[:：(（「]|[ \t]))([{KANJI}ヶ]{{1,5}})[ \t]({_GIVEN})"
    rf"(?=[ \t]*(?:様|さん|氏|さま|殿|先生|くん|ちゃん|\(|（|$|、|。|,|<)|\n)",
    re.MULTILINE,
)
_KATA_FOREIGN = re.compile(rf"(?<![{KATA}])([{KATA}]{{1,10}}(?:・[{KATA}]{{1,10}}){{1,3}})(?=[ \t]*(?:氏|さん|様|\(|（))")
_ROMAN_IN_READING = re.compile(r"\(([A-Z][a-z]{1,14}(?:[ \t][A-Z][a-z]{1,14}){1,2})\)")
_KANA_READING = re.compile(rf"\(([{HIRA}]{{2,8}}(?:[ \t][{HIRA}]{{1,8}})?)\)")
_SIGN_OFF = re.compile(r"(?:^|[ \t])(?:[/／]|-|—)[ \t]?([A-Z][a-z]{1,12})[ \t]*$", re.MULTILINE)
_FROM_NAME = re.compile(r"^(?:From|差出人|送信者)[ \t]*[:：][ \t]*([A-Z][a-z]{1,14}(?:[ \t][A-Z][a-z]{1,14}){1,2})", re.M)
_MR = re.compile(r"(?:Mr|Ms|Mrs|Dr|Mx)\.?[ \t]([A-Z][a-z]{1,14}(?:[ \t][A-Z][a-z]{1,14})?)")
_NOT_GIVEN = frozenset({"です", "ます", "から", "まで", "など", "さん", "さま", "より", "にて", "について", "こと", "もの"})


def _generic(word: str) -> bool:
    return word in lexicon.GENERIC_NOUNS or word in lexicon.NOT_NAMES or word in lexicon.TITLES


def people(text: str) -> Iterator[Candidate]:
    for m in _SPACED_NAME.finditer(text):
        surname, given = m.group(1), m.group(2)
        if _generic(surname) or _generic(given) or given in _NOT_GIVEN or surname.endswith(("部", "課", "長", "店")):
            continue
        yield Candidate(m.start(1), m.end(2), SpanType.PERSON, 4)
    for m in _KATA_FOREIGN.finditer(text):
        yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 4)
    for pattern in (_ROMAN_IN_READING, _FROM_NAME, _MR):
        for m in pattern.finditer(text):
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 4)
    for m in _SIGN_OFF.finditer(text):
        yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 4)
    # A reading in brackets right after a masked-looking name (雲母 真由美（きらら まゆみ）).
    for m in _KANA_READING.finditer(text):
        before = text[max(0, m.start() - 8) : m.start()]
        if re.search(rf"[{KANJI}][ \t]?[{KANJI}{HIRA}]*$", before):
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 4)


DETECTORS = (spelled_phones, phone_extensions, spelled_emails, bank_accounts, handles, coded_ids, people)
