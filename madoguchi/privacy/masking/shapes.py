"""Name and business shapes that need no cue word: a surname and a listed given name, katakana and Latin
full names with a listed given name or surname, and shop or firm names ending in a business word.

These lean to recall (ADR 0037): a false mask costs the reviewer one click, a missed
name is a leak. Every guess still gives way to the must-keep dictionary in the engine."""

from __future__ import annotations

import re
from collections.abc import Iterator

from madoguchi.privacy.masking import detectors, lexicon
from madoguchi.privacy.masking.detectors import HIRA, KANJI, KATA, Candidate
from madoguchi.privacy.masking.types import SpanType

# ---------------------------------------------------------------- people

# 姓 名 with a space (ideographic spaces are folded to ASCII): 鍛冶屋敷 千鶴, 五百旗頭 和彦
_SPACED_KANJI = re.compile(rf"(?<![{KANJI}])([{KANJI}]{{1,5}})[ \t]([{KANJI}]{{1,3}}[{HIRA}]?)(?![{KANJI}])")
# 姓名 without a space inside a kanji run: 猿渡千鶴
_KANJI_RUN = re.compile(rf"(?<![{KANJI}])[{KANJI}]{{3,7}}(?![{KANJI}])")
_KATA_PAIR = re.compile(rf"(?<![{KATA}])([{KATA}]{{2,8}})[ \t・]([{KATA}]{{2,8}})(?![{KATA}])")
_LATIN_PAIR = re.compile(r"(?<![A-Za-z])([A-Z][a-z]{1,14})[ \t]([A-Z][a-z]{1,14}|[A-Z]{2,15})(?![A-Za-z])")
# Words that end a surname-shaped run and show it is something else (港区 太郎 is not a name).
_NOT_SURNAME_END = re.compile(r"[都道府県市区町村郡駅線部課室係長員者社店局所院署会省庁]$")
_AFTER_NOT_NAME = re.compile(rf"^(?:[{KANJI}]|円|年|月|日|時|分|号|番|丁目|区|市|町|県|駅|線)")


def _surname_like(word: str) -> bool:
    return not (
        word in lexicon.GENERIC_NOUNS
        or word in lexicon.NOT_NAMES
        or word in lexicon.TITLES
        or word in lexicon.CUT_AFTER
        or _NOT_SURNAME_END.search(word)
        or detectors._ROLE_END.search(word)
        or detectors._NOUNISH_END.search(word)
    )


def _roman_given() -> frozenset[str]:
    if "given" not in _ROMAN_CACHE:
        _, kana = lexicon.given_names()
        names: set[str] = set()
        for k in kana:
            r = detectors.romaji("".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in k))
            names.update({r, r.replace("ou", "o").replace("uu", "u")})
        _ROMAN_CACHE["given"] = frozenset(n for n in names if len(n) >= 4)
    return _ROMAN_CACHE["given"]


_ROMAN_CACHE: dict[str, frozenset[str]] = {}


