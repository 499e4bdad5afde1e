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
_SPELLED_SEP = r"(?:[ \t]?[-ー・.の、()]{1,2}[ \t]?|[ \t])"
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
    r"[A-Za-z0-9][A-Za-z0-9\-]*(?:[ \t]*(?:\bdot\b|\[dot\]|\(dot\)|ドット|どっと|\.)[ \t]*[A-Za-z0-9][A-Za-z0-9\-]*)+",
    re.IGNORECASE,
)


def spelled_emails(text: str) -> Iterator[Candidate]:
    """`name at example dot jp`, `name アットマーク example ドット jp`."""
    for m in _WORD_EMAIL.finditer(text):
        value = m.group()
        # Plain English words (at, dot) need an address-like local part or domain, so that prose such as
        # "meet at the dot com office" is not taken.
        bracketed = re.search(r"\[at\]|\(at\)|アット|あっと", value, re.IGNORECASE)
        parts = re.split(
            r"[ \t]*(?:\bat\b|\[at\]|\(at\)|アットマーク|あっとまーく|アット)[ \t]*", value, maxsplit=1, flags=re.I
        )
        local, domain = parts[0], parts[-1]
        dots = len(re.findall(r"dot|\.", domain, re.IGNORECASE))
        if bracketed or re.search(r"[._\d\-]", local) or "-" in domain or dots >= 2:
            yield Candidate(m.start(), m.end(), SpanType.EMAIL, 1)


# ---------------------------------------------------------------- bank accounts and holders

_BANK_WORDS = r"(?:ネット銀行|銀行|信用金庫|信金|信用組合|信組|労働金庫|労金|農協|農業協同組合)"
_BANK = rf"[{KANJI}{KATA}{HIRA}A-Za-z]{{1,14}}?{_BANK_WORDS}"
_BRANCH = rf"(?:[ \t]*[{KANJI}{KATA}{HIRA}A-Za-z0-9]{{0,12}}?(?:支店|本店|出張所|営業部|支所))"
_STORE_NO = r"(?:[ \t]*\((?:店番|支店番号|店番号)[ \t]*[:：]?[ \t]*\d{3}\))"
_KIND = r"(?:[ \t]*(?:普通|当座|貯蓄|総合)(?:預金)?(?:口座)?)"
_NUMBER = r"(?:[ \t]*(?:口座番号|番号|No\.?)?[ \t]*[:：]?[ \t]*\d{7,8}(?![\d円]))"
_BANK_ACCOUNT = re.compile(rf"{_BANK}{_BRANCH}?{_STORE_NO}?{_KIND}{_NUMBER}|{_BANK}{_BRANCH}{_STORE_NO}?{_NUMBER}")
_HOLDER_KATA = rf"[{KATA}]{{2,12}}(?:[ \t・][{KATA}]{{2,12}}){{0,2}}"
_HOLDER = re.compile(
    rf"(?:[ \t]*(?:名義人?|口座名義|受取人)[ \t]*[:：は]?[ \t]*|[ \t]+)"
    rf"((?:\((?:カ|ユ|ド|シャ|ザイ)\)|(?:カ|ユ|ド)\))?[ \t]*{_HOLDER_KATA})"
)
_HOLDER_LABEL = re.compile(
    rf"(?:名義人?|口座名義|受取人)(?:[ \t]*[:：は][ \t]*|[ \t]+)((?:(?:カ|ユ|ド)\)[ \t]*)?{_HOLDER_KATA})"
)


# ゆうちょ written as one label: 記号・番号 12345・67891234, 記号/番号：12345-67891234
_YUCHO_PAIR = re.compile(
    r"(?:ゆうちょ(?:銀行)?[ \t]*(?:の[ \t]*)?)?"
    r"(?:記号[・･/／と]番号[ \t]*[:：は]?[ \t]*\d{5}[ \t]*[-・･/／ ][ \t]*\d{6,8}"
    r"|記号[ \t]*[:：は]?[ \t]*\d{5}[ \t、,/／]*番号[ \t]*[:：は]?[ \t]*\d{6,8})(?!\d)"
)


