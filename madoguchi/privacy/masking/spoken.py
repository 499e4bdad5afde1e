"""Numbers read aloud: digits spelled in kana, katakana or English words (voicemail transcripts, phone memos).

ぜろさん、の、ごーごーごーろく / いちきゅうはち、てん、ごーいち / zero nine zero, five five five five.
A run of digit words with separators (、 の てん ドット ハイフン, spaces, commas, dot, dash) is read into digits
and classified like the written forms: four dotted groups are an IP address, ten or eleven digits from 0 a
phone number, seven a postal code (an account near 口座), fifteen or sixteen a card, six or more an id.
A municipality followed by a house number read aloud is an address.
Single-kana digits (に, ご, く, し) are particles too, so a run needs at least six digits and three words
of two or more letters before it is read as a number (ADR 0042)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from madoguchi.privacy.masking.detectors import Candidate
from madoguchi.privacy.masking.types import SpanType

# Longest first inside each alternative so ごー wins over ご.
_KANA_DIGITS: dict[str, str] = {
    "ぜろ": "0",
    "れい": "0",
    "まる": "0",
    "いち": "1",
    "いっ": "1",
    "にい": "2",
    "にー": "2",
    "さん": "3",
    "よん": "4",
    "よー": "4",
    "ごお": "5",
    "ごー": "5",
    "ろく": "6",
    "ろっ": "6",
    "なな": "7",
    "しち": "7",
    "はち": "8",
    "はっ": "8",
    "きゅう": "9",
    "きゅー": "9",
    "きゅ": "9",
    "に": "2",
    "し": "4",
    "ご": "5",
    "く": "9",
}
_EN_DIGITS: dict[str, str] = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_KANA_WORD = "|".join(sorted(_KANA_DIGITS, key=len, reverse=True))
# ななじゅうさん = 73, じゅうに = 12, にじゅう = 20
_KANA_TOKEN = rf"(?:(?:{_KANA_WORD})?じゅう(?:{_KANA_WORD})?|{_KANA_WORD})"
_KANA_DOT = r"てん|ドット|どっと"
_KANA_SEP = rf"[ \t、,・\-]*(?:の|{_KANA_DOT}|ハイフン|はいふん)?[ \t、,・\-]*"
_KANA_RUN = re.compile(rf"{_KANA_TOKEN}(?:{_KANA_SEP}{_KANA_TOKEN})+")
_KANA_PART = re.compile(rf"(?P<dot>{_KANA_DOT})|(?P<tok>{_KANA_TOKEN})")

_EN_WORD = "|".join(_EN_DIGITS)
_EN_TOKEN = rf"(?:(?:double|triple)[ \t]+)?(?:{_EN_WORD})"
_EN_SEP = r"(?:[ \t,\-]*(?:dash|hyphen|dot|point)?[ \t,\-]*)"
_EN_RUN = re.compile(rf"(?<![A-Za-z])(?:{_EN_TOKEN})(?:{_EN_SEP}(?:{_EN_TOKEN}))+(?![A-Za-z])", re.IGNORECASE)
_EN_PART = re.compile(rf"(?P<dot>\b(?:dot|point)\b)|(?P<tok>\b{_EN_TOKEN}\b)", re.IGNORECASE)

# 板橋区板橋、さんちょうめ、じゅうよん、の、ろく: a municipality and a house number read aloud.
_FILL = r"[、, \t]*(?:(?:えー|えっと|あの|あのー)[ー]*[、, \t]*)*"
_SPOKEN_HOUSE = re.compile(
    rf"(?P<place>[\u3400-\u9fff々ヶ]{{1,6}}(?:都|道|府|県)?[\u3400-\u9fff々ヶ]{{0,6}}(?:市|区|町|村)[\u3400-\u9fff々ヶ]{{0,8}})"
    rf"{_FILL}(?P<house>{_KANA_TOKEN}+(?:ちょうめ|ばんち|ばん|ごう)"
    rf"(?:{_FILL}(?:の{_FILL})?{_KANA_TOKEN}+(?:ちょうめ|ばんち|ばん|ごう)?){{0,3}})"
)
_ACCOUNT_NEAR = re.compile(r"口座|銀行|信金|振込|account", re.IGNORECASE)
_MIN_DIGITS = 6


def _to_hiragana(text: str) -> str:
    """Katakana to hiragana letter by letter (same length, so offsets hold); ー stays."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _kana_value(token: str) -> tuple[str, int]:
    """Digits for one kana token and its count of letters that are not one-kana particles."""
    if "じゅう" in token:
        tens, _, ones = token.partition("じゅう")
        return (_KANA_DIGITS.get(tens, "1") + _KANA_DIGITS.get(ones, "0")), 1
    return _KANA_DIGITS[token], int(len(token) >= 2)


def _en_value(token: str) -> str:
    words = token.lower().split()
    digit = _EN_DIGITS[words[-1]]
    return digit * {"double": 2, "triple": 3}.get(words[0], 1)


def _classify(groups: list[str], *, dotted: bool, context: str) -> SpanType | None:
    digits = "".join(groups)
    if dotted and len(groups) == 4 and all(1 <= len(g) <= 3 for g in groups):
        return SpanType.IP
    if len(digits) < _MIN_DIGITS:
        return None
    if digits.startswith("0") and len(digits) in (10, 11):
        return SpanType.PHONE
    if len(digits) == 7:
        return SpanType.ACCOUNT if _ACCOUNT_NEAR.search(context) else SpanType.POSTAL_CODE
    if len(digits) in (15, 16):
        return SpanType.CARD
    return SpanType.PHONE if digits.startswith("0") else SpanType.ID


def numbers(text: str) -> Iterator[Candidate]:
    hira = _to_hiragana(text)
    for m in _KANA_RUN.finditer(hira):
        groups, dotted, words = [""], False, 0
        for part in _KANA_PART.finditer(m.group()):
            if part.group("dot"):
                dotted = True
                groups.append("")
                continue
            value, long_words = _kana_value(part.group("tok"))
            groups[-1] += value
            words += long_words
        groups = [g for g in groups if g]
        if words < 3:
            continue
        kind = _classify(groups, dotted=dotted, context=text[max(0, m.start() - 20) : m.start()])
        if kind is not None:
            yield Candidate(m.start(), m.end(), kind, 2)
    for m in _SPOKEN_HOUSE.finditer(hira):
        yield Candidate(m.start("place"), m.end("house"), SpanType.ADDRESS, 2)
    for m in _EN_RUN.finditer(text):
        groups, dotted = [""], False
        for part in _EN_PART.finditer(m.group()):
            if part.group("dot"):
                dotted = True
                groups.append("")
                continue
            groups[-1] += _en_value(part.group("tok"))
        groups = [g for g in groups if g]
        kind = _classify(groups, dotted=dotted, context=text[max(0, m.start() - 30) : m.start()])
        if kind is not None:
            yield Candidate(m.start(), m.end(), kind, 2)


DETECTORS = (numbers,)