def people(text: str) -> Iterator[Candidate]:
    given, given_kana = lexicon.given_names()
    surnames, surname_kana = lexicon.surnames()
    for m in _SPACED_KANJI.finditer(text):
        sur, first = m.group(1), m.group(2)
        core = re.sub(rf"[{HIRA}]$", "", first)
        if core not in given and not (sur in surnames and len(core) <= 2 and core not in lexicon.GENERIC_NOUNS):
            continue
        if not _surname_like(sur) or core in lexicon.GENERIC_NOUNS:
            continue
        yield Candidate(m.start(1), m.start(2) + len(core), SpanType.PERSON, 6)
    for m in _KANJI_RUN.finditer(text):
        run = m.group()
        after = text[m.end() : m.end() + 2]
        if _AFTER_NOT_NAME.match(after):
            continue
        for cut in range(len(run) - 2, 0, -1):
            sur, first = run[:cut], run[cut:]
            if len(sur) > 4 or len(first) > 3:
                continue
            if first in given and (sur in surnames or (len(sur) >= 2 and _surname_like(sur))):
                if sur in surnames or len(run) <= 5:
                    yield Candidate(m.start(), m.end(), SpanType.PERSON, 7)
                break
    for m in _KATA_PAIR.finditer(text):
        a, b = m.group(1), m.group(2)
        listed_surname = a in surname_kana and (b in given_kana or len(b) <= 4)
        if listed_surname or (b in given_kana and len(a) >= 2 and not a.endswith("ー")):
            yield Candidate(m.start(), m.end(), SpanType.PERSON, 7)
    roman_given = _roman_given()
    roman_sur = detectors._roman_surnames()
    for m in _LATIN_PAIR.finditer(text):
        a, b = m.group(1).lower(), m.group(2).lower()
        listed = a in roman_given or b in roman_given or a in roman_sur or b in roman_sur
        if listed and _ROMAJI_WORD.fullmatch(a) and _ROMAJI_WORD.fullmatch(b) and not _LATIN_WORDS.intersection((a, b)):
            yield Candidate(m.start(), m.end(), SpanType.PERSON, 7)
    for pattern in (_KANA_AFTER_SURNAME, _KANA_BEFORE_HONORIFIC):
        for m in pattern.finditer(text):
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 5)
    for m in _RELATIVE_KANJI.finditer(text):
        name = m.group("name")
        shaped = len(name) >= 2 and _surname_like(name) and name not in lexicon.GENERIC_NOUNS
        if name in given or name in surnames or shaped:
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    for m in _SURNAME_KATA_GIVEN.finditer(text):
        sur = m.group("sur")
        if _surname_like(sur) and (sur in surnames or m.group("cue")):
            yield Candidate(m.start("sur"), m.end("given"), SpanType.PERSON, 5)
    single = lexicon.single_given_names()
    for m in _SURNAME_SINGLE_GIVEN.finditer(text):
        sur, first = m.group("sur"), m.group("given")
        if first in single and _surname_like(sur) and sur not in lexicon.GENERIC_NOUNS:
            yield Candidate(m.start("sur"), m.end("given"), SpanType.PERSON, 6)
    for m in _ROLE_SPACE_NAME.finditer(text):
        name = m.group("name")
        if _surname_like(name) and name not in lexicon.GENERIC_NOUNS:
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 5)
    for m in _LATIN_SIGN_AT.finditer(text):
        yield Candidate(m.start(1), m.end(1), SpanType.PERSON, 5)


# - Ken @ Example Logistics / — Sara, Example Labs: a Latin sign-off before a company
_LATIN_SIGN_AT = re.compile(r"(?:^|[ \t])[-—–][ \t]?([A-Z][a-z]{1,14})[ \t]*(?:@|,|at\b|from\b)[ \t]*[A-Z]", re.M)


# A romanised Japanese word: consonant-vowel syllables (Wataru, Souda, Komorebi), no English clusters.
_ROMAJI_WORD = re.compile(r"(?:(?:[kgsztdnhbpmrwfj]|sh|ch|ts|[kgnhbpmr]y)?[aiueo]|n(?![aiueoy]))+")
_LATIN_WORDS = frozenset({"the", "are", "use", "name", "more", "some", "one", "time", "sale", "dome", "tone"})
# Elderly given names in kana with 子/江/代/枝 (はる子, セツ子): after a surname and a space or before an honorific.
_KANA_NAME = rf"(?:[{HIRA}]{{1,3}}|[{KATA}]{{1,3}})(?:子|江|代|枝|乃|美|恵)"
_KANA_AFTER_SURNAME = re.compile(rf"(?<=[{KANJI}][ \t])(?P<name>{_KANA_NAME})(?![{KANJI}{HIRA}{KATA}])")
_KANA_BEFORE_HONORIFIC = re.compile(
    rf"(?<![{KANJI}{HIRA}{KATA}])(?P<name>{_KANA_NAME})(?=[ \t]?(?:さん|様|さま|ちゃん|氏))"
)
# A relative or colleague named in kanji: 孫の拓海から, 娘の美咲が, 同僚の轟が
_RELATIVE_KANJI = re.compile(
    r"(?:娘|息子|孫|妻|夫|母|父|兄|姉|弟|妹|主人|嫁|婿|甥|姪|友人|友達|知人|同僚|部下|上司|後輩|先輩|社員|従業員|"
    r"バイト|パート|店員|事務員|運転手|ドライバー)の"
    rf"(?P<name>[{KANJI}]{{1,4}})(?=が|は|に|と|も|から|って|より|へ|、|。|を)"
)
# 砂押 キヨ と申します, 羽生田 トメ さん: a surname and a two- or three-letter katakana given name
_SURNAME_KATA_GIVEN = re.compile(
    rf"(?<![{KANJI}])(?P<sur>[{KANJI}]{{1,4}})[ \t](?P<given>[{KATA}]{{2,3}})(?![{KATA}ー])"
    rf"(?P<cue>[ \t]*(?:さん|様|さま|氏|と申|です|でございます|、|。|[(（]|$))?",
    re.MULTILINE,
)
# 鶴巻 彰。/ 閑院 茂 と申します: a surname and a one-kanji given name from the list, at a boundary
_SURNAME_SINGLE_GIVEN = re.compile(
    rf"(?<![{KANJI}])(?P<sur>[{KANJI}]{{2,4}})[ \t](?P<given>[{KANJI}])"
    rf"(?=[ \t]*(?:さん|様|さま|氏|先生|と申|です|でした|が|は|に|の|、|。|[(（/／]|$))",
    re.MULTILINE,
)
# A role, a space and a name before です (運転手 嘉手苅です, ドライバー 比嘉です)
_ROLE_SPACE_NAME = re.compile(
    r"(?:運転手|ドライバー|社員|スタッフ|事務員|看護師|薬剤師|受付|店員|職員|オーナー|マスター|親方|大工|職人|"
    r"バイト|アルバイト|パート|係|担当|講師|教員|教諭|保育士|秘書|作業員|配達員|整備士|営業)"
    rf"[ \t]+(?P<name>[{KANJI}ヶ]{{1,5}}(?:[ \t][{KANJI}]{{1,3}})?|[A-Z][a-z]{{1,14}})[ \t]?"
    r"(?=です|でございます|と申します|より|から|$)",
    re.MULTILINE,
)