def bank_accounts(text: str) -> Iterator[Candidate]:
    """From the bank name through the number (架空銀行 本町支店 普通 1234567), and the holder after it."""
    for m in _YUCHO_PAIR.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.ACCOUNT, 1)
    for m in _BANK_ACCOUNT.finditer(text):
        start = m.start()
        # The bank-name run may have swallowed the words before it (振込先は架空銀行…): start after them.
        kw = re.search(r"ネット銀行|銀行|信用金庫|信金|信用組合|信組|労働金庫|労金|農協|農業協同組合", m.group())
        head = m.group()[: kw.start() if kw else 0]
        cut = max((head.rfind(p) for p in ("は", "が", "を", "に", "へ", "で", "先", "、", "の")), default=-1)
        if cut >= 0:
            start += cut + 1
        # A public bank's name (みずほ銀行) is masked with the branch and number too: the span reads as one
        # account, and the reviewer unmasks the bank in one click (ADR 0037).
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
    r"X[ \t]*\(|Xで|ゲーム|ログイン|フレンド|youtube|discord|line|\bIG\b|\bFB\b|SNS|facebook|フェイスブック|threads|"
    r"ユーチューブ|ティックトック",
    re.IGNORECASE,
)
_BARE_HANDLE = re.compile(r"(?<![A-Za-z0-9_.@/\-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![A-Za-z0-9_@]|\.[A-Za-z])")
_MAC = re.compile(
    r"(?<![0-9A-Fa-f:\-])[0-9A-Fa-f]{2}(?:([:\-])[0-9A-Fa-f]{2})(?:\1[0-9A-Fa-f]{2}){4}(?![0-9A-Fa-f:\-])"
)
_CODED_ID = re.compile(r"(?<![A-Za-z0-9\-])([A-Z]{1,4})-?\d{2,8}(?:-\d{2,8})+(?![A-Za-z0-9\-])")
# Public identifiers that look like coded IDs and must stay (vulnerabilities, standards, updates).
_PUBLIC_ID_PREFIXES = frozenset({"CVE", "JVN", "JVNDB", "CWE", "GHSA", "KB", "MS", "ISO", "JIS", "RFC", "NIST", "SP"})


def handles(text: str) -> Iterator[Candidate]:
    """Social-media and login handles are `account` (the hand-written set's README decision)."""
    for m in _AT_HANDLE.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.ACCOUNT, 2)
    for m in _BARE_HANDLE.finditer(text):
        if _HANDLE_CONTEXT.search(text[max(0, m.start() - 40) : m.start()]):
            # After an ID label (ログインID: x_y) the ID detector's reading wins on the same span.
            yield Candidate(m.start(), m.end(), SpanType.ACCOUNT, 9)


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
    rf"(?:(?<=^)|(?<=[:：(（「】]|[ \t]))([{KANJI}ヶ]{{1,5}}|[{KATA}]{{2,8}}(?=[ \t][{KANJI}]))[ \t]({_GIVEN})"
    rf"(?=[ \t]*(?:様|さん|氏|さま|殿|先生|くん|ちゃん|\(|（|\)|）|$|、|。|,|<)|\n)",
    re.MULTILINE,
)
_KATA_FOREIGN = re.compile(
    rf"(?<![{KATA}])([{KATA}]{{1,10}}(?:・[{KATA}]{{1,10}}){{1,3}})(?=[ \t]*(?:氏|さん|様|\(|（))"
)
_ROMAN_IN_READING = re.compile(r"\(([A-Z][a-z]{1,14}(?:[ \t][A-Z][a-z]{1,14}){1,2})\)")
_KANA_READING = re.compile(rf"\(([{HIRA}]{{2,8}}(?:[ \t][{HIRA}]{{1,8}})?)\)")
_SIGN_OFF = re.compile(r"(?:^|[ \t])(?:[/／]|-|—)[ \t]?([A-Z][a-z]{1,12})[ \t]*$", re.MULTILINE)
_FROM_NAME = re.compile(
    r"^(?:From|差出人|送信者)[ \t]*[:：][ \t]*([A-Z][a-z]{1,14}(?:[ \t][A-Z][a-z]{1,14}){1,2})", re.M
)
_MR = re.compile(r"(?:Mr|Ms|Mrs|Dr|Mx)\.?[ \t]([A-Z][a-z]{1,14}(?:[ \t][A-Z][a-z]{1,14})?)")
_NOT_GIVEN = frozenset(
    {
        *("です", "ます", "から", "まで", "など", "さん", "さま", "より", "にて", "について", "こと", "もの"),
        *("こちら", "そちら", "あちら", "どちら", "わたし", "わたくし", "あたし", "ぼく", "おれ", "ここ", "そこ"),
        *("これ", "それ", "あれ", "どれ", "みんな", "ほう", "かた", "ところ", "ため", "とき", "よう", "そう"),
    }
)


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


