"""Rule detectors. Each reads normalised text and returns candidate spans in normalised offsets."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass

from madoguchi.privacy.masking import lexicon
from madoguchi.privacy.masking.normalize import fold
from madoguchi.privacy.masking.types import SpanType

KANJI = "\u3400-\u4dbf\u4e00-\u9fff々〆ヶ"
KATA = "\u30a1-\u30fa\u30fc\u30fd\u30fe"
HIRA = "\u3041-\u3096"


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: SpanType
    # Lower wins when two candidates of the same length overlap.
    priority: int = 5


def _alt(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ---------------------------------------------------------------- e-mail, URL, domain, IP

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+\s?(?:@|\[at\]|\(at\)|\[@\])\s?"
    r"[A-Za-z0-9\-]+(?:(?:\.|\[\.\]|\(dot\))[A-Za-z0-9\-]+)+",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?|hxxps?|ftp)(?::|\[:\])//[^\s<>\"'「」『』()、。，,]+", re.IGNORECASE)
_TLDS = (
    "jp|com|net|org|info|biz|io|co|shop|xyz|tokyo|site|online|app|dev|me|tv|cc|us|uk|cn|kr|tw|ru|top|club|"
    "link|store|tech|ai|cloud|work|page|blog|pro|asia|de|fr|in|vn|ph|th|id|br|su|ws|live|icu|buzz|support|"
    "help|email|mobi|name|xin|fun|space|website|life|world|today|news|jp-net|ne"
)
_DOMAIN = re.compile(
    r"(?<![A-Za-z0-9@.\-/])(?:www\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.|\[\.\]))+"
    rf"(?:{_TLDS})(?![A-Za-z0-9\-])(?:/[^\s<>\"'「」『』()、。]*)?",
    re.IGNORECASE,
)
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}(?:\.|\[\.\])){3}\d{1,3}(?:/\d{1,2})?(?::\d{1,5})?(?![\d]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:/\d{1,3})?(?![\w:])")


def _host(url_or_domain: str) -> str:
    s = re.sub(r"^[a-z]+(?::|\[:\])//", "", url_or_domain.lower())
    s = s.replace("[.]", ".").split("/")[0].split(":")[0]
    return s.strip(".")


def is_public_domain(host: str) -> bool:
    host = host.lower().removeprefix("www.")
    return any(host == d or host.endswith("." + d) for d in lexicon.PUBLIC_DOMAINS)


def emails(text: str) -> Iterator[Candidate]:
    for m in _EMAIL.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.EMAIL, 1)


def urls(text: str) -> Iterator[Candidate]:
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?":
            end -= 1
        if not is_public_domain(_host(text[m.start() : end])):
            yield Candidate(m.start(), end, SpanType.URL, 2)
    for m in _DOMAIN.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?":
            end -= 1
        if not is_public_domain(_host(text[m.start() : end])):
            yield Candidate(m.start(), end, SpanType.URL, 3)


def ips(text: str) -> Iterator[Candidate]:
    for m in _IPV4.finditer(text):
        core = m.group().replace("[.]", ".").split("/")[0].split(":")[0]
        if all(0 <= int(p) <= 255 for p in core.split(".")):
            yield Candidate(m.start(), m.end(), SpanType.IP, 1)
    for m in _IPV6.finditer(text):
        core = m.group().split("/")[0]
        if core.count(":") < 2:
            continue
        try:
            ipaddress.IPv6Address(core)
        except ValueError:
            continue
        yield Candidate(m.start(), m.end(), SpanType.IP, 1)


# ---------------------------------------------------------------- numbers

_SEP = r"(?:[ \t]?[-.ー~〜][ \t]?|[ \t])"
_PHONE = re.compile(
    r"(?<![\d\-+])(?:\+81[ \t-]?(?:\(0\)[ \t-]?)?|\(0|0)\d{1,4}(?:\)[ \t]?|" + _SEP + r"|\()?"
    r"\d{1,4}(?:\)[ \t]?|" + _SEP + r")?\d{3,4}(?![\d])"
)


def phones(text: str) -> Iterator[Candidate]:
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if m.group().startswith("+81"):
            digits = "0" + digits[2:].removeprefix("0")
        separated = bool(re.search(r"[^\d+]", m.group()))
        if digits.startswith("0") and (10 <= len(digits) <= 11 or (len(digits) == 12 and separated)):
            yield Candidate(m.start(), m.end(), SpanType.PHONE, 2)


_POSTAL = re.compile(
    r"〒[ \t]?\d{3}[ \t]?[-ー]?[ \t]?\d{4}(?!\d)|(?:郵便番号|〒)[ \t]*[:：]?[ \t]*\d{3}-?\d{4}(?!\d)"
    r"|(?<![\d\-.])\d{3}-\d{4}(?![\d\-])"
)


def postal_codes(text: str) -> Iterator[Candidate]:
    for m in _POSTAL.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.POSTAL_CODE, 3)


_ACCOUNT = re.compile(
    r"(?:(?:普通|当座|貯蓄|総合)(?:預金)?(?:口座)?|口座(?:番号)?|口座No\.?|No\.)[ \t]*(?:[:：]|は|が|を)?[ \t]*"
    r"(?:口座番号[ \t]*(?:[:：]|は|が)?[ \t]*)?"
    r"(\d{7,8})(?![\d円])"
)
_YUCHO = re.compile(
    r"記号[ \t]*[:：]?[ \t]*(\d{5})[ \t]*[-ー]?[ \t]*番号[ \t]*[:：]?[ \t]*(\d{6,8})(?!\d)"
    r"|(?<![\d-])1\d{4}-\d{6,8}(?!\d)"
)
_SEVEN = re.compile(r"(?<![\d\-,.])\d{7}(?![\d\-,.円])")
_ACCOUNT_CONTEXT = re.compile(r"口座|銀行|信金|信用金庫|支店|振込|振り込|普通|当座|ゆうちょ|労金|農協|JA")


def accounts(text: str) -> Iterator[Candidate]:
    for m in _ACCOUNT.finditer(text):
        yield Candidate(m.start(1), m.end(1), SpanType.ACCOUNT, 2)
    for m in _YUCHO.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.ACCOUNT, 2)
    for m in _SEVEN.finditer(text):
        if _ACCOUNT_CONTEXT.search(text[max(0, m.start() - 30) : m.start()]):
            yield Candidate(m.start(), m.end(), SpanType.ACCOUNT, 4)


_CARD = re.compile(r"(?<![\d\-])\d{4}(?:[ \t-]?\d{2,6}){2,4}(?![\d\-])")
_CARD_MASKED = re.compile(r"(?<![\d\-])\d{4}(?:[ \t-]?[\dXx*]{4}){2}[ \t-]?\d{3,4}(?![\d\-])")
_CARD_CONTEXT = re.compile(r"カード|card|クレジット|デビット|visa|master|jcb|amex|アメックス|ダイナース", re.IGNORECASE)


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def cards(text: str) -> Iterator[Candidate]:
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if not 13 <= len(digits) <= 19:
            continue
        context = bool(_CARD_CONTEXT.search(text[max(0, m.start() - 30) : m.start()]))
        if _luhn(digits) or context:
            yield Candidate(m.start(), m.end(), SpanType.CARD, 1)
        else:
            yield Candidate(m.start(), m.end(), SpanType.ID, 6)
    for m in _CARD_MASKED.finditer(text):
        if re.search(r"[Xx*]", m.group()):
            yield Candidate(m.start(), m.end(), SpanType.CARD, 1)


_ID_KEYS = (
    "会員番号",
    "会員ID",
    "会員No",
    "顧客番号",
    "顧客ID",
    "顧客コード",
    "お客様番号",
    "お客さま番号",
    "お客様ID",
    "契約番号",
    "契約者番号",
    "契約ID",
    "ログインID",
    "ログイン名",
    "ログインアカウント",
    "ユーザーID",
    "ユーザID",
    "ユーザー名",
    "ユーザ名",
    "アカウント名",
    "アカウントID",
    "アカウント",
    "社員番号",
    "社員ID",
    "職員番号",
    "受付番号",
    "注文番号",
    "オーダー番号",
    "管理番号",
    "証券番号",
    "保険証番号",
    "被保険者番号",
    "免許証番号",
    "マイナンバー",
    "個人番号",
    "法人番号",
    "登録番号",
    "請求番号",
    "請求書番号",
    "伝票番号",
    "問い合わせ番号",
    "問合せ番号",
    "お問い合わせ番号",
    "追跡番号",
    "整理番号",
    "予約番号",
    "申込番号",
    "申込ID",
    "学籍番号",
    "患者番号",
    "患者ID",
    "診察券番号",
    "端末ID",
    "端末番号",
    "シリアル番号",
    "シリアルNo",
    "製造番号",
    "機器ID",
    "ライセンスキー",
    "プロダクトキー",
    "パスワード",
    "PW",
    "PIN",
    "暗証番号",
    "取引番号",
    "口座ID",
    "ID",
    "account",
    "user",
    "login",
    "userid",
    "番号",
    "ナンバー",
    "チケット番号",
    "案件番号",
    "インボイス番号",
    "事業者番号",
    "加入者番号",
)
_ID = re.compile(
    rf"(?<![A-Za-z])(?:{_alt(_ID_KEYS)})\.?[ \t]*(?P<sep>は|:|：|=|#|\s)?[ \t]*(?P<quote>[「『\"'(]?)[ \t]*"
    r"([A-Za-z0-9][A-Za-z0-9_\-.@#/]{2,63})",
    re.IGNORECASE,
)
_ID_MORE = re.compile(r"[ \t]*(?:と|、|,|/|及び|および|や)[ \t]*([A-Za-z0-9][A-Za-z0-9_\-.@]{2,63})")
_MYNUMBER = re.compile(r"(?<![\d\-])\d{4}[ \t-]?\d{4}[ \t-]?\d{4}(?![\d\-])")
_INVOICE = re.compile(r"(?<![A-Za-z0-9])T\d{13}(?!\d)")
_LONG_DIGITS = re.compile(r"(?<![\d\-.,])\d[\d\-]{7,30}\d(?![\d\-.,円])")


def ids(text: str) -> Iterator[Candidate]:
    for m in _ID.finditer(text):
        value = m.group(3).rstrip(".-/")
        sep = (m.group("sep") or "").strip()
        labelled = sep != "" or bool(m.group("quote"))
        key = text[m.start() : m.start(3)].strip(" \t:：=#は「『\"'(.")
        if key.isascii() and sep not in (":", "：", "=", "は") and not re.search(r"\d", value):
            continue
        if not re.search(r"\d", value) and (not labelled or len(value) < 4):
            continue
        yield Candidate(m.start(3), m.start(3) + len(value), SpanType.ID, 6)
        # 「yamada.h と admin-kaku」: more identifiers listed after the first
        pos = m.start(3) + len(value)
        while more := _ID_MORE.match(text, pos):
            if not re.search(r"[\d._\-@]", more.group(1)):
                break
            yield Candidate(more.start(1), more.end(1), SpanType.ID, 6)
            pos = more.end(1)
    for pattern in (_MYNUMBER, _INVOICE):
        for m in pattern.finditer(text):
            yield Candidate(m.start(), m.end(), SpanType.ID, 6)
    for m in _LONG_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 9 and not re.fullmatch(r"(19|20)\d\d-?[01]\d-?[0-3]\d", m.group()):
            yield Candidate(m.start(), m.end(), SpanType.ID, 7)


# ---------------------------------------------------------------- addresses

_NUM = r"(?:\d+|[一二三四五六七八九十〇]+)"
_HOUSE = (
    rf"{_NUM}(?:[ \t]?(?:丁目|番地の|番地|番の|番|号|条|線|地割|[-ーの])[ \t]?(?:[東西南北])?{_NUM}){{0,4}}"
    r"(?:[ \t]?(?:丁目|番地|番|号))?(?![\d月日年時分秒円人件回台名歳%万千])"
)
_BUILDING_WORDS = (
    "ビルディング",
    "ビルヂング",
    "ビル",
    "マンション",
    "ハイツ",
    "荘",
    "タワー",
    "センター",
    "会館",
    "プラザ",
    "コーポ",
    "レジデンス",
    "ハウス",
    "コート",
    "パレス",
    "ヒルズ",
    "メゾン",
    "アパート",
    "寮",
    "棟",
    "号館",
    "スクエア",
    "ガーデン",
    "テラス",
    "フォレスト",
    "オフィス",
    "ハイム",
    "ヴィラ",
    "シティ",
)
_BUILDING = (
    rf"(?:[ \t、,]?[{KANJI}{KATA}{HIRA}A-Za-z0-9・&]{{0,20}}?(?:{_alt(tuple(_BUILDING_WORDS))})"
    rf"(?:[ \t]?(?:第\d+|[A-Z](?![a-z])|[{KATA}]{{1,4}}))?)?"
    r"(?:[ \t]?(?:\d+[ \t]?(?:F|階|号室|号)|[A-Z]?\d{2,4}号?室|#\d{2,4}))?"
    # a building without a building word, when a floor or room follows (都庁第一本庁舎 32階)
    rf"(?:[ \t、,]?[{KANJI}{KATA}A-Za-z0-9・&]{{1,20}}?[ \t]?(?:\d+[ \t]?(?:F|階)|\d{{2,4}}号室))?"
)
_PREF = _alt(lexicon.PREFECTURES)
_MUNI = rf"(?:[{KANJI}{KATA}{HIRA}]{{1,7}}?(?:市|区|郡|町|村))"
_LOCALITY = rf"(?![にはでをがへともや])[{KANJI}{KATA}{HIRA}ヶケ]{{0,10}}?"
_ADDRESS_WITH_PREF = re.compile(rf"(?:{_PREF})(?:{_MUNI}){{1,3}}(?:{_LOCALITY}[ \t]?{_HOUSE}{_BUILDING})?")
_ADDRESS_NO_PREF = re.compile(
    rf"(?:{_alt(lexicon.MUNICIPALITIES)}|(?<![{KANJI}])(?!弊社|当社|御社|貴社|同社|本社|支社)[{KANJI}]{{1,4}}(?:市|区|町|村))"
    rf"(?:[{KANJI}]{{1,4}}(?:区|町))?{_LOCALITY}[ \t]?{_HOUSE}{_BUILDING}"
)
_ADDRESS_KANJI_HOUSE = re.compile(
    rf"(?<![{KANJI}])[{KANJI}]{{1,4}}(?:市|区|町|村)[{KANJI}{KATA}ヶケ]{{0,8}}?[一二三四五六七八九十〇]{{1,6}}"
    rf"(?:番地|番|号)(?:[の-]?[一二三四五六七八九十〇\d]{{1,4}}(?:号|番)?)?"
)
_ADDRESS_CHOME = re.compile(
    rf"[{KANJI}{KATA}ヶケ]{{1,6}}{_NUM}丁目(?:[ \t]?{_NUM}(?:番地?|-)(?:[ \t]?{_NUM}号?)?)?{_BUILDING}"
)
_ADDRESS_LATIN = re.compile(
    r"(?:\d+-){1,3}\d+[ \t,]+[A-Z][A-Za-z\-]+(?:,[ \t]*[A-Z][A-Za-z\-]+-(?:ku|shi|machi|cho|gun|mura))+"
    r"(?:,[ \t]*(?:Tokyo|Osaka|Kyoto|Hokkaido|[A-Z][a-z]+-(?:ken|to|fu)))?"
)
_ADDRESS_LABEL = re.compile(r"(?:ご住所|お住まい|住所|所在地|本社所在地|送付先|届け先)[ \t]*[:：][ \t]*([^\n]{4,80})")
_LABEL_STOP = re.compile(r"[ \t]*(?:TEL|Tel|tel|FAX|Fax|電話|☎|携帯|メール|E-?mail|$)|。")


def addresses(text: str) -> Iterator[Candidate]:
    for pattern in (_ADDRESS_WITH_PREF, _ADDRESS_NO_PREF, _ADDRESS_KANJI_HOUSE, _ADDRESS_CHOME, _ADDRESS_LATIN):
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            while end > start and (
                text[end - 1] in " \t、,-の" or (text[end - 1] == "ー" and text[end - 2 : end - 1].isdigit())
            ):
                end -= 1
            # A prefecture alone (東京都) is a public body, not an address.
            if text[start:end] in lexicon.PREFECTURES:
                continue
            if not re.search(r"\d|[一二三四五六七八九十]|[市区郡町村]$|[市区郡町村]", text[start:end]):
                continue
            yield Candidate(start, end, SpanType.ADDRESS, 4)
    for m in _ADDRESS_LABEL.finditer(text):
        value_start = m.start(1)
        stop = _LABEL_STOP.search(m.group(1))
        end = value_start + (stop.start() if stop else len(m.group(1)))
        while end > value_start and text[end - 1] in " \t、,":
            end -= 1
        if end - value_start >= 4 and re.search(r"\d|[都道府県市区町村]", text[value_start:end]):
            yield Candidate(value_start, end, SpanType.ADDRESS, 4)


# ---------------------------------------------------------------- companies

_NAME_CHARS = rf"{KANJI}{KATA}A-Za-z0-9&・'．.\-"
_FORMS = _alt(tuple(fold(f) for f in lexicon.COMPANY_FORMS))
_FORM_RE = re.compile(rf"(?<![{KATA}])(?:カ|ユ|ド)\)|" + _FORMS)
_SUFFIX_RE = re.compile(rf"(?:{_alt(lexicon.COMPANY_SUFFIXES)})(?![{KATA}])")
_LATIN_COMPANY = re.compile(
    r"(?<![A-Za-z])[A-Z][A-Za-z0-9&.\-]*(?:[ \t][A-Z][A-Za-z0-9&.\-]*){0,4},?[ \t]"
    r"(?:Co\.,?[ \t]?Ltd\.?|Inc\.?|Corporation|Corp\.?|LLC|Ltd\.?|K\.K\.|G\.K\.|Co\.)"
)
_SHA = re.compile(rf"(?<![{KATA}A-Za-z])([{KATA}]{{2,15}}|[A-Z][A-Za-z0-9]{{1,20}})社(?![会員長内外名屋宅])")
_QUOTED_BUSINESS = re.compile(
    r"(?:事業所|施設|店舗|店|ショップ|ネットショップ|会社|法人|屋号|クリニック|医院|教室|サロン|薬局|工房|事務所|団体)"
    r"(?:名)?[ \t]*[「『]([^」』\n]{2,30})[」』]"
)
_BUSINESS_THEN_NAME = re.compile(
    r"(?:会社|業者|ベンダー|メーカー|事業者|代理店|販売店|取引先|外注先|委託先|発注先|仕入先|保守会社)[ \t]?"
    rf"([{KATA}]{{3,15}}|[A-Z][A-Za-z0-9&\-]{{2,20}})(?=[（(、の にがとは])"
)


_COMPANY_LABEL = re.compile(
    rf"(?<![{KANJI}])(?:会社名|法人名|屋号|店名|店舗名|事業者名|事業所名|勤務先|所属|団体名|貴社名|御社名|施設名|Company|会社|法人)"
    r"[ \t]*[:：][ \t]*([^\n:：]{2,40}?)[ \t]*(?=$|\n|[（(/)）」、。]|[ \t]+[^ \t\n]*[:：])",
    re.MULTILINE,
)


def _overlaps_keep_word(name: str) -> bool:
    return any(w.lower() in name.lower() for w in lexicon.must_keep_folded() if len(w) >= 3)


_DEPARTMENT_TAIL = re.compile(
    r"(?:本社|支社|支店|営業所|事業部|本部|工場|営業部|総務部|経理部|管理部|システム部|情報システム部|技術部|"
    r"開発部|人事部|部|課|室|様|御中|殿|さん|" + _alt(lexicon.TITLES) + r").*$"
)


def _cut_head(name: str) -> str:
    """Drop a leading generic word (取引先山田商事 → 山田商事)."""
    best = 0
    for word in lexicon.CUT_AFTER:
        i = name.rfind(word)
        if i >= 0 and i + len(word) > best and i + len(word) < len(name):
            best = i + len(word)
    return name[best:]


def _strip_tail(name: str) -> str:
    """Drop department, title or honorific words after a company name."""
    for i in range(1, len(name)):
        if _DEPARTMENT_TAIL.match(name[i:]):
            return name[:i]
    return name


_PARTICLES = frozenset(
    {
        "の",
        "は",
        "が",
        "に",
        "を",
        "で",
        "と",
        "へ",
        "も",
        "や",
        "から",
        "より",
        "まで",
        "など",
        "って",
        "とか",
        "では",
        "には",
        "への",
        "との",
        "での",
        "からの",
        "さん",
        "さま",
        "様",
        "くん",
        "ちゃん",
        "です",
        "でした",
        "ます",
    }
)
_RUN = re.compile(rf"[{HIRA}]+|[{_NAME_CHARS}]+|[ \t](?=[A-Za-z0-9])")


def _name_after(text: str, pos: int) -> str:
    """A name starting at `pos`: script runs, hiragana allowed inside (みどり精機) but not particles."""
    if pos < len(text) and text[pos] in " \t":
        pos += 1
    out = ""
    for m in _RUN.finditer(text, pos):
        if m.start() != pos + len(out):
            break
        piece = m.group()
        okurigana = (
            len(piece) == 1
            and bool(out)
            and piece not in "のはがにをでとへもや"
            and re.match(rf"[{KANJI}]", out[-1]) is not None
            and re.match(rf"[{_NAME_CHARS}]", text[m.end() : m.end() + 1]) is not None
        )
        if (
            re.fullmatch(rf"[{HIRA}]+", piece)
            and not okurigana
            and (piece in _PARTICLES or len(piece) < 2 or piece[0] in "のはがにをでとへも")
        ):
            break
        if piece.isspace() and not (out and out[-1].isascii()):
            break
        out += piece
    return out.rstrip()


def _name_before(text: str, end: int, chars: str = _NAME_CHARS) -> int:
    """Start of the name ending at `end`; a leading hiragana run counts only after a boundary (「まつい会計」)."""
    j = end
    while j > 0 and (
        re.match(rf"[{chars}]", text[j - 1])
        or (text[j - 1] == " " and j > 1 and text[j - 2].isascii() and text[j - 2].isalpha())
        # okurigana inside a name (仮置きデザイン): one hiragana between a kanji and a name character
        or (
            j > 1
            and j < end
            and re.match(rf"[{HIRA}]", text[j - 1])
            and text[j - 1] not in "のはがにをでとへもや"
            and re.match(rf"[{KANJI}]", text[j - 2])
        )
    ):
        j -= 1
    k = j
    while k > 0 and re.match(rf"[{HIRA}]", text[k - 1]):
        k -= 1
    if (
        k < j
        and j - k >= 2
        and text[k:j] not in _PARTICLES
        and (k == 0 or not re.match(rf"[{KANJI}{KATA}A-Za-z0-9]", text[k - 1]))
    ):
        return k
    return j


def _all_generic(head: str) -> bool:
    rest = head
    changed = True
    while rest and changed:
        changed = False
        for word in sorted(lexicon.GENERIC_COMPANY_HEADS, key=len, reverse=True):
            if rest.startswith(word):
                rest = rest[len(word) :]
                changed = True
                break
    return not rest


def companies(text: str) -> Iterator[Candidate]:
    for m in _FORM_RE.finditer(text):
        # form after the name: サンプル商事株式会社 (the name touches the form)
        i = m.start()
        j = _name_before(text, i)
        region = text[j:i].rstrip()
        head = _cut_head(region.strip())
        if len(head) >= 2 and (i == 0 or text[i - 1] not in " \t"):
            yield Candidate(j + len(region) - len(head), m.end(), SpanType.COMPANY, 3)
            continue
        # form before the name: 株式会社サンプル商事, (株)サンプル, カ)サンプル
        name = _strip_tail(_name_after(text, m.end()))
        if len(name) >= 2:
            start = text.index(name, m.end())
            yield Candidate(m.start(), start + len(name), SpanType.COMPANY, 3)
        elif len(head) >= 2:
            yield Candidate(j + len(region) - len(head), m.end(), SpanType.COMPANY, 3)
        elif m.group() in ("カ)", "ユ)", "ド)"):
            # bank-kana holder written name first: ヒナガタ ウンユ カ)
            k = i
            while k > 0 and (re.match(rf"[{KATA}]", text[k - 1]) or text[k - 1] in " \t"):
                k -= 1
            while k < i and text[k] in " \t":
                k += 1
            if i - k >= 2:
                yield Candidate(k, m.end(), SpanType.COMPANY, 3)
    for m in _SUFFIX_RE.finditer(text):
        i = m.start()
        j = _name_before(text, i, rf"{KANJI}{KATA}A-Za-z0-9&・")
        head = _cut_head(text[j:i])
        if len(head) < 2 or _all_generic(head) or any(head.endswith(g) for g in ("の", "系")):
            continue
        if re.fullmatch(rf"[{HIRA}]+", head) and head[-1] in "はがをにでともへ":
            continue  # うちは民宿: a particle ends the kana before the business word
        if re.fullmatch(rf"[{KANJI}]+", head) and head in lexicon.NOT_NAMES:
            continue
        yield Candidate(i - len(head), m.end(), SpanType.COMPANY, 5)
    for m in _LATIN_COMPANY.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.COMPANY, 3)
    for m in _COMPANY_LABEL.finditer(text):
        value = m.group(1).strip()
        if re.search(r"[、。!?！？]|です|ます", value):
            continue
        if value and value not in lexicon.NOT_NAMES and value.strip("（）()") not in lexicon.NOT_NAMES:
            yield Candidate(m.start(1), m.start(1) + len(value), SpanType.COMPANY, 4)
    for m in _QUOTED_BUSINESS.finditer(text):
        if re.search(r"[、。!?！？]|です|ます|から", m.group(1)):
            continue
        yield Candidate(m.start(1), m.end(1), SpanType.COMPANY, 4)
    for m in _BUSINESS_THEN_NAME.finditer(text):
        if m.group(1) not in lexicon.NOT_NAMES and not _overlaps_keep_word(m.group(1)):
            yield Candidate(m.start(1), m.end(1), SpanType.COMPANY, 6)
    for m in _SHA.finditer(text):
        if m.group(1) not in lexicon.NOT_NAMES:
            yield Candidate(m.start(), m.end(), SpanType.COMPANY, 5)


def _looks_like_company(name: str) -> bool:
    return bool(
        _FORM_RE.search(name)
        or (_SUFFIX_RE.search(name + "\0") and any(name.endswith(s) for s in lexicon.COMPANY_SUFFIXES))
    )


# ---------------------------------------------------------------- people

NAME_KANJI = KANJI + "ノ"
_HON = r"(?:様(?![子々式相態])|さま|さん|氏(?!名)|殿(?!堂)|くん|君|ちゃん|先生)"
_HONORIFIC_NAME = re.compile(
    rf"([{NAME_KANJI}]{{1,8}}(?:[ \t][{NAME_KANJI}]{{1,4}})?|[{KATA}]{{2,12}}(?:[ \t・][{KATA}]{{2,12}})?"
    rf"|[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ \t][A-Z][a-z]+(?:-[A-Z][a-z]+)?){{0,2}}|[A-Z]{{2,}}(?:[ \t][A-Z][a-z]+)?)"
    rf"[ \t]?{_HON}"
)
# Hiragana names before an honorific (たかなしさん), but not hiragana words that take one.
_HIRA_HONORIFIC = re.compile(
    rf"(?<![{HIRA}])((?![っゃゅょんぁぃぅぇぉ])[{HIRA}]{{3,6}}(?:[ \t][{HIRA}]{{2,5}})?)[ \t]?"
    r"(?:さん|様(?![子々式相態])|さま|くん|ちゃん)"
)
_HIRA_NOT_NAMES = frozenset(
    {
        "みな",
        "みなみな",
        "おばあ",
        "おじい",
        "おかあ",
        "おとう",
        "おにい",
        "おねえ",
        "おく",
        "だんな",
        "おきゃく",
        "おいしゃ",
        "おまわり",
        "おつかれ",
        "おじょう",
        "ぼっちゃ",
        "おや",
        "おこ",
        "おばちゃ",
        "おじちゃ",
        "おばあちゃ",
        "おじさ",
        "おばさ",
        "おじ",
        "おば",
        "あかちゃ",
        "おこさ",
        "おくさ",
        "どちら",
        "こちら",
        "そちら",
        "あちら",
        "どなた",
        "みんな",
        "ごくろう",
        "おせわ",
        "おかげ",
        "ありがと",
        "おめでと",
        "おだいじに",
        "いかが",
    }
)
_KATA_HONORIFIC = re.compile(
    rf"(?<![{KATA}])([{KATA}]{{2,10}}?(?:[ \t・][{KATA}]{{2,10}}?)?)[ \t]?(?:サマ|サン|ドノ)(?![{KATA}])"
)
# A kanji name followed by its reading: 轟（とどろき）, 東雲 恭介（しののめ きょうすけ）.
_READING = re.compile(
    rf"([{NAME_KANJI}]{{1,4}}(?:[ \t][{NAME_KANJI}]{{1,4}})?)[ \t]?"
    rf"[(（]([{HIRA}{KATA}]{{2,8}}(?:[ \t][{HIRA}{KATA}]{{1,8}})?)[)）]"
)
_TITLE_AFTER = re.compile(
    rf"([{NAME_KANJI}]{{2,5}})(?:代表取締役|取締役|社長|副社長|部長|次長|課長|係長|主任|専務|常務|店長|院長|所長|会長|室長|支店長|工場長)"
)
_GENERIC_BEFORE_TITLE = re.compile(
    r"営業|総務|経理|人事|開発|技術|製造|品質|管理|業務|企画|広報|財務|情報|店舗|支店|工場|本部|事業|代表|"
    r"システム|営業所|本社|担当|専務|常務|取締|執行|(?:元|前|新|副|現|旧|同|各|当|部|課|室|係|所|社|局|長|次|会|本)$"
)
_LABEL_BEFORE = re.compile(
    r"(?P<label>代表取締役(?:社長)?|取締役|社長|部長|課長|係長|主任|担当者名|担当者|ご担当|担当|氏名|お名前|名前|差出人|送信者|"
    r"ご相談者|相談者|申込者|代表者|記入者|報告者|作成者|連絡者|口座名義|名義|責任者|管理者|依頼者|ご依頼者|契約者|利用者名|"
    r"来所者|来所|相手|フリガナ|ふりがな|カナ|漢字|受付者|受付|対応者|対応|応対者|応対|記録者|記録|記入)"
    r"(?:[(（][^)）\n]{1,6}[)）])?"
    rf"[ \t]*(?P<colon>[:：]?)[ \t]*(?P<name>[{NAME_KANJI}]{{1,4}}(?:[ \t]?[{NAME_KANJI}]{{1,4}})?(?![{NAME_KANJI}])"
    rf"|[{KATA}]{{2,10}}(?:[ \t・][{KATA}]{{2,10}})?|[{HIRA}]{{2,6}}[ \t][{HIRA}]{{2,6}}|[{HIRA}]{{2,6}}(?=[（(\n]|$)"
    r"|[A-Z][a-z]+[ \t][A-Z][a-zA-Z]+)"
)
_PERSON_LABELS = frozenset(
    {
        "担当者名",
        "担当者",
        "ご担当",
        "氏名",
        "お名前",
        "名前",
        "差出人",
        "送信者",
        "ご相談者",
        "相談者",
        "申込者",
        "代表者",
        "記入者",
        "報告者",
        "作成者",
        "連絡者",
        "口座名義",
        "名義",
        "責任者",
        "依頼者",
        "ご依頼者",
        "契約者",
        "利用者名",
        "来所者",
        "フリガナ",
        "ふりがな",
        "カナ",
        "漢字",
        "受付者",
        "受付",
        "対応者",
        "対応",
        "応対者",
        "応対",
        "記録者",
        "記録",
        "記入",
    }
)
_STAFF_LABELS = frozenset({"受付者", "受付", "対応者", "対応", "応対者", "応対", "記録者", "記録", "記入"})
_RELATION_BEFORE = re.compile(
    r"(?P<rel>元社員|元従業員|退職者|前任者|後任者|前任|後任|同僚|上司|部下|息子|娘|妻|夫|友人|知人|社員|従業員|パート|"
    r"アルバイト|派遣社員|事務員|店長|社長|担当|営業|窓口|経理|総務|事務|システム担当|IT担当|情シス|取引先|元請)"
    rf"(?:の|は|である|で)[ \t]?(?P<name>[{NAME_KANJI}]{{2,4}}|[{KATA}]{{2,8}})"
    r"(?P<after>[がはにをとのへもや、。]|から|さん|様|氏)?"
)
_STRONG_RELATIONS = frozenset(
    {
        "元社員",
        "元従業員",
        "退職者",
        "前任者",
        "後任者",
        "前任",
        "後任",
        "同僚",
        "上司",
        "部下",
        "息子",
        "娘",
        "妻",
        "夫",
        "友人",
        "知人",
        "社員",
        "従業員",
        "パート",
        "アルバイト",
        "派遣社員",
        "事務員",
        "経理",
        "総務",
        "事務",
        "担当",
    }
)
_SELF_INTRO = re.compile(
    rf"([{NAME_KANJI}]{{1,4}}(?:[ \t][{NAME_KANJI}]{{1,3}})?|[{KATA}]{{2,8}}(?:[ \t][{KATA}]{{2,8}})?)"
    r"(?:と申します|と申す|といいます|と言います)"
)
_NO_DESU = re.compile(rf"(?:の|、)[ \t]?([{NAME_KANJI}]{{2,4}})(?:です|でございます|と申します)(?=[。、!！\s]|$)")
_CONTACT_AFTER = re.compile(
    rf"(?<![{KANJI}])([{KANJI}]{{2,4}})(?:から|より|が|に|へ|と)(?:の)?(?:連絡|電話|メール|聞|確認|相談|依頼|報告|指示|送|問い合わせ|話)"
)
# Signature shapes: a line that is only a name (鴨志田 / 百瀬 修), or a full name with a space at a line end.
_NAME_LINE = re.compile(
    rf"^[ \t]*([{NAME_KANJI}]{{2,4}}(?:[ \t][{NAME_KANJI}]{{1,3}})?|[{KATA}]{{2,8}}[ \t][{KATA}]{{2,8}})[ \t]*$",
    re.MULTILINE,
)
_FULL_NAME_END = re.compile(
    rf"(?<![{NAME_KANJI}])([{NAME_KANJI}]{{1,3}}[ \t][{NAME_KANJI}]{{1,3}})[ \t]*(?=$|\n|[（(<＜/])", re.MULTILINE
)
_ENGLISH_INTRO = re.compile(
    r"(?i:I am|I'm|my name is|this is)[ \t]*([A-Z][a-z]+(?:[ \t][A-Z]\.)?(?:[ \t][A-Z][A-Za-z]+)?)(?![A-Za-z])"
    r"|(?i:from:|name:|contact:|regards,?\n|sincerely,?\n|thanks,?\n|best,?\n)[ \t]*"
    r"([A-Z][a-z]+(?:[ \t][A-Z]\.)?(?:[ \t][A-Z][A-Za-z]+)?)(?=[ \t]*(?:$|\n|,|<|\())"
)
_FROM_HEADER = re.compile(r"^(?:From|差出人|送信者)[ \t]*[:：][ \t]*([^<\n@]{2,30}?)[ \t]*<", re.MULTILINE)
_ROMAN_SURNAME_CONTEXT = re.compile(
    r"(?<![A-Za-z])([A-Z][a-z]{2,14})[ \t]?(?=です|でした|さん|様|氏|と申します|san\b|-san\b)"
)
_KANJI_RUN = re.compile(rf"[{KANJI}]+(?:ノ[{KANJI}]+)?")
_KATA_RUN = re.compile(rf"(?<![{KATA}])[{KATA}]{{2,10}}(?:[ \t・][{KATA}]{{2,10}})?(?![{KATA}])")
_ROMAN_PAIR = re.compile(r"(?<![A-Za-z])([A-Z][a-z]{1,14}|[A-Z]{2,15})[ \t]([A-Z][a-z]{1,14}|[A-Z]{2,15})(?![A-Za-z])")
_PLACE_AFTER = re.compile(
    r"[県市区町村郡駅線道島港橋通沿寺神宮山川湾]|銀行|信金|支店|支社|本店|営業所|大学|高校|病院|公園|会館"
)
_ROLE_END = re.compile(r"(?:員|者|長|部|課|室|係|当|主|師|士|様|社|店|所|局|センター|御中|各位|殿)$")
# Kanji words that end like this are rarely names; weak contexts (a name alone on a line, の〇〇です) skip them.
_NOUNISH_END = re.compile(r"[況容件題態策的性化類報告認絡談応務式品約録定況況料金額書票状]$")


def _signature_area_start(text: str) -> int:
    """Offset where the last five non-empty lines begin (signatures, sign-offs)."""
    starts = [m.start() for m in re.finditer(r"^[ \t]*\S", text, re.MULTILINE)]
    if len(starts) < 4:
        return len(text) + 1  # a short text or a single value has no signature
    return starts[max(2, len(starts) - 5)]


def _clean_person(name: str) -> str:
    name = _cut_head(name).strip()
    if " " in name:
        before, after = name.split(" ", 1)
        if (
            before in lexicon.NOT_NAMES
            or before in lexicon.TITLES
            or before in lexicon.CUT_AFTER
            or _ROLE_END.search(before)
            or before in lexicon.GENERIC_NOUNS
        ):
            name = after
    for title in sorted(lexicon.TITLES, key=len, reverse=True):
        if name.endswith(title) and len(name) > len(title):
            name = name[: -len(title)]
            break
    return name


def _valid_person(name: str, *, strong: bool) -> bool:
    core = name.replace(" ", "").replace("\t", "").replace("・", "")
    if not core or core in lexicon.NOT_NAMES or core in lexicon.GENERIC_NOUNS:
        return False
    if any(core == w or w in core for w in lexicon.must_keep_folded() if len(w) >= 2 and not w.isascii()):
        return False
    kanji, _kana = lexicon.surnames()
    if re.fullmatch(rf"[{KANJI}]", core):
        return core in kanji
    if re.fullmatch(rf"[{KANJI}]+", core) and len(core) > 6:
        return False
    if not strong:
        if re.fullmatch(rf"[{KATA}]+", core):
            _, kana = lexicon.surnames()
            return any(core.startswith(k) for k in kana)
        return _starts_with_surname(core) is not None
    return True


def _starts_with_surname(run: str) -> str | None:
    kanji, _ = lexicon.surnames()
    for n in (4, 3, 2):
        if len(run) >= n and run[:n] in kanji:
            return run[:n]
    return None


_TRAILING_TITLES = tuple(sorted((*lexicon.HONORIFICS, *lexicon.TITLES), key=len, reverse=True))


def people(text: str) -> Iterator[Candidate]:
    """Every name signal; a trailing honorific or title stays visible (〈氏名〉様, 〈氏名〉部長)."""
    for c in _people(text):
        end = c.end
        for suffix in _TRAILING_TITLES:
            if end - len(suffix) > c.start and text.startswith(suffix, end - len(suffix)):
                end -= len(suffix)
                break
        yield Candidate(c.start, end, c.type, c.priority) if end != c.end else c


def _people(text: str) -> Iterator[Candidate]:
    for m in _HONORIFIC_NAME.finditer(text):
        raw = m.group(1)
        name = _clean_person(raw)
        start = m.start(1) + len(raw) - len(name) if raw.endswith(name) else m.start(1)
        name = _strip_tail(name) if _looks_like_company(name) else name
        if _looks_like_company(name):
            yield Candidate(start, start + len(name), SpanType.COMPANY, 4)
        elif _valid_person(name, strong=True):
            yield Candidate(start, start + len(name), SpanType.PERSON, 4)
    for m in _HIRA_HONORIFIC.finditer(text):
        name = m.group(1)
        if name.replace(" ", "") not in _HIRA_NOT_NAMES and not name.startswith(("お", "ご")):
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 5)
    for m in _KATA_HONORIFIC.finditer(text):
        if _valid_person(m.group(1), strong=True):
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 4)
    _kanji_surnames, _ = lexicon.surnames()
    for m in _READING.finditer(text):
        name = _clean_person(m.group(1))
        single = re.fullmatch(rf"[{KANJI}]", name) is not None and name not in lexicon.GENERIC_NOUNS
        reading = m.group(2)
        plausible = bool(re.search(rf"[{HIRA}]", reading)) or " " in reading or _starts_with_surname(name) is not None
        if plausible and (single or _valid_person(name, strong=True)) and not _looks_like_company(name):
            yield Candidate(m.end(1) - len(name), m.end(1), SpanType.PERSON, 4)
            yield Candidate(m.start(2), m.end(2), SpanType.PERSON, 4)
    for m in _TITLE_AFTER.finditer(text):
        name = _cut_head(m.group(1))
        if _starts_with_surname(name) or (
            len(name) in (2, 3) and not _GENERIC_BEFORE_TITLE.search(name) and _valid_person(name, strong=True)
        ):
            yield Candidate(m.end(1) - len(name), m.end(1), SpanType.PERSON, 5)
    for m in _LABEL_BEFORE.finditer(text):
        name = m.group("name")
        after = text[m.end("name") : m.end("name") + 1]
        if m.group("label") in _STAFF_LABELS and not m.group("colon") and m.start("name") == m.end("label"):
            continue  # 対応方法, 受付時間: a staff label needs a colon or a space before the name
        strong = bool(m.group("colon")) or (
            m.group("label") in _PERSON_LABELS and (after == "" or after in "（(、。 \t\n様さ氏")
        )
        if _valid_person(name, strong=strong):
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 5)
    for m in _RELATION_BEFORE.finditer(text):
        name = m.group("name")
        strong = (
            m.group("rel") in _STRONG_RELATIONS
            and bool(m.group("after"))
            and len(name) <= 3
            and not re.fullmatch(rf"[{KATA}]+", name)
            and not _NOUNISH_END.search(name)
        )
        if _valid_person(name, strong=strong):
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 5)
    for m in _SELF_INTRO.finditer(text):
        if _valid_person(_clean_person(m.group(1)), strong=True):
            name = _clean_person(m.group(1))
            yield Candidate(m.end(1) - len(name), m.end(1), SpanType.PERSON, 5)
    for m in _NO_DESU.finditer(text):
        name = m.group(1)
        nounish = _NOUNISH_END.search(name) or (re.search("[業器中細理]$", name) and not _starts_with_surname(name))
        if not nounish and not _ROLE_END.search(name) and _valid_person(name, strong=True):
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 6)
    for m in _CONTACT_AFTER.finditer(text):
        if _valid_person(m.group(1), strong=False):
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 6)
    tail_start = _signature_area_start(text)
    for m in _NAME_LINE.finditer(text):
        name = m.group(1)
        first = name.split(" ")[0]
        # A one-word line is a heading as often as a name: only in the signature area, or a listed surname.
        plausible = " " in name or _starts_with_surname(name) is not None or m.start() >= tail_start
        if (
            plausible
            and not _ROLE_END.search(first)
            and not _NOUNISH_END.search(first)
            and _valid_person(name, strong=True)
            and not _looks_like_company(name)
        ):
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 6)
    for m in _FULL_NAME_END.finditer(text):
        first, second = re.split(r"[ \t]", m.group(1), maxsplit=1)
        if (
            first not in lexicon.GENERIC_NOUNS
            and first not in lexicon.CUT_AFTER
            and not second.endswith(("様", "氏", "殿", "君"))
            and not _ROLE_END.search(first)
            and not re.search(r"[都道府県市区町村]$", first)
            and _valid_person(m.group(1), strong=True)
        ):
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 6)
    for pattern in (_ENGLISH_INTRO, _FROM_HEADER):
        for m in pattern.finditer(text):
            group = 1 if m.group(1) else (2 if pattern.groups > 1 and m.group(2) else 1)
            name = (m.group(group) or "").strip()
            if name and name not in lexicon.NOT_NAMES and not _overlaps_keep_word(name):
                yield Candidate(m.start(group), m.start(group) + len(name), SpanType.PERSON, 5)
    yield from _dictionary_people(text)


_REST_STOPS = (*lexicon.HONORIFICS, *lexicon.TITLES, "宛", "御中", "氏名", "名義", "達", "等", "ら")


def _dictionary_people(text: str) -> Iterator[Candidate]:
    _, kana = lexicon.surnames()
    for m in _KANJI_RUN.finditer(text):
        run = m.group()
        head = _cut_head(run)
        offset = m.start() + len(run) - len(head)
        surname = _starts_with_surname(head)
        if not surname:
            continue
        rest = head[len(surname) :]
        for i in range(len(rest)):
            if rest[i:].startswith(_REST_STOPS):
                rest = rest[:i]
                break
        after = text[m.start() + len(run) : m.start() + len(run) + 2]
        if _PLACE_AFTER.match(rest) or (not rest and _PLACE_AFTER.match(after)):
            continue
        if _SUFFIX_RE.match(rest):
            continue  # 山田工業: a company, found by the company detector
        kanji_surnames, _ = lexicon.surnames()
        if len(rest) == 2 and rest in kanji_surnames and rest not in lexicon.given_names()[0]:
            continue  # 伊豆大島: two surnames in a row are a place more often than a name
        # Given name: at most two more kanji, or a space and one to three kanji.
        end = offset + len(surname) + (len(rest) if len(rest) <= 2 else 0)
        tail = re.match(rf"[ \t]([{KANJI}]{{1,3}}(?![{KANJI}])|[{HIRA}]{{2,4}}(?=[\s、。,)）]|$))", text[end:])
        if tail and not rest and tail.group(1) not in lexicon.NOT_NAMES:
            end += tail.end()
        yield Candidate(offset, end, SpanType.PERSON, 7)
    for m in _KATA_RUN.finditer(text):
        parts = re.split(r"[ \t・]", m.group())
        if parts[0] in kana or (len(parts) > 1 and parts[1] in kana and len(parts[0]) >= 2):
            yield Candidate(m.start(), m.end(), SpanType.PERSON, 7)
    roman = _roman_surnames()
    for m in _ROMAN_SURNAME_CONTEXT.finditer(text):
        if m.group(1).lower() in roman:
            yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 6)
    for m in _ROMAN_PAIR.finditer(text):
        if m.group(1).lower() in roman or m.group(2).lower() in roman:
            yield Candidate(m.start(), m.end(), SpanType.PERSON, 7)


_ROMAJI = {
    "きゃ": "kya",
    "きゅ": "kyu",
    "きょ": "kyo",
    "しゃ": "sha",
    "しゅ": "shu",
    "しょ": "sho",
    "ちゃ": "cha",
    "ちゅ": "chu",
    "ちょ": "cho",
    "にゃ": "nya",
    "にゅ": "nyu",
    "にょ": "nyo",
    "ひゃ": "hya",
    "ひょ": "hyo",
    "みょ": "myo",
    "りゅ": "ryu",
    "りょ": "ryo",
    "ぎょ": "gyo",
    "じゃ": "ja",
    "じゅ": "ju",
    "じょ": "jo",
    "びょ": "byo",
    "あ": "a",
    "い": "i",
    "う": "u",
    "え": "e",
    "お": "o",
    "か": "ka",
    "き": "ki",
    "く": "ku",
    "け": "ke",
    "こ": "ko",
    "さ": "sa",
    "し": "shi",
    "す": "su",
    "せ": "se",
    "そ": "so",
    "た": "ta",
    "ち": "chi",
    "つ": "tsu",
    "て": "te",
    "と": "to",
    "な": "na",
    "に": "ni",
    "ぬ": "nu",
    "ね": "ne",
    "の": "no",
    "は": "ha",
    "ひ": "hi",
    "ふ": "fu",
    "へ": "he",
    "ほ": "ho",
    "ま": "ma",
    "み": "mi",
    "む": "mu",
    "め": "me",
    "も": "mo",
    "や": "ya",
    "ゆ": "yu",
    "よ": "yo",
    "ら": "ra",
    "り": "ri",
    "る": "ru",
    "れ": "re",
    "ろ": "ro",
    "わ": "wa",
    "を": "o",
    "ん": "n",
    "が": "ga",
    "ぎ": "gi",
    "ぐ": "gu",
    "げ": "ge",
    "ご": "go",
    "ざ": "za",
    "じ": "ji",
    "ず": "zu",
    "ぜ": "ze",
    "ぞ": "zo",
    "だ": "da",
    "ぢ": "ji",
    "づ": "zu",
    "で": "de",
    "ど": "do",
    "ば": "ba",
    "び": "bi",
    "ぶ": "bu",
    "べ": "be",
    "ぼ": "bo",
    "ぱ": "pa",
    "ぴ": "pi",
    "ぷ": "pu",
    "ぺ": "pe",
    "ぽ": "po",
}


def romaji(hiragana: str) -> str:
    """Hepburn without long-vowel marks (さとう → satou, as in many e-mail signatures; also sato)."""
    out: list[str] = []
    i = 0
    double = False
    while i < len(hiragana):
        if hiragana[i] == "っ":
            double = True
            i += 1
            continue
        pair = hiragana[i : i + 2]
        piece = _ROMAJI.get(pair) or _ROMAJI.get(hiragana[i], "")
        i += 2 if pair in _ROMAJI else 1
        if double and piece:
            piece = piece[0] + piece
            double = False
        out.append(piece)
    return "".join(out)


_ROMAN_CACHE: dict[str, frozenset[str]] = {}


def _roman_surnames() -> frozenset[str]:
    if "all" not in _ROMAN_CACHE:
        _, kana = lexicon.surnames()
        names: set[str] = set()
        for k in kana:
            hira = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in k)
            r = romaji(hira)
            names.add(r)
            names.add(re.sub(r"ou$", "o", r).replace("ou", "o"))
            names.add(r.replace("uu", "u"))
            names.add(r.replace("oo", "o").replace("ou", "o").replace("uu", "u"))
        _ROMAN_CACHE["all"] = frozenset(n for n in names if len(n) >= 3)
    return _ROMAN_CACHE["all"]