# ---------------------------------------------------------------- shops and firms

# A shop's name ends in one of these characters (やまと屋, 松風堂, 鈴音庵, 亀屋組); the head is what tells a
# name from a kind of shop (パン屋, 図書館, 番組), so generic heads and whole words are listed below.
_SHOP_CHAR = re.compile(
    rf"(?<![{KANJI}{KATA}])([{KANJI}{KATA}]{{2,8}}|[{HIRA}]{{2,5}})(屋|堂|庵|亭|組|舎|館|荘|軒)(?![{KANJI}])"
)
_GENERIC_SHOP_HEADS = frozenset(
    {
        *("パン", "ケーキ", "ラーメン", "寿司", "すし", "そば", "蕎麦", "うどん", "焼肉", "焼き鳥", "焼鳥", "定食"),
        *("弁当", "花", "本", "古本", "魚", "肉", "酒", "米", "薬", "電気", "不動産", "八百", "飲み", "居酒", "呑み"),
        *("部", "問"),
        *("床", "質", "図書", "会", "公民", "映画", "美術", "博物", "体育", "武道", "公会", "記念", "大使", "領事"),
        *("水族", "科学", "資料", "文化", "市民", "区民", "県民", "都民", "町民", "村民", "国技", "迎賓", "別", "山"),
        *("庁", "校", "宿", "官", "牛", "鶏", "豚", "番", "仕", "取", "枠", "労", "腕", "骨", "赤", "白", "同", "各"),
        *("駅", "旅", "料", "茶", "お茶", "甘味", "喫茶", "雑貨", "道具", "金物", "鍛冶", "植木", "便利", "なんでも"),
        *("何でも", "ペット", "クリーニング", "布団", "時計", "眼鏡", "メガネ", "靴", "服", "洋服", "呉服", "文房具"),
        *("おもちゃ", "玩具", "菓子", "お菓子", "和菓子", "漬物", "豆腐", "乾物", "中華", "洋食", "和食", "天ぷら"),
        *("とんかつ", "たこ焼き", "お好み焼き", "もんじゃ", "鰻", "うなぎ", "牛丼", "丼", "カレー", "おでん", "居"),
        *("小", "母", "本部", "事務", "寄宿", "学生", "教", "聖", "殿", "講", "本殿", "拝", "礼拝", "政", "公"),
        *("帽子", "鞄", "カバン", "傘", "家具", "畳", "建具", "材木", "履物", "着物", "手芸", "毛糸", "陶器", "瀬戸物"),
        *("上", "下", "中", "大", "新", "旧", "古", "元", "同", "当", "弊", "御", "貴", "この", "その", "あの"),
    }
)