_NAME_TOKEN = (
    rf"[{KANJI}]{{1,5}}(?:[ \t][{KANJI}]{{1,3}})?(?:[{KATA}]{{2,3}})?|[{KATA}]{{2,8}}(?:・[{KATA}]{{1,8}}){{0,3}}"
    rf"|[{HIRA}]{{2,5}}|[A-Z][a-z]{{1,14}}(?:[ \t][A-Z][a-z]{{1,14}}){{0,2}}"
)
# 私、八重樫トメです / あ、私ミドリです / ゆうこです。(a message opening with a name)
_SELF_NAME = re.compile(
    r"(?:わたくし|私|わたし|あたし|僕|ぼく|俺|おれ)(?:は|、|,)?[ \t]?"
    rf"({_NAME_TOKEN}|[{KANJI}]{{1,5}}[ \t][{HIRA}]{{2,4}})"
    r"(?:です|でーす|と申します|といいます|っていいます)"
)
# Relatives named in kana: 娘のあかりが, 孫のユウトは
_RELATIVE_KANA = re.compile(
    r"(?:娘|息子|孫|妻|夫|母|父|兄|姉|弟|妹|主人|嫁|甥|姪|友人|友達|知人)の"
    rf"(?:((?!ほう|こと|もの|ため|ところ|ほか|みんな|かた)[{HIRA}]{{2,4}})(?=が|は|に|と|も|の|から|って)"
    rf"|((?![{KATA}]*ー)[{KATA}]{{2,4}})(?=が|は|って))"
)
# A front-desk self-introduction in kana: 〇〇クリニックの受付、わたなべです
_ROLE_KANA_DESU = re.compile(
    r"(?:受付|担当|事務|経理|総務|店長|看護師|スタッフ|係)[、の][ \t]?"
    rf"([{HIRA}]{{2,5}}|[{KATA}]{{2,6}})(?:です|と申します|でした)"
)
# Sign-offs in kana after a slash at a line end: よろしく〜 ／ナオ
_KANA_SLASH_SIGN = re.compile(rf"[/／][ \t]?([{KATA}]{{2,6}}|[{HIRA}]{{2,5}})[ \t]*$", re.MULTILINE)
# The line right after a signature separator (--, ――) when it is a name.
_AFTER_SEPARATOR = re.compile(
    rf"^[ \t]*(?:--|――|——|ーー|─+|-{{3,}})[ \t]*\n[ \t]*([A-Z][a-z]{{1,14}}(?:[ \t][A-Z][a-z]{{1,14}}){{1,2}}"
    rf"|[{KANJI}]{{1,4}}[ \t][{KANJI}{HIRA}]{{1,4}})[ \t]*$",
    re.MULTILINE,
)
_OPENING_NAME = re.compile(rf"\A[ \t]*((?![おご])[{HIRA}]{{2,5}}|[{KATA}]{{2,6}})(?:です|でーす)[。、!！]")
# 名前は「ヨシオ」とだけ / 名乗り：ほりのうち / ｢ながしま｣と名乗る / 幸男っていうんですけど
_NAMED = re.compile(
    rf"(?:名前は|名乗り[:：]|名乗りは)[、,]?[ \t]*[「｢『]?({_NAME_TOKEN}|[{KANJI}]{{1,5}}[ \t][{HIRA}]{{2,4}})[」｣』]?"
    rf"|(?:[「｢『]({_NAME_TOKEN})[」｣』]|(?<=[はが、])([{KATA}]{{2,8}}|[{KANJI}]{{1,4}}))[ \t]?(?:と|って)名乗"
    rf"|(?<=[、。「 \t])([{KANJI}]{{2,3}}|[{KATA}]{{2,5}})"
    r"(?:っていう(?:んです|んだ|の|名前)|という名前|って名前|と名乗)"
)
# A name in brackets right after a role: 社長（御手洗）, 派遣社員（ロペス・マリア）, 男性（渡部 登）
_ROLE_PAREN = re.compile(
    r"(?:社長|会長|部長|課長|係長|主任|店長|院長|担当|担当者|社員|派遣社員|従業員|パート|アルバイト|男性|女性|相談者|本人|"
    rf"名義人|上司|部下|同僚)[(（]([{KANJI}]{{1,4}}(?:[ \t][{KANJI}]{{1,3}})?"
    rf"|[{KATA}]{{2,8}}(?:[・ \t][{KATA}]{{1,8}}){{0,3}})[)）]"
)
# A reading first and the kanji in brackets: ほりのうち（堀之内）, もぐさ（艾）さん
_READING_FIRST = re.compile(
    rf"(?<![{HIRA}{KANJI}{KATA}])([{HIRA}]{{2,8}})[(（]([{KANJI}]{{1,4}})[)）](?=[ \t]*(?:さん|様|氏|、|。|,|$))",
    re.MULTILINE,
)
# Latin and katakana forms of one name: Ivan Petrov（イワン・ペトロフ）, Nguyen（グエン・ティ・ラン）,
# イ・ソヨン（李 素妍）, 乙部 カヨ（おとべ）
_LATIN_KATA = re.compile(
    rf"([A-Z][a-z]{{1,14}}(?:[ \t][A-Z][a-z]{{1,14}}){{0,2}})[ \t]?"
    rf"[(（]([{KATA}]{{2,8}}(?:[・ \t][{KATA}]{{1,8}}){{0,3}})[)）]"
)
_KATA_KANJI = re.compile(
    rf"([{KATA}]{{1,8}}(?:・[{KATA}]{{1,8}}){{1,3}})[ \t]?[(（]([{KANJI}]{{1,2}}[ \t][{KANJI}]{{1,3}})[)）]"
)
_KANA_GIVEN_READING = re.compile(
    rf"([{KANJI}]{{1,4}}[ \t][{KATA}{HIRA}]{{2,4}})[ \t]?[(（]([{HIRA}]{{2,8}}(?:[ \t][{HIRA}]{{1,8}})?)[)）]"
)
# Sign-offs: byチカ, （つぐみ） at the very end, （よつば珈琲 / めい）, - Sara (Company)
_BY_SIGN = re.compile(
    rf"(?:^|[ \t])(?:by|BY|from)[ \t]?([{KATA}]{{2,6}}|[{HIRA}]{{2,5}}|[A-Z][a-z]{{1,12}})[ \t]*\S?$", re.M
)
_END_PAREN_NAME = re.compile(rf"[(（]([{HIRA}]{{2,5}}|[{KATA}]{{2,6}}|[A-Z][a-z]{{1,12}})[)）][ \t]*\Z")
_END_PAREN_ORG_NAME = re.compile(
    rf"[(（]([^()（）\n/／]{{2,20}}?)[ \t]*[/／][ \t]*"
    rf"([{HIRA}]{{2,5}}|[{KATA}]{{2,6}}|[{KANJI}]{{1,4}}|[A-Z][a-z]{{1,12}})[)）][ \t]*\Z"
)
_DASH_SIGN = re.compile(r"(?:^|[ \t])[-—][ \t]?([A-Z][a-z]{1,12})[ \t]*[(（]([A-Z][A-Za-z&'.\- ]{2,40})[)）]")
# マネージャーの Kaz です, IT担当の Nguyen です
_LATIN_NO_DESU = re.compile(r"の[ \t]?([A-Z][a-z]{1,14})(?=[ \t]?(?:です|でした|と申します|[(（]))")
# 事務局長 鰐淵。/ 塾長 茜ヶ久保 です / の 我孫子 です / 名義は母の 橘 千鶴 です
_TITLE_SPACE_NAME = re.compile(
    rf"(?:長|担当|主任|専務|常務|店主|代表|マスター|CTO|CEO|CIO|理事|局員)[ \t]+([{KANJI}ヶ]{{2,5}})"
    rf"(?=[ \t]*(?:。|、|です|でございます|$|\n|[(（]))",
    re.MULTILINE,
)
_NO_SPACE_DESU = re.compile(
    rf"(?:の|、|は)[ \t]+([{KANJI}ヶ]{{1,5}}(?:[ \t][{KANJI}]{{1,3}})?)[ \t]+(?:です|でございます|と申します)"
)
# A signature line of two or three capitalised words (Nguyen Thi Lan), not a company or a place.
_LATIN_NAME_LINE = re.compile(r"^[ \t]*([A-Z][a-z]{1,14}(?:[ \t][A-Z][a-z]{1,14}){1,2})[ \t]*$", re.MULTILINE)
_LATIN_NOT_NAME = re.compile(
    r"\b(?:Inc|Ltd|Co|Corp|Corporation|Bldg|Building|Tower|Floor|Office|Department|Dept|Team|Group|Section|Center|"
    r"Centre|Tokyo|Japan|Kind|Best|Regards|Thanks|Thank|Dear|Sincerely|Security|Support|Sales|Manager|Lead|Trading|"
    r"Partners|Systems|Solutions|Street|Road|Avenue|Ward|City|Dental|Clinic|Works|Affairs|Association|Restaurant|Tax|"
    r"Design|Studio|Consulting|Cafe|Coffee|Bakery|Shop|Store|Salon|Labs?|Holdings|Associates|Foods|Services?|Company|"
    r"Firm|Hotel|School|Academy|Institute|University|Hospital|Bank|Insurance|Realty|Printing|Logistics|Motors?)\b"
)
_ENGLISH_ROLE_NAME = re.compile(
    r"(?i:(?:associate|colleague|employee|staff member|manager|director|engineer|accountant|assistant|CEO|CTO)s?)"
    r",?[ \t]+"
    r"([A-Z][a-z]{1,14}[ \t][A-Z][a-z]{1,14})(?![A-Za-z])"
)
_READING_WORDS = frozenset({"ふりがな", "フリガナ", "よみがな", "ヨミガナ", "かな", "カナ", "よみ", "ヨミ"})


