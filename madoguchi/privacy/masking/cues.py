"""Names found by what surrounds them rather than by what they are (ADR 0042): chat speakers, given names
and nicknames before ちゃん/くん/さん, Latin and katakana full names next to a greeting, role or signature,
shop names in quotes or after 屋号/店名 and kind words, ids after 番号/ID/会員, building names after an address.

Recall first, like the shapes (ADR 0037): every guessed name still gives way to the must-keep dictionary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from madoguchi.privacy.masking import detectors, lexicon
from madoguchi.privacy.masking.detectors import HIRA, KANJI, KATA, Candidate
from madoguchi.privacy.masking.types import SpanType

_NAME_CHARS = rf"{KANJI}{HIRA}{KATA}"

# ---------------------------------------------------------------- chat speakers

# [14:02] 竹: … / [Teams] 藤ヶ谷 17:32 / あゆむ 9:12 / ケンタ「…」 at the start of a line.
_SPEAKER_COLON = re.compile(
    rf"^[ \t]*(?:\[[^\]\n]{{1,12}}\][ \t]*)+(?P<name>[{_NAME_CHARS}A-Za-z][{_NAME_CHARS}A-Za-z・ー]{{0,7}})[ \t]*[:：]",
    re.MULTILINE,
)
_SPEAKER_TIME = re.compile(
    rf"^[ \t]*(?:\[[^\]\n]{{1,12}}\][ \t]*)?(?P<name>[{_NAME_CHARS}A-Za-z][{_NAME_CHARS}A-Za-z・ー]{{0,7}})"
    r"[ \t]+\(?\d{1,2}:\d{2}\)?[ \t]*$",
    re.MULTILINE,
)
_SPEAKER_BARE = re.compile(
    rf"^[ \t]*(?P<name>[{_NAME_CHARS}A-Za-z][{_NAME_CHARS}A-Za-z・ー]{{0,9}})[ \t]*[:：](?![\d/])", re.MULTILINE
)
# Name: エミール・ルフェーブル / お名前　椿山まゆ / 担当者：鈴木: a form's name field.
_NAME_FIELD = re.compile(
    r"^[ \t]*(?:(?i:name|full name|contact)|お名前|氏名|名前|ご担当者?(?:様|名)?|担当者名?)(?:[ \t]*[:：][ \t]*|[ \t]+)"
    rf"(?P<name>[{_NAME_CHARS}A-Za-z][{_NAME_CHARS}A-Za-z・=＝ \t.'\-]{{0,24}}?)[ \t]*(?:様|さん)?[ \t]*$",
    re.MULTILINE,
)
_SPEAKER_QUOTE = re.compile(rf"^[ \t]*(?P<name>[{_NAME_CHARS}][{_NAME_CHARS}・ー]{{0,7}})[ \t]*「", re.MULTILINE)
# Line labels that are not speakers (内容：, 件名：, 対応 10:00).
_LABELS = frozenset(
    {
        *("内容", "件名", "対応", "日時", "場所", "時間", "時刻", "日付", "相談者", "来訪者", "来所者", "担当", "窓口"),
        *("メモ", "備考", "結果", "概要", "経緯", "要件", "用件", "状況", "質問", "回答", "返信", "宛先", "差出人"),
        *("送信者", "受信", "送信", "着信", "入電", "発信", "追記", "電話", "メール", "本文", "添付", "注意", "参考"),
        *("システム", "通知", "自動", "管理者", "運営", "事務局", "お知らせ", "記録", "録音", "留守電", "留守番電話"),
        *("Q", "A", "Re", "Fw", "Fwd", "To", "Cc", "From", "Subject", "Date", "Note", "TEL", "FAX", "URL", "ID"),
    }
)


def _speaker_ok(name: str) -> bool:
    return name not in _LABELS and name not in lexicon.GENERIC_NOUNS and name not in lexicon.TITLES


def speakers(text: str) -> Iterator[Candidate]:
    for pattern in (_SPEAKER_COLON, _SPEAKER_TIME):
        for m in pattern.finditer(text):
            if _speaker_ok(m.group("name")):
                yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    for m in _NAME_FIELD.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    # A chat log without brackets (くみ：…, まっつん：…): bare speakers count once some speaker speaks twice.
    bare = [m for m in _SPEAKER_BARE.finditer(text) if _speaker_ok(m.group("name"))]
    if len(bare) >= 3 and len({m.group("name") for m in bare}) < len(bare):
        for m in bare:
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    # A script's dialogue: the same name before 「 on two lines or more.
    names = [m for m in _SPEAKER_QUOTE.finditer(text) if _speaker_ok(m.group("name"))]
    counts: dict[str, int] = {}
    for m in names:
        counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    for m in names:
        if counts[m.group("name")] >= 2:
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)


# ---------------------------------------------------------------- given names and nicknames

# まーちゃん, ケンタくん, ゆうたん: any short kana word before a child's or friend's honorific.
_NICKNAME = re.compile(
    rf"(?:(?<=[{KANJI}]の)|(?<![{HIRA}{KATA}{KANJI}]))(?P<name>[{HIRA}{KATA}][{HIRA}{KATA}ー]{{0,4}})(?=ちゃん|くん|たん)"
)
_NOT_NICKNAMES = frozenset(
    {
        *("お", "ご", "おね", "おにい", "おねえ", "にい", "ねえ", "じい", "ばあ", "おじい", "おばあ", "おじ", "おば"),
        *("あか", "ぼっ", "ぼう", "ばっ", "じっ", "おとう", "おかあ", "とう", "かあ", "おっ", "こ", "わん", "にゃん"),
        *("お嬢", "おぼっ", "みな", "ちゃ", "ちゃん"),
    }
)
# ちひろさん, コハル様: a listed given name in kana before an honorific or a speech cue, at a boundary
# (after a non-letter, or after a kanji word and の: 事務のこはるさん).
_KANA_RUN = re.compile(
    rf"(?:(?<=[{KANJI}]の)|(?<![{KANJI}{HIRA}{KATA}A-Za-z0-9]))(?:[{HIRA}]{{2,9}}|[{KATA}][{KATA}ー]{{1,5}}(?![{KATA}]))"
)
_GIVEN_CUE = re.compile(
    r"[ \t]?(?:さん|様|さま|氏|先生|ちゃん|くん|です|と申します|より|から|が|は|も|って|、|。|[)）」!！?？]|\n|$)"
)
_HONORIFIC_CUE = re.compile(r"[ \t]?(?:さん|様|さま|氏|ちゃん|くん)")
# 樫村あんずです, 花園ゆう 090…: a short kanji surname glued to a listed kana given name, then a clear end.
_KANJI_THEN_KANA_GIVEN = re.compile(
    rf"(?<![{KANJI}])(?P<head>[{KANJI}]{{2,3}})(?P<name>[{HIRA}]{{2,4}})"
    r"(?=[ \t]?(?:です|と申します|さん|様|さま|氏|より|[ \t、。)）」!！?？\n]|$))"
)
# A single kanji before さん: 椿さん, 竹さん (a one-kanji surname), but not 奥さん, 皆さん, お客さん.
_ONE_KANJI = re.compile(rf"(?<![{KANJI}おご御])(?P<name>[{KANJI}])(?=さん|様|氏|先生|くん|ちゃん)")
_NOT_ONE_KANJI = frozenset(
    "同模出院各両貴弊当本御皆奥娘母父兄姉嫁婿客神仏彼誰僕私俺主旦様方殿君隣他孫叔伯王姫坊爺婆猫犬鳥店屋"
)


# Kana words that are also listed names: ちなみ(に), そうだ, ちょっと, ほぼ
_NOT_GIVEN_WORDS = frozenset(
    {
        *("ちなみ", "そうだ", "ちょっと", "ほぼ", "そのまま", "まだ", "もう", "すぐ", "かなり", "たぶん", "やはり"),
        *("あした", "あさ", "よる", "ひる", "いま", "まえ", "あと", "みんな", "みなさん", "ひと", "こども", "おとな"),
        *("ところ", "おかげ", "せい", "ために", "ほか", "かわり", "かわりに", "もの", "こと", "ほうが"),
        *("メモリ", "ルーター", "サーバ", "ログ", "パソコン", "メール", "アプリ", "スマホ"),
    }
)


_HIRA_LETTERS = frozenset(chr(c) for c in range(0x3041, 0x3097))


def _katakana(word: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in word)


# 担当 じゅんな 090…, バイトのリョウが, 経理の みどり: a role or relative, then a kana given name.
_ROLE_KANA = re.compile(
    r"(?:担当|店長|店主|オーナー|スタッフ|バイト|アルバイト|パート|社員|事務|経理|総務|受付|娘|息子|孫|妻|夫|嫁|母|父|"
    r"兄|姉|弟|妹|友人|友達|同僚|部下|上司|後輩|先輩|女将|大将|マスター|講師|先生)(?:の[ \t]*|[ \t]+)"
    rf"(?P<name>[{HIRA}]{{2,4}}|[{KATA}][{KATA}ー]{{1,4}}(?![{KATA}]))"
    r"(?=[ \t]|さん|ちゃん|くん|が|は|も|から|より|に|と|です|、|。|[)）」!！?？]|\d|\n|$)"
)
# 業者の関（セキ電機）, 担当の轟さん: a trade or role, の, and a short kanji name before a clear cue.
_ROLE_NO_KANJI = re.compile(
    r"(?:業者|担当者?|営業|技術者|エンジニア|店長|オーナー|女将|大家|管理人|税理士|社労士|先生|主治医|配達員)の"
    rf"(?P<name>[{KANJI}]{{1,4}})(?=[ \t]?(?:[(（]|さん|様|氏|から|より|が|は|に|と|、|。))"
)
# 雪ノ下です, 一ツ目さん, 雪ノ下 恵介: a kanji name with ノ/ツ/ケ inside, before a name cue or a given name.
_KANJI_KANA_NAME = re.compile(
    rf"(?<![{KANJI}{KATA}])(?P<name>[{KANJI}]{{1,2}}[ノツケヶ][{KANJI}]{{1,2}}(?:[ \t][{KANJI}]{{1,3}})?)"
    r"(?=[ \t]?(?:さん|様|氏|先生|です|と申|でした|、|。|$))",
    re.MULTILINE,
)
# 代表取締役 菖蒲谷 宗右衛門: a title, a space and a spaced full name with a long given name.
_TITLE_SPACED_NAME = re.compile(
    r"(?:代表取締役|取締役|代表理事|理事長|代表|社長|店主|院長|事務長|園長|校長|所長|支配人|部長|課長|係長|主任|担当)"
    rf"[ \t]+(?P<name>[{KANJI}]{{1,4}}[ \t][{KANJI}]{{1,5}})(?![{KANJI}])"
)
# 私、えっと、松野と申します / わたくし、雪ノ下です: a self-introduction after 私 and fillers.
_SELF_INTRO = re.compile(
    r"(?:わたくし|私|僕|俺|自分)(?:は|、|,)?[ \t、]*(?:(?:えー|えっと|えーと|あの|あのー|ええと|まあ)[ー]*[、,ー \t]*)*"
    rf"(?P<name>[{KANJI}][{KANJI}ノヶ]{{0,3}})(?=と申|です|でございます)"
)
# Words after 業者の that are things, not names (業者の番号, 担当の説明).
_COMMON_NOUN = re.compile(r"(?:号|話|報|所|先|料|書|類|金|額|件|数|名|前|明|応|認|定|理|作|方|間|日|時|分|者)$")
# 林より電話, 竹です: a listed one-kanji surname before より/から/です at a boundary.
_ONE_KANJI_SURNAME = re.compile(
    rf"(?:^|(?<=[ \t\]】)）、。:：]))(?P<name>[{KANJI}])(?=より|から電話|です|と申します|[ \t]*[:：])", re.MULTILINE
)
# 小此木 (Okonogi-san): a romanised name with -san, and a kanji name just before it in brackets.
_ROMAN_SAN = re.compile(
    rf"(?:(?P<kanji>[{KANJI}]{{1,5}})[ \t]*[(（][ \t]*)?"
    r"(?<![A-Za-z])(?P<name>[A-Z][a-z]{1,14})-(?:san|sama|sensei|kun|chan)\b"
)
# 「ミカエル☆ショップ」って人: a quoted handle named as a person.
_QUOTED_PERSON = re.compile(
    r"[「『](?P<name>[^「」『』\n]{1,24})[」』][ \t]*(?=って人|という人|という方|って方|さんという|と名乗)"
)


def _head_ok(head: str) -> bool:
    """A kanji run that may be a surname: listed, or not a listed word, title or role."""
    if detectors._starts_with_surname(head) == head:
        return True
    return not (
        head in lexicon.GENERIC_NOUNS
        or head in lexicon.NOT_NAMES
        or head in lexicon.TITLES
        or detectors._ROLE_END.search(head)
        or detectors._NOUNISH_END.search(head)
    )


def given_names(text: str) -> Iterator[Candidate]:
    _, given_kana = lexicon.given_names()
    _, surname_kana = lexicon.surnames()
    for m in _NICKNAME.finditer(text):
        name = m.group("name")
        if name not in _NOT_NICKNAMES and not name.startswith(("お", "ご")):
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    for m in _KANA_RUN.finditer(text):
        # The longest prefix of the kana run that is a listed name followed by a cue (こはるさん → こはる).
        for end in range(min(m.end(), m.start() + 5), m.start() + 1, -1):
            name = text[m.start() : end]
            if name in _NOT_GIVEN_WORDS or name in lexicon.GIVEN_NAME_WORDS or not _GIVEN_CUE.match(text, end):
                continue
            kata = _katakana(name)
            if (kata in given_kana or kata in surname_kana) and (len(name) >= 3 or _HONORIFIC_CUE.match(text, end)):
                yield Candidate(m.start(), end, SpanType.PERSON, 6)
                break
    for m in _KANJI_THEN_KANA_GIVEN.finditer(text):
        name = m.group("name")
        if _katakana(name) in given_kana and name not in _NOT_GIVEN_WORDS and _head_ok(m.group("head")):
            yield Candidate(m.start("head"), m.end("name"), SpanType.PERSON, 6)
    for m in _ROLE_KANA.finditer(text):
        name = m.group("name")
        # A katakana word after 母の is a thing as often as a name (母のガラケー): short or listed only.
        listed = _katakana(name) in given_kana or _katakana(name) in surname_kana
        spaced = m.group()[-len(name) - 1] in " \t" or text[m.end() : m.end() + 1] in (" ", "\t")
        honorific = bool(_HONORIFIC_CUE.match(text, m.end()))
        if name[0] in _HIRA_LETTERS:
            ok = len(name) >= 3 or honorific  # 母のほうが: a two-letter kana word is a name only before さん
        else:
            ok = len(name) <= 3 or listed or spaced or honorific
        if name[-1] in "にをでへ" and name[0] in _HIRA_LETTERS:
            ok = False  # 母のところに: a word and its particle
        if name not in _NOT_GIVEN_WORDS and ok:
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    surnames, _ = lexicon.surnames()
    for m in _ONE_KANJI_SURNAME.finditer(text):
        if m.group("name") in surnames:
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    for m in _ROMAN_SAN.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
        if m.group("kanji"):
            yield Candidate(m.start("kanji"), m.end("kanji"), SpanType.PERSON, 6)
    for pattern in (_ROLE_NO_KANJI, _KANJI_KANA_NAME, _TITLE_SPACED_NAME, _SELF_INTRO):
        for m in pattern.finditer(text):
            first = m.group("name").split()[0]
            if _head_ok(first) and not _COMMON_NOUN.search(first):
                yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    for m in _QUOTED_PERSON.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    for m in _ONE_KANJI.finditer(text):
        if m.group("name") not in _NOT_ONE_KANJI:
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 7)


# ---------------------------------------------------------------- foreign full names

_LATIN_WORD = r"[A-Z][a-z]{1,14}(?:-[A-Z][a-z]{1,14})?"
_LATIN_FULL = rf"{_LATIN_WORD}(?:[ \t]{_LATIN_WORD}){{1,2}}"
_LATIN_BEFORE = re.compile(
    rf"(?:\b(?i:this is|I am|I'm|my name is|name's|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Prof\.?|from|by|contact|"
    rf"ask|call|cc)[ \t,]+|担当[:：]?[ \t]*)(?:(?:uh|um|er),?[ \t]+)*(?P<name>{_LATIN_FULL})(?![A-Za-z])"
)
_LATIN_AFTER = re.compile(
    rf"(?<![A-Za-z])(?P<name>{_LATIN_FULL})[ \t]*(?=さん|様|さま|氏|先生|です|から|より|と申|,[ \t]*(?:CEO|CTO|CFO|COO|"
    r"Manager|Director|Engineer|Analyst|Responder|Consultant|Owner|Founder|President|Head|Lead|Officer))"
)
_SIGN_OFF = re.compile(
    rf"(?i:Regards|Best regards|Kind regards|Best|Thanks|Thank you|Sincerely|Cheers|Yours|敬具|以上)[,.!]?[ \t]*\n"
    rf"[ \t]*(?:[-—–]+[ \t]*)?(?P<name>{_LATIN_FULL})[ \t]*$",
    re.MULTILINE,
)
_NOT_LATIN_NAMES = re.compile(
    r"^(?:The|This|That|Our|Your|My|Please|Thank|Thanks|Dear|Hello|Hi|Best|Kind|Good|New|Old|Next|Last|Security|"
    r"Incident|Customer|Support|Team|Service|Microsoft|Google|Apple|Amazon|Windows|Office|Teams|Outlook)\b"
)
# ファン・ヴァン・ミン, ジャン＝ピエール・ルグラン: katakana words joined by ・ or ＝ before a name cue.
_KATA_JOINED = re.compile(
    rf"(?<![{KATA}])(?P<name>[{KATA}]{{2,8}}(?:[・=＝][{KATA}]{{1,8}}){{1,3}})"
    r"(?=[ \t]*(?:さん|様|さま|氏|先生|くん|ちゃん|です|と申|から|より|が|は|社|[(（:：]))"
)
_KATA_ROLE_BEFORE = re.compile(
    rf"(?:技能実習生|実習生|留学生|社員|スタッフ|従業員|店長|オーナー|講師|担当|同僚|夫|妻|友人|お客様|客)の?[ \t]*"
    rf"(?P<name>[{KATA}]{{2,8}}(?:[・=＝][{KATA}]{{1,8}}){{1,3}})"
)


def foreign_names(text: str) -> Iterator[Candidate]:
    for pattern in (_LATIN_BEFORE, _LATIN_AFTER, _SIGN_OFF):
        for m in pattern.finditer(text):
            if not _NOT_LATIN_NAMES.match(m.group("name")):
                yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)
    for pattern in (_KATA_JOINED, _KATA_ROLE_BEFORE):
        for m in pattern.finditer(text):
            if _KIND_DOT.match(m.group("name")):
                continue  # フラワーショップ・ミモザ is a shop (shop_names)
            if text.startswith("社", m.end("name")):
                yield Candidate(m.start("name"), m.end("name"), SpanType.COMPANY, 6)
                continue
            yield Candidate(m.start("name"), m.end("name"), SpanType.PERSON, 6)


# ---------------------------------------------------------------- shop names

_SHOP_WORDS = (
    r"屋号|店名|サロン名|店舗名|会社名|社名|ショップ名|ブランド名|教室名|アカウント名|屋|店|サロン|アトリエ|カフェ|喫茶|"
    r"ホテル|工房|舎|文庫|茶舗|スタジオ|ショップ|バー|BAR|Bar|ブランド|教室|ギャラリー|商店|事務所|工場|農園|レストラン|"
    r"銭湯|キッチンカー|ゲストハウス|民宿|旅館|食堂|酒場|ウェブ屋|制作会社|会社|サークル|チーム|団体|法人"
)
# 古着屋「ねこぜ堂」, 店名『月と珈琲』, 「ねこぜ堂」さん
_QUOTED_AFTER_SHOP = re.compile(
    rf"(?:{_SHOP_WORDS})[ \t]*(?:は|の|:|：)?[ \t]*[「『](?P<name>[^「」『』\n]{{1,24}})[」』]"
)
_QUOTED_BEFORE_CUE = re.compile(
    r"[「『](?P<name>[^「」『』\n]{1,24})[」』][ \t]*"
    r"(?=さん|様|の店|の方|というお?店|って店|で働|を経営|を営|を運営|の店長|の店主|のオーナー|"
    r"を[ \t]?やって|をして(?:い|お)|を開いて)"
)
# 屋号：ほしくずデザイン / サロン名：Nail Atelier Lumière／ルミエール
_LABELLED_SHOP = re.compile(
    r"(?:屋号|店名|サロン名|店舗名|ショップ名|ブランド名|教室名|会社名|社名)[ \t]*[:：は][ \t]*"
    r"(?P<name>[^\n、。,()（）／/「」]{2,30}?)(?=[ \t]*(?:[\n、。,()（）「」／/]|$|です|になります))"
    r"(?:[ \t]*[／/][ \t]*(?P<alt>[^\n、。,()（）／/「」]{2,20}?)(?=[ \t]*(?:[\n、。,()（）]|$)))?",
    re.MULTILINE,
)
# カフェ・ポルトロン, ヨガスタジオ・ハスノハ, ブーランジェリー・トネリコ: a katakana kind word, ・ and a name.
_KATA_KIND = (
    r"(?:カフェ|ショップ|フラワーショップ|スタジオ|ヨガスタジオ|サロン|ヘアサロン|ネイルサロン|アトリエ|ブーランジェリー|"
    r"パティスリー|ベーカリー|バー|ビストロ|トラットリア|ダイニング|ホテル|ゲストハウス|ギャラリー|クリニック|オフィス|"
    r"ラボ|ファーム|キッチン|ブティック|セレクトショップ|ヘアー|ヘア|ネイル|エステ|ジム|ピラティス)"
)
_KIND_DOT = re.compile(rf"{_KATA_KIND}[・ ]")
_KIND_DOT_NAME = re.compile(rf"(?<![{KATA}]){_KATA_KIND}[・ ](?P<name>[{KATA}]{{2,12}})(?![{KATA}])")
# アトリエ凪, BAR灯台守: a kind word glued to a kanji or kana name.
_KIND_GLUED = re.compile(
    rf"(?<![{KATA}A-Za-z])(?P<name>(?:アトリエ|サロン|カフェ|スタジオ|BAR|Bar|バー|工房|ギャラリー|喫茶)"
    rf"(?:[{KANJI}]{{1,4}}|[{HIRA}]{{2,6}}|[{KATA}]{{2,8}}))(?=[のにはがをでと、。」)）\s]|$)"
)
# カフェ店主, サロン経営, BAR巡り: a kind word and a role or activity, not a name.
_NOT_GLUED_NAME = re.compile(r"(?:店主|店長|経営|開業|営業|勤務|巡り|好き|通い|併設|風|系|用|内|店|員|主|長)$")
# ほしくずデザイン, くろねこ舎, ゆずりは茶舗, マツバラ木工: a kana head and a business word.
_KANA_HEAD_BUSINESS = re.compile(
    rf"(?P<name>(?:(?:(?<=[{KANJI}]の)|(?<=うちの)|(?<![{HIRA}{KATA}]))[{HIRA}]{{3,7}}|(?<![{KATA}])[{KATA}][{KATA}ー]{{2,8}})"
    r"(?:デザイン|工房|陶房|舎|茶舗|文庫|木工|企画|商店|商会|製作所|工務店|農園|珈琲|書房|書店|堂|庵|工芸|印刷|製菓|食堂|写真館|"
    r"事務所|紙工|計測|精機|工業|電機|商事|物産|建設|運輸|電設|塗装|製麺|酒造|醸造))(?![屋業所])"
)
# Heads that are a pronoun and a particle (うちは印刷屋), not a name.
_NOT_HEADS = re.compile(r"^(?:うち|わたし|あたし|ぼく|おれ|こちら|そちら|これ|それ|あれ|どこ|みんな)(?P<no>の)?")


# 翻訳会社（リンガ・ブリッジ）, ベンダー（メディカ・ブリッジ社）: a firm named in brackets after a firm word.
_FIRM_IN_BRACKETS = re.compile(
    r"(?:会社|ベンダー|業者|取引先|メーカー|代理店|委託先|外注先|保守会社|販売店)[(（]"
    rf"(?P<name>[{KATA}A-Za-z][{KATA}{KANJI}A-Za-z・ー&' \t]{{1,20}}?)(?:社)?[)）]"
)
# 株式会社、えー、ハナミズキ計測: a legal form read aloud with fillers before the name.
_SPOKEN_FORM = re.compile(
    r"(?:株式会社|有限会社|合同会社|一般社団法人|医療法人)[、, \t]*"
    r"(?:(?:えー|えっと|えーと|あの|あのー|その)[ー]*[、, \t]*)+"
    rf"(?P<name>[{KATA}{KANJI}][{KATA}{KANJI}ー・]{{1,14}})"
)
# called 'Lantern House Asakusa', named "Blue Door": a Latin name in quotes after called/named.
_LATIN_CALLED = re.compile(r"\b(?:called|named)[ \t]+['\"‘“](?P<name>[A-Z][^'\"’”\n]{1,40})['\"’”]")


def shop_names(text: str) -> Iterator[Candidate]:
    for pattern in (_FIRM_IN_BRACKETS, _SPOKEN_FORM, _LATIN_CALLED):
        for m in pattern.finditer(text):
            yield Candidate(m.start("name"), m.end("name"), SpanType.COMPANY, 6)
    for pattern in (_QUOTED_AFTER_SHOP, _QUOTED_BEFORE_CUE):
        for m in pattern.finditer(text):
            yield Candidate(m.start("name"), m.end("name"), SpanType.COMPANY, 6)
    for m in _LABELLED_SHOP.finditer(text):
        for group in ("name", "alt"):
            if m.group(group):
                yield Candidate(m.start(group), m.end(group), SpanType.COMPANY, 6)
    for pattern in (_KIND_DOT_NAME, _KIND_GLUED, _KANA_HEAD_BUSINESS):
        for m in pattern.finditer(text):
            if pattern is _KIND_GLUED and _NOT_GLUED_NAME.search(m.group("name")):
                continue
            head = _NOT_HEADS.match(m.group("name")) if pattern is _KANA_HEAD_BUSINESS else None
            if head:
                # うちのゆずりは茶舗: the name starts after うちの; うちは印刷屋 is no name at all.
                rest = m.group("name")[head.end() :]
                if head.group("no") and re.match(rf"[{HIRA}]{{3,}}", rest):
                    yield Candidate(m.start("name") + head.end(), m.end("name"), SpanType.COMPANY, 6)
                continue
            yield Candidate(m.start("name"), m.end("name"), SpanType.COMPANY, 6)


# ---------------------------------------------------------------- ids and buildings

# お客様番号（例：HS-000123）, 会員ID TZ1234567, 予約No. TK-88263: letters and digits after an id word.
_ID_AFTER_LABEL = re.compile(
    r"(?:番号|ID|Id|No\.?|NO\.?|会員|注文|予約|顧客|契約|受付|管理|伝票|問い?合わ?せ|チケット|整理|患者|診察券)"
    r"[^\n\dA-Za-z]{0,8}?(?P<id>(?=[A-Za-z0-9\-]*\d)[A-Za-z]{1,5}[\-]?[0-9][0-9\-]{3,15}[0-9A-Za-z]?"
    r"(?:[ \t]*[〜~～][ \t]*[A-Za-z]{0,5}-?[0-9][0-9\-]{2,15})?)(?![A-Za-z0-9])"
)
# …２丁目１１−４ キャロットビル１Ｆ / …5-3-11 コーポ旗の台101: a building and a room after the house number.
_BUILDING_AFTER = re.compile(
    rf"(?P<house>\d+(?:-\d+){{1,3}}|\d+番地?(?:\d+号?)?)[ \t]*(?P<building>[{_NAME_CHARS}A-Za-z・ー]{{2,16}}?"
    r"[ \t]?(?:\d{1,4}号室|\d{1,4}号|\d{1,2}F|\d{1,2}階|\d{3,4}))(?![\d])"
)


# user 'kasugai.t', ユーザー名「yamada_k」, login as tanaka.h: a sign-in name in quotes or after "as".
_LOGIN_NAME = re.compile(
    r"(?:\b(?i:user(?:name)?|login|account|logged in as|signed in as|as user)|"
    r"ユーザー?名?|ログイン名|アカウント名?|サインイン名)"
    r"[ \t]*[:：]?[ \t]*(?P<q>['\"「『`])(?P<name>[A-Za-z][A-Za-z0-9._\-]{2,30})['\"」』`]"
)


def ids_and_buildings(text: str) -> Iterator[Candidate]:
    for m in _LOGIN_NAME.finditer(text):
        yield Candidate(m.start("name"), m.end("name"), SpanType.ACCOUNT, 6)
    for m in _ID_AFTER_LABEL.finditer(text):
        yield Candidate(m.start("id"), m.end("id"), SpanType.ID, 6)
    addresses = sorted(detectors.addresses(text), key=lambda c: c.start)
    # Overlapping address guesses (世田谷区三 and 谷区三軒茶屋2丁目…) are one address: mask their union.
    merged: list[list[int]] = []
    for a in addresses:
        if merged and a.start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], a.end)
        else:
            merged.append([a.start, a.end])
    for start, end in merged:
        yield Candidate(start, end, SpanType.ADDRESS, 4)
    addresses = [Candidate(a, b, SpanType.ADDRESS, 4) for a, b in merged]
    for m in _BUILDING_AFTER.finditer(text):
        if any(a.start <= m.start("house") < a.end for a in addresses):
            start = min(a.start for a in addresses if a.start <= m.start("house") < a.end)
            yield Candidate(start, m.end("building"), SpanType.ADDRESS, 4)


DETECTORS = (speakers, given_names, foreign_names, shop_names, ids_and_buildings)