# A kind of shop before its name: 居酒屋とりまさ, 民宿まえだ, 韓国料理 ソウルチプ, 植木屋 栄庵
_KIND_NAME = re.compile(
    rf"(?<![{KATA}])(?:居酒屋|民宿|旅館|食堂|喫茶|喫茶店|カフェ|ラーメン|らーめん|焼肉|寿司|鮨|そば|蕎麦|うどん|[{KANJI}]{{2}}料理|"
    r"定食|バー|スナック|美容室|美容院|理容室|サロン|薬局|整骨院|鍼灸院|商店|弁当|仕出し|花屋|パン屋|本屋|酒屋|"
    r"植木屋|工務店|民泊|ゲストハウス|ペンション|ホテル|そば処|食事処|お食事処|フードバンク|ペットクリニック|"
    r"クリニック|動物病院|こども食堂|子ども食堂|キッチン|ベーカリー|ダイニング|ビストロ|トラットリア|バル)"
    rf"[ \t]?(?P<name>[{HIRA}]{{2,6}}|[{HIRA}]{{1,4}}[{KANJI}]{{1,2}}|[{KATA}]{{2,12}}"
    rf"|[{KANJI}]{{1,4}}[{HIRA}]{{0,2}}[{KANJI}]{{0,3}}"
    r"|[A-Za-z][A-Za-z'&]+(?:[ \t][A-Za-z'&]+){0,2})"
    rf"(?=[ \t]*(?:$|\n|[、。,.()（）「」!！?？]|店長|店主|女将|大将|オーナー|より|です|でした|の[ \t]?[店代支本])"
    rf"|[ \t]+[{KANJI}]{{1,4}}(?:店|支店|本店))",
    re.MULTILINE,
)
_LATIN_FORM_BEFORE = re.compile(
    r"(?:Specified[ \t]Nonprofit[ \t]Corporation|NPO|General[ \t]Incorporated[ \t](?:Association|Foundation)|"
    r"Public[ \t]Interest[ \t]Incorporated[ \t](?:Association|Foundation)|Medical[ \t]Corporation|"
    r"Social[ \t]Welfare[ \t]Corporation|School[ \t]Corporation|Tax[ \t]Accountant[ \t]Corporation|"
    r"Legal[ \t]Professional[ \t]Corporation)"
    r"[ \t]+[A-Z][A-Za-z'&\-]*(?:[ \t]+(?:[A-Z][A-Za-z'&\-]*|of|and|for|the)){0,5}"
)


_LATIN_BUSINESS_WORDS = (
    r"Logistics|Foods?|Network|Clinic|Kitchen|Studio|Design|Works|Labs?|Partners|Trading|Systems|Solutions|"
    r"Consulting|Holdings|Associates|Services|Support|Transport|Express|Industries|Industry|Electric|Motors|Realty|"
    r"Construction|Engineering|Printing|Planning|Farm|Bakery|Cafe|Coffee|Salon|Dental|Pharmacy|Hotel|Inn|Travel|"
    r"Shipping|Marine|Factory|Office|Company|Corporation|Group|Japan|School|Academy|Security|Institute|Agency|Media|"
    r"Creative|Atelier|Shop|Store|Market|Garden|Brewing|Gallery|Bistro|Kitchens?|Boutique|Lab|Tech|Technologies"
)
_LATIN_BUSINESS_NAME = re.compile(
    r"(?<![A-Za-z])(?!(?:Our|The|My|This|Your|A|An|Please|Dear|Hi|Hello|New|Old|Any|No|Free)\b)"
    rf"((?:[A-Z][A-Za-z'&\-]*[ \t]){{1,3}}(?:{_LATIN_BUSINESS_WORDS}|{_LATIN_BUSINESS_WORDS.upper()})"
    r"(?:[ \t](?:Japan|Tokyo|Inc\.?|Co\.?))?)(?![A-Za-z])"
)
_FORM_THEN_KANA = re.compile(rf"(?:{detectors._FORMS})[ \t]?([{KANJI}{KATA}{HIRA}A-Za-z0-9・ー]{{2,24}})")


def _name_after_form(name: str) -> str:
    """The name after a legal form, with kana inside (キッチンはこぶね, あおぞら奨学会, こうづ星空の会)."""
    for i, ch in enumerate(name):
        if i == 0:
            continue
        rest = name[i:]
        if ch == "の":
            if re.match(rf"の[{KANJI}]{{0,3}}(?:会|家|森|里|郷|園|舎|団)(?![{KANJI}])", rest):
                continue
            return name[:i]
        if re.match(r"(?:です|ます|から|まで|より|って|にて|では|には|とは|への|との|での)", rest):
            return name[:i]
        if ch in "がはをにでとへもや" and not re.match(rf"[{HIRA}]", name[i - 1]):
            if re.fullmatch(rf"[{HIRA}]{{3,6}}", rest):
                continue  # キッチンはこぶね: a kana word to the end is the name's own
            return name[:i]
    return name


