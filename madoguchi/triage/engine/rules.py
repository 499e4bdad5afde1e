"""Context-aware cue rules: what a consultation says happened, with negation and question form.

A cue is a regular expression on the normalised text (see text.normalize).
Each match is classified by its surroundings in the same clause:

- ``asserted``: the text says it happened (「ファイルが暗号化された」);
- ``negated``: the text says it did not (「ランサム画面は出ていない」, 「攻撃ではなく」);
- ``question``: the consulter asks whether it happened (「乗っ取られたのでしょうか」);
- ``hypothetical``: a condition, a plan or hearsay (「感染したら」, 「対策として」, 「と聞いた」).

Only asserted hits count as evidence; the other contexts become their own
features so the model can learn, for example, that a negated ransom cue points
to an outage. A handful of rules are *precise*: when asserted they override
the urgent / police flags (see model.py). Their precision was checked on the
seed corpus; keep new precise rules to that standard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from madoguchi.triage.engine.text import split_sentences

Context = Literal["asserted", "negated", "question", "hypothetical"]
CONTEXTS: tuple[Context, ...] = ("asserted", "negated", "question", "hypothetical")


@dataclass(frozen=True)
class Rule:
    code: str
    reason: str
    pattern: re.Pattern[str]
    # A second pattern that must also occur in the same sentence (e.g. "now").
    requires: re.Pattern[str] | None = None
    # A pattern that, when present in the same sentence, cancels the hit.
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True)
class RuleHit:
    code: str
    context: Context
    in_request: bool
    excerpt: str


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_NOW = _re(
    r"(今(?!後|回|年|月|週|まで|のところ|のうち)|(?<![ぁ-ゖ])いま(?![すせしした])|現在|まさに|つながったまま|繋がったまま|接続されたまま|"
    r"続いて|続け|してる|しています|されています|動いてる|動いています|進行)"
)
_NOW_OUTAGE = _re(
    r"(朝から|今朝|本日|今日|昨日から|昨夜|昨晩|夜間|現在|今も|(?<![ぁ-ゖ])いま(?![すせしした])|全員|全社|"
    r"全台|全店|全pc|業務が?(?:ほぼ)?止|業務停止|から全)"
)
_DATA_WORD = _re(r"(情報|データ|名簿|db|リスト|顧客|会員|写真|映像|ファイル)")

RULES: tuple[Rule, ...] = (
    Rule(
        "ransom_note",
        "身代金要求・脅迫文の記述",
        _re(
            r"(身代金|ランサムノート|ransom|脅迫文|脅迫の?(?:文面|メッセージ|画面)|read_?me|復元したければ|"
            r"復号(?:キー|ツール|したければ)|your files|files are encrypted|支払いがなければ公開)"
        ),
    ),
    Rule(
        "encrypted",
        "ファイル暗号化の記述",
        _re(
            r"(暗号化され|暗号化中|拡張子(?:が|の)?(?:全部|すべて|勝手に)?(?:変わ|変更|おかし|見慣れ)|"
            r"\.(?:lock|locked|lockbit|encrypted|crypt|qlocker)(?![a-z])|\.7zで暗号化)"
        ),
    ),
    Rule(
        "ransomware_infection",
        "ランサムウェア感染・被害の記述",
        _re(r"ランサムウェア\s?(?:に|が|の)?\s?(?:感染|被害|攻撃|にやられ|やられ)"),
    ),
    Rule(
        "remote_now",
        "第三者による遠隔操作が進行中",
        _re(r"(遠隔操作|リモート操作|遠隔で操作|画面を操作|マウスが勝手|勝手に(?:動い|操作)|anydesk|teamviewer)"),
        requires=_NOW,
    ),
    Rule(
        "money_sent",
        "送金・支払い済みの記述",
        _re(
            r"(振込済|振り?込んだ|振り?込んで(?:しま|しちゃ)|振り?込みました|振込ました|送金(?:した|済|して|しま|しちゃ|され)|"
            r"不正送金|払っちゃ|支払(?:った|いました|ってしま|わされ)|(?<!支)払った|払いました|払わされ|"
            r"(?:購入|買)(?:し|っ)て(?:コード|番号)?.{0,8}(?:伝え|送っ|送り)|"
            r"(?:ギフト|電子マネー|プリペイド|ギフト券).{0,14}(?:購入し|買っ|買い)|だまし取|騙し取|換金された|出金された|"
            r"使われ(?:てい|た)|不正利用(?:され|が)|請求が|引き出され)"
        ),
    ),
    Rule(
        "extortion",
        "脅迫・金銭要求の記述",
        _re(
            r"(払わなければ|支払わなければ|払え|支払え|振り?込め|口止め料|ばらす|バラす|バラされ|ばらされ|"
            r"拡散されたくなければ|公開されたくなければ|さらす|晒す|殺す|殺害|爆破|火をつけ|脅迫|脅され|恐喝|"
            r"金銭(?:を)?要求|(?:ほしければ|欲しければ).{0,12}(?:払|円|btc)|やめてほしければ)"
        ),
    ),
    Rule(
        "data_for_sale",
        "データの売買・公開の記述",
        _re(r"(売られ|販売されて|売りに出|売る(?:と|ぞ)|売買|リークサイト|闇サイト|ダークウェブ)"),
        requires=_DATA_WORD,
        unless=_re(r"監視"),
    ),
    Rule(
        "personal_threat",
        "身の危険に関する記述",
        _re(r"(待ち伏せ|つきまと|ストーカー|住所(?:を)?知って|行くぞ|身の危険|殺害予告)"),
    ),
    Rule(
        "outage_now",
        "システム停止が継続中",
        _re(
            r"(落ちて|落ちた|止まって|止まった|停止して|停止中|全停止|動かな|起動しな|起動せ|立ち上がらな|"
            r"つながらな|繋がらな|つながりません|ログインできな|サインインできな|アクセスできな|使えな|使えません|"
            r"表示されな|表示されません|届かな|届きません|開けな|開かな|受信できな|送信できな|送れな|入れな|"
            r"不通|ダウンして|応答しな|応答しません|できなくな|動作せず|映らな|死んで)"
        ),
        requires=_NOW_OUTAGE,
    ),
    Rule(
        "deadline",
        "期限が迫っている記述",
        _re(
            r"(今日中|本日中|今日が|今日(?:提出|締|支払|振込|入札|納品|使う)|締切|締め切り|締め|期限が迫|支払日|"
            r"振込日|納品日|明日(?:の|まで|使う|提出|配車|診療|発送)|今日は|本日は)"
        ),
    ),
    Rule("urgency_word", "至急・緊急の記述", _re(r"(至急|緊急|急ぎ|今すぐ|すぐに|早急)")),
    Rule(
        "leak_event",
        "情報漏洩・紛失の記述",
        _re(
            r"(漏洩|流出|漏れ|誤送信|紛失|置き忘れ|盗難|盗まれ|なくし|失くし|閲覧できる状態|見える状態|"
            r"見られる状態|公開状態|全員公開|抜かれ|持ち出|抜き取|さらされ|晒され|誤って廃棄|宛先をbcc)"
        ),
    ),
    Rule(
        "intrusion",
        "不正アクセス・乗っ取りの記述",
        _re(
            r"(不正アクセス|不正ログイン|不正に?ログインされ|乗っ取ら|乗っ取り|ハッキング|侵入|ログインされ|"
            r"踏み台|知らない(?:管理者|端末|アカウント)|見覚えのない|身に覚えのない)"
        ),
    ),
    Rule(
        "malware",
        "マルウェア感染の記述",
        _re(
            r"((?:ウイルス|マルウェア|emotet|トロイ|trojan|ランサムウェア|スパイウェア)(?:に|が|を|の)?"
            r"(?:感染|検知|検出|入っ|入れられ|っぽい)|感染し|emocheck|edr.{0,8}アラート)"
        ),
    ),
    Rule("ransomware_word", "ランサムウェアへの言及", _re(r"ランサムウェア")),
    Rule("attack_word", "攻撃・ハッキングへの言及", _re(r"(攻撃|ハッキング|ハック|サイバー攻撃|アタック|ddos)")),
    Rule(
        "deface",
        "改ざん・不正な埋め込みの記述",
        _re(r"(改ざん|書き換えられ|勝手に転送|スキミング|不審なjavascript|転送ルール|偽の?ログイン画面)"),
    ),
    Rule(
        "credential_entered",
        "認証情報・カード情報の入力",
        _re(
            r"(idパスワード|id|パスワード|カード(?:番号|情報)|otp|暗証番号|クレジットカード).{0,12}"
            r"(入力し|入れ(?:た|ちゃ|て)|伝え|教えて(?:しま|しちゃ))"
        ),
    ),
    Rule(
        "impersonation",
        "なりすまし・偽サイトの記述",
        _re(
            r"(なりすまし|なりすま|偽の|偽サイト|偽物|偽アカウント|偽広告|を装|を騙|騙る|を名乗|名乗る|騙っ|"
            r"似た(?:ドメイン|アドレス)|1文字違い|1文字だけ異な|一文字違い)"
        ),
    ),
    Rule("fraud_word", "詐欺への言及", _re(r"(詐欺|だまされ|騙され|偽請求|架空請求|ワンクリック)")),
    Rule(
        "personal",
        "個人（私的）の事案",
        _re(
            r"(個人(?!情報|事業|データ|名)(?:の|で|的|として|用|名義)?|私的|私事|プライベート|私物|家族|自宅|家の|実家|"
            r"息子|娘|母|父|兄|姉|妻|夫|子ども|子供|高校生|中学生|小学|大学生|(?:会社|業務|仕事)(?:とは|には|は|の業務とは)?"
            r"(?:関係(?:ない|なく|ありません|のない)|無関係))"
        ),
    ),
    Rule(
        "business",
        "事業者の事案",
        _re(
            r"((?<!カード)(?<!保険)(?<!制作)(?<!リース)(?<!運営)(?<!サービス)(?<!通販)(?<!宅配)(?<!配送)(?<!ガス)(?<!電力)(?<!管理)(?<!証券)(?<!携帯)(?<!電話)(?<!通信)(?<!運送)(?<!警備)"
            r"会社(?!員)|弊社|当社|(?<!会)社員|従業員|社長|経理|総務|法人|取引先|事務所|店舗|顧客|職員|業務用|社用|会社用|"
            r"貸与|御社|工場|クリニック|医院|当院|当法人|事業所|お客様|お客さん)"
        ),
    ),
    Rule(
        "guide",
        "冊子・送付依頼の記述",
        _re(
            r"(ガイドブック|ハンドブック|冊子|パンフレット|手引き|極意|落丁|送付先|宛名|部数|"
            r"(?:の|い|た|あの|その|この|都の)本(?![日当体物社部人件番来格気名])|テキスト|[0-9]+(?:部|冊)(?!署|門|分)|送付)"
        ),
    ),
    Rule(
        "media_vendor",
        "取材・営業・研究依頼の記述",
        _re(
            r"(取材|インタビュー|編集部|記者|ディレクター|番組|卒業論文|卒論|ゼミの研究|弊社製品|弊社のサービス|"
            r"ご提案|推奨製品|販売代理店|営業(?:部|担当)|無料トライアル|会員になる|相談員の募集|就職|働け)"
        ),
    ),
    Rule(
        "law",
        "法令・契約・責任に関する質問",
        _re(
            r"(法律|法的|違法|合法|義務|契約書|約款|規約|条項|賠償|著作権|個人情報保護法|gdpr|弁護士|名誉毀損|"
            r"開示請求|責任|法上|特定商取引法|商標|肖像権|プライバシー侵害|懲戒|就業規則|守秘義務|善管注意|法務|"
            r"同意|第三者提供|内容証明|削除請求|確報|速報|報告義務|報告対象)"
        ),
    ),
    Rule(
        "learn",
        "一般知識・啓発の要望",
        _re(
            r"((?<=[ァ-ヴーa-z0-9一-龯])とは(?![言思])|って何|とは何|どういう(?:意味|こと|もの|仕組み)|仕組み|一般論|"
            r"一般的な(?:知識|ポイント|注意|仕組み)|セミナー|講師|勉強会|啓発|注意喚起|教材|統計|事例|用語|傾向|"
            r"最新動向|ニュースで|説明したい|説明する|知識)"
        ),
    ),
    Rule(
        "not_security",
        "セキュリティと無関係との記述",
        _re(
            r"(セキュリティ(?:と|とは)(?:は)?(?:関係(?:ない|のない)|少し違う|無関係)|セキュリティではなく|"
            r"セキュリティじゃなく|落として壊れ|基本操作|使い方|やり方|設定方法|おすすめ|比較|料金|費用の目安)"
        ),
    ),
    Rule(
        "prevention_intent",
        "事前対策の相談",
        _re(
            r"(対策|予防|未然|備え|事前|導入したい|導入を検討|検討して|ルール(?:作り|を作)|規程|今のうちに|"
            r"今のところ|被害はない|被害はありません|被害は出ていません|起きていない|問題は起きて|大丈夫|心配|不安)"
        ),
    ),
    Rule(
        "outage_cause",
        "障害原因（設定・故障・期限切れ）の記述",
        _re(
            r"(期限切れ|有効期限|証明書|ssl|dns|mx|ネームサーバー|故障|停電|瞬停|落雷|雷|水漏れ|空調|エアコン|"
            r"容量|ライセンス|更新(?:後|した|したら|のあと|失敗)|アップデート|設定(?:変更|ミス)|機種変|水没|raid|"
            r"hdd|ssd|ブルースクリーン|異音|ファームウェア|障害|サブスクリプション|未払い|移転|移行)"
        ),
    ),
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

# Clause boundaries for the context windows.
_CLAUSE_END = re.compile(r"[、,。!?！？→\n]|が、|けど|けれど")
# A te-form followed by a new content word starts another predicate
# (「暗号化されて開けない」): the negation after it is not about the cue.
_NEW_PREDICATE = re.compile(r"て(?=[一-龯ァ-ヴa-z])")
# Phrases that contain 「ない」 without negating the cue.
_NOT_NEGATION = re.compile(
    r"(かもしれない|かもしれません|しれない|覚えのない|心当たりのない|関係のない|違いない|しかない|仕方(?:が)?ない|ないように|ないよう|なければ|"
    r"なきゃ|なくて(?:は|も)|ないと(?!思)|分からない|わからない|知らない|できない|できません|開けない|"
    r"使えない|つながらない|動かない|止まらない|消えない|入れない|見れない|取れない|戻せない|届かない)"
)
_NEGATION = re.compile(r"(ない|無い|なし|無し|ナシ|なく|ません|ず(?:に|、|。|$)|なかった|×|否定|ゼロ)")
_QUESTION_AFTER = re.compile(
    r"(でしょうか|ですか|ますか|のか|のでは|では\?|かな(?![いくかけ])|か\?|\?|か心配|かと心配|と心配|か不安|かと思|ではないか|"
    r"じゃないか|じゃない\?|かどうか|を疑|と疑|疑う|か、|か調べ|か確認)"
)
_HYPOTHETICAL_AFTER = re.compile(
    r"(たら|た場合|る場合|の場合|場合の|場合は|^いように|^いよう|に備え|対策|を防|防止|されないか|にならない|ないように|予防|"
    r"と聞|って聞|を聞|のニュース|ニュースで|事例|とは|って何|っていう|というの|について(?:教|知)|に関する)"
)
_HYPOTHETICAL_BEFORE = re.compile(r"(もし|万一|万が一|仮に|将来|いざ|有事|同業|他社|ニュース|知人の|取引先が)")
# Hearsay right after the cue (「暗号化されるって聞いた」) crosses the te-form cut.
_HEARSAY = re.compile(r"^[ぁ-ゖ]{0,4}(?:と聞|って聞|とニュース)")
_WINDOW_AFTER = 20
_WINDOW_BEFORE = 12


def _clause_after(sentence: str, end: int) -> str:
    tail = sentence[end : end + _WINDOW_AFTER]
    cut = _CLAUSE_END.search(tail)
    if cut:
        # Keep a trailing question mark: 「改ざん?」 is a question.
        tail = tail[: cut.end()] if cut.group(0) in "?？" else tail[: cut.start()]
    return tail


def _window_after(sentence: str, end: int) -> str:
    tail = _clause_after(sentence, end)
    new_predicate = _NEW_PREDICATE.search(tail)
    if new_predicate:
        tail = tail[: new_predicate.start()]
    return tail


def _window_before(sentence: str, start: int) -> str:
    head = sentence[max(0, start - _WINDOW_BEFORE) : start]
    cuts = list(_CLAUSE_END.finditer(head))
    return head[cuts[-1].end() :] if cuts else head


def classify_context(*, sentence: str, start: int, end: int) -> Context:
    """Classify one cue occurrence ``sentence[start:end]`` by the words around it."""
    if _HEARSAY.match(_clause_after(sentence, end)):
        return "hypothetical"
    after = _window_after(sentence, end)
    before = _window_before(sentence, start)
    if _QUESTION_AFTER.search(after):
        return "question"
    cleaned = _NOT_NEGATION.sub("", after)
    if _NEGATION.search(cleaned):
        return "negated"
    if _HYPOTHETICAL_AFTER.search(after) or _HYPOTHETICAL_BEFORE.search(before):
        return "hypothetical"
    return "asserted"


_STRONGEST: dict[Context, int] = {"asserted": 3, "question": 2, "hypothetical": 1, "negated": 0}


def find_hits(*, body: str, request: str = "") -> list[RuleHit]:
    """Apply every rule to every sentence of a normalised, boilerplate-free body.

    One hit per (rule, sentence): when a cue occurs several times in a
    sentence the most assertive context wins, so 「暗号化は…ない。でも拡張子が
    変わった」 still counts the assertion.
    """
    hits: list[RuleHit] = []
    request_parts = set(split_sentences(text=request)) if request else set()
    for sentence in split_sentences(text=body):
        in_request = sentence in request_parts
        for rule in RULES:
            if rule.requires is not None and not rule.requires.search(sentence):
                continue
            if rule.unless is not None and rule.unless.search(sentence):
                continue
            best: RuleHit | None = None
            for match in rule.pattern.finditer(sentence):
                context = classify_context(sentence=sentence, start=match.start(), end=match.end())
                if best is None or _STRONGEST[context] > _STRONGEST[best.context]:
                    best = RuleHit(rule.code, context, in_request, match.group(0))
            if best is not None:
                hits.append(best)
    return hits


def asserted(*, hits: list[RuleHit], code: str) -> bool:
    return any(hit.code == code and hit.context == "asserted" for hit in hits)


def hit_features(*, hits: list[RuleHit]) -> dict[str, float]:
    """Sparse features: one per (rule, context) and one per rule seen in the request sentence."""
    features: dict[str, float] = {}
    for hit in hits:
        features[f"{hit.code}:{hit.context}"] = 1.0
        if hit.in_request:
            features[f"{hit.code}:request"] = 1.0
    return features


_CONTEXT_SUFFIX: dict[Context, str] = {
    "asserted": "",
    "negated": "（否定形）",
    "question": "（疑問形）",
    "hypothetical": "（仮定・伝聞）",
}
# Rules whose negated / question hits are worth telling staff about; for the
# others only assertions are reported.
_ATTACK_CODES = frozenset(
    {"ransom_note", "encrypted", "ransomware_word", "attack_word", "intrusion", "malware", "deface"}
)


def describe(*, hits: list[RuleHit]) -> list[str]:
    """Short Japanese reasons, one per (rule, context), in rule order."""
    seen: set[tuple[str, Context]] = set()
    for hit in hits:
        if hit.context == "asserted" or hit.code in _ATTACK_CODES:
            seen.add((hit.code, hit.context))
    reasons: list[str] = []
    for rule in RULES:
        for context in CONTEXTS:
            if (rule.code, context) in seen:
                reasons.append(f"{rule.reason}{_CONTEXT_SUFFIX[context]}")
    return reasons