_NO_NAME = re.compile(r"不明|匿名|非公開|未確認|不詳|^なし$|ました|ます$|です$|ください")


def _ok_name(name: str) -> bool:
    core = re.sub(r"[ \t・]", "", name)
    if _NO_NAME.search(core):
        return False
    if len(core) < 2 and not re.fullmatch(rf"[{KANJI}]", core):
        return False
    return not (
        _generic(core)
        or core in _READING_WORDS
        or core in _NOT_GIVEN
        or core in detectors._HIRA_NOT_NAMES
        or core in PLACE_NAMES
        or any(w in core for w in lexicon.must_keep_folded() if len(w) >= 2)
    )


def more_people(text: str) -> Iterator[Candidate]:
    """Cue-based names hand-written text uses that the main person detector does not read; a trailing
    honorific or title stays visible, as in `detectors.people`."""
    for c in _more_people(text):
        end = c.end
        for suffix in detectors._TRAILING_TITLES:
            if end - len(suffix) > c.start and text.startswith(suffix, end - len(suffix)):
                end -= len(suffix)
                break
        yield Candidate(c.start, end, c.type, c.priority)


def _more_people(text: str) -> Iterator[Candidate]:
    for pattern in (
        _SELF_NAME,
        _OPENING_NAME,
        _ROLE_PAREN,
        _LATIN_NO_DESU,
        _TITLE_SPACE_NAME,
        _NO_SPACE_DESU,
        _ROLE_KANA_DESU,
        _KANA_SLASH_SIGN,
        _AFTER_SEPARATOR,
    ):
        for m in pattern.finditer(text):
            if _ok_name(m.group(1)):
                yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 4)
    for m in _RELATIVE_KANA.finditer(text):
        g = 1 if m.group(1) else 2
        if _ok_name(m.group(g)):
            yield Candidate(m.start(g), m.end(g), SpanType.PERSON, 5)
    for m in _NAMED.finditer(text):
        g = next(i for i in (1, 2, 3, 4) if m.group(i))
        if _ok_name(m.group(g)):
            yield Candidate(m.start(g), m.end(g), SpanType.PERSON, 4)
    for pattern in (_READING_FIRST, _LATIN_KATA, _KATA_KANJI, _KANA_GIVEN_READING):
        for m in pattern.finditer(text):
            if _ok_name(m.group(1)) and _ok_name(m.group(2)):
                yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 4)
                yield Candidate(m.start(2), m.end(2), SpanType.PERSON, 4)
    tail_start = detectors._signature_area_start(text)
    for m in _LATIN_NAME_LINE.finditer(text):
        if m.start() >= tail_start and not _LATIN_NOT_NAME.search(m.group(1)):
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 6)
    for pattern in (_BY_SIGN, _END_PAREN_NAME, _ENGLISH_ROLE_NAME):
        for m in pattern.finditer(text):
            if _ok_name(m.group(1)):
                yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 5)
    for m in _END_PAREN_ORG_NAME.finditer(text):
        if _ok_name(m.group(2)):
            yield Candidate(m.start(2), m.end(2), SpanType.PERSON, 5)
            if not _generic(m.group(1).strip()):
                yield Candidate(m.start(1), m.end(1), SpanType.COMPANY, 5)
    for m in _DASH_SIGN.finditer(text):
        yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 5)
        yield Candidate(m.start(2), m.start(2) + len(m.group(2).rstrip()), SpanType.COMPANY, 5)