def shops(text: str) -> Iterator[Candidate]:
    for m in _LATIN_BUSINESS_NAME.finditer(text):
        yield Candidate(m.start(1), m.end(1), SpanType.COMPANY, 5)
    for m in _FORM_THEN_KANA.finditer(text):
        if m.group(1)[0] in "のはがをにでとへもや":
            continue  # 公益財団法人の職員: the form is used as a word
        name = _name_after_form(m.group(1))
        name = re.sub(rf"[{HIRA}]$", "", name) if re.search(rf"[{KANJI}{KATA}][{HIRA}]$", name) else name
        if len(name) >= 2 and re.search(rf"[{KANJI}{KATA}A-Za-z0-9]", name):
            yield Candidate(m.start(), m.start(1) + len(name), SpanType.COMPANY, 3)
    for m in _KIND_NAME.finditer(text):
        name = m.group("name")
        if name in lexicon.NOT_NAMES or name in lexicon.GENERIC_NOUNS or name in detectors._PARTICLES:
            continue
        kana_head = re.match(rf"[{HIRA}]+", name)
        if kana_head and re.search(r"(?:ます|です|した|って|てる|たい|ない|ら|る|た|て)$", kana_head.group()):
            continue  # 民宿やってる者: a verb, not a name
        if re.search(r"です|でし|ます|者$|方$|人$", name):
            continue
        if kana_head and len(kana_head.group()) == 1 and name[0] in "のはがをにでとへもや":
            continue  # 工務店に依頼: a particle, not a name
        # A cuisine (韓国料理) describes the shop; another kind before the name (居酒屋とりまさ) is part of it
        start = m.start("name") if re.match(rf"[{KANJI}]{{2}}料理", m.group()) else m.start()
        yield Candidate(start, m.end("name"), SpanType.COMPANY, 5)
    for m in _LATIN_FORM_BEFORE.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.COMPANY, 3)
    for m in _SHOP_CHAR.finditer(text):
        head = detectors._cut_head(m.group(1))
        generic_end = any(head.endswith(g) for g in _GENERIC_SHOP_HEADS if len(g) >= 2)
        if len(head) < 2 or head in _GENERIC_SHOP_HEADS or generic_end:
            continue
        if head in lexicon.GENERIC_NOUNS or head in lexicon.NOT_NAMES or head in lexicon.GENERIC_COMPANY_HEADS:
            continue
        if re.fullmatch(rf"[{HIRA}]+", head) and (head in detectors._PARTICLES or head[0] in "のはがにをでとへもや"):
            continue
        yield Candidate(m.end(1) - len(head), m.end(), SpanType.COMPANY, 6)


# ---------------------------------------------------------------- numbers written as in English mail, plates

_ACCOUNT_LABEL = re.compile(
    r"(?<![A-Za-z])(?:A/C|a/c|Acct\.?|Account[ \t]?(?:No\.?|Number|#))[ \t]*[:：#]?[ \t]*(\d[\d\- ]{5,20}\d)(?![\d\-])"
)
# 多摩 100 あ 55-55, 品川 300 さ 12-34: a Japanese number plate
_PLATE = re.compile(
    rf"(?<![{KANJI}])[{KANJI}]{{1,4}}[ \t]?\d{{2,3}}[ \t]?[{HIRA}][ \t]?"
    r"(?:\d{1,2}-\d{2}|・{1,3}\d{1,3})(?![\d\-])"
)
# 福生市熊川九九九: a municipality, a locality and a house number in kanji numerals without a unit
_KANJI_NUMBER_ADDRESS = re.compile(
    rf"(?<![{KANJI}])[{KANJI}]{{1,4}}(?:市|区|町|村)[{KANJI}ヶケ]{{1,6}}?[一二三四五六七八九〇]{{3,4}}(?![{KANJI}\d])"
)


def numbers(text: str) -> Iterator[Candidate]:
    for m in _ACCOUNT_LABEL.finditer(text):
        yield Candidate(m.start(), m.end(1), SpanType.ACCOUNT, 2)
    for m in _PLATE.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.ID, 3)
    for m in _KANJI_NUMBER_ADDRESS.finditer(text):
        yield Candidate(m.start(), m.end(), SpanType.ADDRESS, 4)


DETECTORS = (people, shops, numbers)