# ---------------------------------------------------------------- companies

_BUSINESS_WORDS = (
    r"屋|店|業|塾|業者|美容室|サロン|会社|法人|教室|工房|カフェ|喫茶店|医院|クリニック|事務所|ブランド|ショップ|"
    r"和菓子屋|菓子店|飲食店|製麺業|製造業|学習塾|居酒屋|ラーメン店|美容院|理容室|歯科|整骨院|工務店|商店"
)
_QUOTE = r"[「『｢]([^」』｣\n、。]{2,25})[」』｣]"
_QUOTED_AFTER_KIND = re.compile(rf"(?:{_BUSINESS_WORDS})(?:の|で)?[ \t]?{_QUOTE}")
_QUOTED_BEFORE_ROLE = re.compile(
    rf"{_QUOTE}[ \t]?(?:って(?:いう|とこ|ところ|業者|会社|店)|という(?:業者|会社|店|ところ)|を経営|を営|の(?:店主|社長|"
    r"マスター|おかみ|女将|代表|塾長|専務|常務|経営者|オーナー|店長|院長)|マスター|店主)"
)
_VENDOR_NAME = re.compile(
    r"(?:業者|ベンダー|委託先|外注先|取引先|メーカー|保守会社|制作会社)(?:は|の|[(（])[ \t]?"
    rf"([{KATA}A-Za-z][{KATA}A-Za-z0-9・&\-]{{2,20}})(?=[)）、。 \t]|から|が|に|です)"
)
_ALIAS = re.compile(r"(?:通称|略称)[ \t]?[:：]?[ \t]?([A-Za-z0-9&\-]{2,12}|[^\s)）、。]{2,12})(?=[)）、。 \t])")
_FACILITY = re.compile(
    rf"(?:特別養護老人ホーム|介護老人保健施設|老人ホーム|グループホーム|デイサービス|保育園|幼稚園|こども園|学童保育)"
    rf"[ \t]?[{KANJI}{KATA}{HIRA}]{{2,12}}(?=[\n。、 \t(（]|$)",
    re.MULTILINE,
)
_LATIN_BUSINESS = re.compile(
    r"(?<![A-Za-z])(?:on behalf of|from|at|with|for|of)[ \t]+"
    r"([A-Z][A-Za-z']+(?:[ \t](?:&[ \t])?[A-Z][A-Za-z']+){0,4}[ \t]"
    r"(?:Trading|Partners(?:[ \t]LLP)?|LLP|LLC|Roasters|Coffee|Bakery|Consulting|Solutions|Systems|Works|Labs|Studio|"
    r"Design|Group|Holdings|Associates|Salon|Cafe|Café|Shop|Store|Clinic|Office|Foods|Trading Co))(?![A-Za-z])"
)
_LATIN_SALON = re.compile(
    r"(?i:hair salon|beauty salon|salon|cafe|café)[ \t]+(?!(?:PC|LAN|Wi-?Fi|POS|WEB|Web)\b)[A-Z][A-Za-z0-9&'\-]{1,20}"
)
_COMPANY_THEN_FORM = re.compile(
    rf"([{KATA}{KANJI}{HIRA}A-Za-z・]{{2,20}})[ \t]+(?:株式会社|有限会社|合同会社)(?![{KATA}{KANJI}])"
)
_KIND_THEN_NAME_LINE = re.compile(
    r"^[ \t]*((?:旅館|民宿|ホテル|喫茶|食堂|料亭|居酒屋|美容室|理容室)"
    rf"[ \t]+[{KANJI}{KATA}{HIRA}A-Za-z・ー]{{2,12}})[ \t]*$",
    re.MULTILINE,
)
# A shop kind, a space and the shop's name before a particle: 整体院 ゆらり を経営
_KIND_SPACE_NAME = re.compile(
    r"((?:整体院|鍼灸院|接骨院|整骨院|美容院|美容室|理容室|ネイルサロン|エステサロン|民宿|旅館|喫茶|食堂|居酒屋|料亭|"
    rf"学習塾|パン屋|花屋)[ \t]+(?![をのではがにと])[{KANJI}{KATA}{HIRA}A-Za-z・ー]{{2,12}}?)"
    r"(?=[ \t]*(?:を|の|で|は|が|から|に))"
)


def more_companies(text: str) -> Iterator[Candidate]:
    for pattern in (_QUOTED_AFTER_KIND, _QUOTED_BEFORE_ROLE, _VENDOR_NAME, _ALIAS):
        for m in pattern.finditer(text):
            name = m.group(1).strip()
            if (
                len(name) >= 2
                and not _generic(name)
                and not _NO_NAME.search(name)
                and not any(w in name for w in lexicon.must_keep_folded())
            ):
                yield Candidate(m.start(1), m.start(1) + len(name), SpanType.COMPANY, 4)
    for m in _FACILITY.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.COMPANY, 4)
    for m in _LATIN_BUSINESS.finditer(text):
        yield Candidate(m.start(1), m.end(1), SpanType.COMPANY, 4)
    for m in _LATIN_SALON.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.COMPANY, 5)
    for m in _COMPANY_THEN_FORM.finditer(text):
        head = m.group(1)
        start = m.start(1) + max(head.rfind(p) for p in "のはがをにでと") + 1
        if m.end(1) - start >= 2 and not _generic(text[start : m.end(1)]):
            yield Candidate(start, m.end(), SpanType.COMPANY, 3)
    for m in _KIND_SPACE_NAME.finditer(text):
        yield Candidate(m.start(1), m.end(1), SpanType.COMPANY, 4)
    for m in _KIND_THEN_NAME_LINE.finditer(text):
        yield Candidate(m.start(1), m.end(1), SpanType.COMPANY, 4)


# ---------------------------------------------------------------- addresses

_ROOM_AFTER_BUILDING = re.compile(
    r"[ \t-]?(?:\d{2,4}(?:号室|号)?|\d{1,2}(?:F|階)|[一二三四五六七八九十]{1,3}階|[一二三四五六七八九十〇]{3,4}号室)"
    r"(?![\d\-])"
)
_BUILDING_END = re.compile(rf"(?:{detectors._alt(tuple(detectors._BUILDING_WORDS))}|[{KATA}]{{2,}})$")
_LATIN_BUILDING = re.compile(
    r"(?:\b\d{1,2}F,?[ \t])?(?:[A-Z][A-Za-z]+[ \t]){1,3}(?:Bldg\.?|Building|Tower|Plaza|Heights|Mansion|Center|Centre)"
    r"(?:,?[ \t]\d{1,2}F\b)?(?:,[ \t]*(?:\d+-){1,3}\d+[ \t]+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*"
    r"(?:,[ \t]*[A-Z][a-z]+(?:-(?:ku|shi|cho|machi|gun|ken|to|fu))?){0,3})?"
)
_LATIN_STREET = re.compile(
    r"(?<![\d\-])(?:\d+-){2}\d+,?[ \t]+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*"
    r"|(?<![\d\-])\d+-\d+,?[ \t]+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*-(?:cho|machi|ku|shi|mura|gun)\b"
)


def latin_addresses(text: str) -> Iterator[Candidate]:
    """Romanised addresses: 3F, Example Building, 2-14-8 Kanda-Nishikicho; Example Bldg 14F."""
    for pattern in (_LATIN_BUILDING, _LATIN_STREET):
        for m in pattern.finditer(text):
            yield Candidate(m.start(), m.end(), SpanType.ADDRESS, 4)


def extend_addresses(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A room number written right after a building word (錦糸マンション102) belongs to the address."""
    out = list(candidates)
    for c in candidates:
        if c.type is SpanType.ADDRESS and _BUILDING_END.search(text[c.start : c.end]):
            m = _ROOM_AFTER_BUILDING.match(text, c.end)
            if m:
                out.append(Candidate(c.start, m.end(), c.type, c.priority))
    return out


# ---------------------------------------------------------------- names found once, masked everywhere

_PROPAGATE_MIN = 2


def _occurrences(text: str, value: str) -> Iterator[int]:
    """Offsets of `value` in `text`; a Latin value only as a whole word. Plain string search on purpose:
    one regex per name would evict the detectors' patterns from the re module's cache."""
    haystack, needle = (text.lower(), value.lower()) if value.isascii() else (text, value)
    i = haystack.find(needle)
    while i >= 0:
        end = i + len(needle)
        if not value.isascii() or (
            (i == 0 or not haystack[i - 1].isalnum()) and (end == len(haystack) or not haystack[end].isalnum())
        ):
            yield i
        i = haystack.find(needle, i + 1)


def propagate(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A name or company found once by a cue is masked at its other mentions too (幸男っていう… 幸男が),
    and a company followed by の + a short kanji name or a signature name after it gives that name."""
    out = list(candidates)
    seen: set[tuple[str, SpanType]] = set()
    for c in candidates:
        if c.type not in (SpanType.PERSON, SpanType.COMPANY):
            continue
        value = text[c.start : c.end]
        values = {value}
        if c.type is SpanType.PERSON:
            parts = re.split(r"[ \t]+", value)
            values.update(p for p in parts if len(p) >= 2 and len(parts) == 2)
        for v in values:
            if len(v) < _PROPAGATE_MIN or (v, c.type) in seen or _generic(v) or v in PLACE_NAMES:
                continue
            if c.type is SpanType.PERSON and detectors._ROLE_END.search(v):
                continue
            seen.add((v, c.type))
            out.extend(Candidate(i, i + len(v), c.type, 8) for i in _occurrences(text, v))
        # A one-kanji surname (辻, 乾) found by a cue: its other mentions standing alone between non-kanji
        single = c.type is SpanType.PERSON and len(value) == 1 and value in lexicon.surnames()[0]
        if single and (value, c.type) not in seen:
            seen.add((value, c.type))
            for i in _occurrences(text, value):
                before, after = text[i - 1 : i] or " ", text[i + 1 : i + 2] or " "
                if not re.match(rf"[{KANJI}]", before) and not re.match(rf"[{KANJI}]", after):
                    out.append(Candidate(i, i + 1, c.type, 8))
        if c.type is SpanType.COMPANY:
            m = re.match(rf"の[ \t]?([{KANJI}]{{2,3}})(?=[。、]|です|でした|$|\n)", text[c.end : c.end + 10])
            if (
                m
                and _ok_name(m.group(1))
                and not detectors._ROLE_END.search(m.group(1))
                and detectors._valid_person(m.group(1), strong=True)
            ):
                out.append(Candidate(c.end + m.start(1), c.end + m.end(1), SpanType.PERSON, 6))
            sig = re.match(rf"[ \t　]+([{KANJI}]{{2,4}})[ \t]*(?:\n|$)", text[c.end : c.end + 10])
            if (
                sig
                and _ok_name(sig.group(1))
                and not detectors._ROLE_END.search(sig.group(1))
                and detectors._valid_person(sig.group(1), strong=True)
            ):
                out.append(Candidate(c.end + sig.start(1), c.end + sig.end(1), SpanType.PERSON, 6))
    return out


DETECTORS = (
    spelled_phones,
    phone_extensions,
    spelled_emails,
    bank_accounts,
    handles,
    coded_ids,
    people,
    more_people,
    more_companies,
    latin_addresses,
)


# ---------------------------------------------------------------- refining other detectors' candidates

# Areas and stations that are also in the surname list (中野, 神田, 目黒): a surname-list guess with no other
# cue is dropped on them. Names with an honorific, label or title still come from the stronger signals.
PLACE_NAMES: frozenset[str] = frozenset(
    {
        "新宿",
        "渋谷",
        "池袋",
        "品川",
        "上野",
        "秋葉原",
        "神田",
        "中野",
        "目黒",
        "板橋",
        "世田谷",
        "町田",
        "練馬",
        "杉並",
        "大田",
        "豊島",
        "墨田",
        "江東",
        "荒川",
        "足立",
        "葛飾",
        "江戸川",
        "文京",
        "台東",
        "港",
        "千代田",
        "中央",
        "北",
        "八王子",
        "立川",
        "吉祥寺",
        "三鷹",
        "府中",
        "調布",
        "国分寺",
        "赤羽",
        "蒲田",
        "大井",
        "五反田",
        "大崎",
        "恵比寿",
        "原宿",
        "六本木",
        "赤坂",
        "銀座",
        "日本橋",
        "丸の内",
        "大手町",
        "有楽町",
        "浅草",
        "錦糸町",
        "亀戸",
        "北千住",
        "高田馬場",
        "早稲田",
        "飯田橋",
        "水道橋",
        "御茶ノ水",
        "四谷",
        "市ヶ谷",
        "新橋",
        "浜松町",
        "田町",
        "大森",
        "自由が丘",
        "二子玉川",
        "下北沢",
        "三軒茶屋",
        "中目黒",
        "荻窪",
        "高円寺",
        "阿佐ヶ谷",
        "西新井",
        "本郷",
        "神保町",
        "横浜",
        "川崎",
        "大宮",
        "千葉",
        "船橋",
        "柏",
        "大阪",
        "梅田",
        "難波",
        "京都",
        "名古屋",
        "栄",
        "札幌",
        "仙台",
        "福岡",
        "博多",
        "神戸",
        "三宮",
        "広島",
    }
)
PLACE_NAMES = (
    PLACE_NAMES
    | frozenset(
        (
            *(m[:-1] for m in lexicon.MUNICIPALITIES if len(m) >= 3),
            *(p[:-1] for p in lexicon.PREFECTURES if len(p) >= 3),
        )
    )
    | frozenset(lexicon.ISLANDS_AND_AREAS)
)
_AREA_TAIL = re.compile(r"^(?:区|市|町|駅|在住|在勤|方面|周辺|近辺|界隈|エリア|店|支店|営業所)")
_ROLE_HEAD = re.compile(
    r"^(?:[^ \t]*(?:長|部|課|室|係|員|者|主|当)|営業|総務|経理|人事|開発|技術|事務|広報|受付|店主|代表|施設長|社員|"
    r"コンサルタント|マネージャー|リーダー)$"
)
_COMPANY_DEPT_TAIL = re.compile(
    rf"[ \t]+(?:[{KANJI}{KATA}A-Za-z]{{0,8}}(?:部|課|室|係|本部|事業部|グループ|チーム)|リーダー|マネージャー|"
    r"担当|代表|社長|部長|課長).*$"
)
_BARE_KANJI_NUMERAL_END = re.compile(r"[の \t]*[一二三四五六七八九十〇]+$")


# A business kind written before a shop's name on a signature line (旅館 〇〇屋): the line is the shop's.
_BUSINESS_KINDS = frozenset(
    {"旅館", "民宿", "ホテル", "喫茶", "食堂", "料亭", "酒場", "居酒屋", "薬局", "医院", "美容室"}
)
_PARTICLE_HEAD = re.compile(rf"(?<=[{KANJI}{KATA}」』)）])[のがはをにでも](?=[{HIRA}])")


def _bad_person(text: str, c: Candidate, value: str) -> bool:
    """A guessed name that is a role, a reading label or a particle plus a word (のおかみ, のみな)."""
    core = re.sub(r"[ \t・]", "", value)
    if core in lexicon.NOT_NAMES or core in lexicon.GENERIC_NOUNS or core in _READING_WORDS or _NO_NAME.search(core):
        return True
    parts = re.split(r"[ \t]+", value)
    if len(parts) == 2 and all(p in lexicon.NOT_NAMES or p in lexicon.GENERIC_NOUNS for p in parts):
        return True
    if len(parts) == 2 and re.search(r"(?:部|課|室|係|局|センター)$", parts[1]):
        return True  # 印刷 総務部: a company's tail and a department
    if len(core) >= 3 and re.search(r"(?:部|課|室|係|局)$", core) and detectors._starts_with_surname(core) is None:
        return True  # 総務部, 管理課
    if value.isascii() and _LATIN_NOT_NAME.search(value):
        return True  # Example Dental, General Affairs
    return bool(re.fullmatch(rf"[{HIRA}]+", core) and _PARTICLE_HEAD.match(text, c.start))


def _bare_numeral_address(value: str) -> bool:
    """目黒区在住の 五: a municipality and a lone kanji numeral, no house-number unit or dash."""
    units = r"\d|丁目|番|号|条|線|地割|[一二三四五六七八九十〇][-ー]"
    bare = _BARE_KANJI_NUMERAL_END.search(value)
    # 熊川九九九: three or more numerals after a locality are a house number written without a unit
    many = bare is not None and len(bare.group().strip("の \t")) >= 3 and not bare.group().startswith(("の", " "))
    return bool(bare) and not many and not re.search(units, value)


def refine(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Trim or drop other detectors' guesses that prose shows to be wrong (a role word before a name,
    a department after a company, a surname-list hit on a place name, 在住の 五 read as a house number)."""
    out: list[Candidate] = []
    for c in candidates:
        value = text[c.start : c.end]
        if c.type is SpanType.PERSON:
            parts = re.split(r"[ \t]+", value, maxsplit=1)
            if len(parts) == 2 and _ROLE_HEAD.match(parts[0]) and detectors._starts_with_surname(parts[0]) is None:
                c = Candidate(c.end - len(parts[1]), c.end, c.type, c.priority)
                value = parts[1]
            if _bad_person(text, c, value):
                continue
            if len(parts) == 2 and parts[0] in _BUSINESS_KINDS:
                out.append(Candidate(c.start, c.end, SpanType.COMPANY, c.priority))
                continue
            if c.priority >= 7 and (value in PLACE_NAMES or value in lexicon.MUST_KEEP):
                continue
            if c.priority >= 5 and value in PLACE_NAMES and text[c.end : c.end + 1] == "の":
                continue
            if c.priority >= 6 and value in PLACE_NAMES and _AREA_TAIL.match(text[c.end : c.end + 2]):
                continue
            if c.priority >= 7 and _AREA_TAIL.match(text[c.end : c.end + 2]):
                continue
        elif c.type is SpanType.COMPANY:
            m = _COMPANY_DEPT_TAIL.search(value)
            if m and m.start() > 0:
                c = Candidate(c.start, c.start + m.start(), c.type, c.priority)
        elif c.type is SpanType.ADDRESS and _bare_numeral_address(value):
            continue
        out.append(c)
    return out
