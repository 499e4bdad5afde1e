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
from dataclasses import dataclass, replace
from typing import Literal

from madoguchi.core.catalogue import gettext_noop
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
    r"続いて|続け|してる|しています|されています|動いてる|動いています|進行|"
    r"\bnow\b|\bcurrently\b|\bstill\b|\bongoing\b|at the moment)"
)
_NOW_OUTAGE = _re(
    r"(朝から|今朝|本日|今日|昨日から|昨夜|昨晩|夜間|現在|今も|(?<![ぁ-ゖ])いま(?![すせしした])|全員|全社|"
    r"全台|全店|全pc|業務が?(?:ほぼ)?止|業務停止|から全|"
    r"this morning|\btoday\b|since yesterday|right now|\bcurrently\b|all (?:staff|employees|pcs|users|stores))"
)
_DATA_WORD = _re(r"(情報|データ|名簿|db|リスト|顧客|会員|写真|映像|ファイル|data|customer|records|files|photos)")
# A moment close enough that a payment can still be stopped or a card still blocked.
_JUST_NOW = _re(
    r"(さっき|先ほど|先程|たった今|今朝|(?:今日|本日)(?!中|まで|が期限|締)|数分前|[0-9]+分前|[0-9一二三]時間前|昨日|昨夜|昨晩)"
)
# A moment close enough that a legal reporting clock (PPC 速報 3–5 days, 確報 30/60 days) still runs.
_RECENT = _re(
    r"(さっき|先ほど|先程|今朝|今日|本日|昨日|昨夜|昨晩|一昨日|おととい|今週|先週|[0-9一二三四五六七八九十]+日前|数日前|"
    r"[月火水木金土日]曜|週末|連休|[0-9]+/[0-9]+|[0-9]+月[0-9]+日|判明)"
)

RULES: tuple[Rule, ...] = (
    Rule(
        "ransom_note",
        gettext_noop("身代金要求・脅迫文の記述"),
        _re(
            r"(身代金|ランサム(?:ウェア)?ノート|ransom|脅迫文|脅迫の?(?:文面|メッセージ|画面)|read_?me|復元したければ|"
            r"復号(?:キー|ツール|したければ)|your files|files are encrypted|支払いがなければ公開)"
        ),
    ),
    Rule(
        "encrypted",
        gettext_noop("ファイル暗号化の記述"),
        _re(
            r"(暗号化され|暗号化中|拡張子(?:が|の)?(?:全部|すべて|勝手に)?(?:変わ|変更|おかし|見慣れ)|"
            r"\.(?:lock|locked|lockbit|encrypted|crypt|qlocker)(?![a-z])|\.7zで暗号化)"
        ),
    ),
    Rule(
        "ransomware_infection",
        gettext_noop("ランサムウェア感染・被害の記述"),
        _re(r"ランサムウェア\s?(?:に|が|の)?\s?(?:感染|被害|攻撃|にやられ|やられ)"),
    ),
    Rule(
        "remote_now",
        gettext_noop("第三者による遠隔操作が進行中"),
        _re(r"(遠隔操作|リモート操作|遠隔で操作|画面を操作|マウスが勝手|勝手に(?:動い|操作)|anydesk|teamviewer)"),
        requires=_NOW,
    ),
    Rule(
        "money_sent",
        gettext_noop("送金・支払い済みの記述"),
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
        gettext_noop("脅迫・金銭要求の記述"),
        _re(
            r"(払わなければ|支払わなければ|払え|支払え|振り?込め|口止め料|ばらす|バラす|バラされ|ばらされ|"
            r"拡散されたくなければ|公開されたくなければ|さらす|晒す|殺す|殺害|爆破|火をつけ|脅迫|脅され|恐喝|"
            r"金銭(?:を)?要求|(?:ほしければ|欲しければ).{0,12}(?:払|円|btc)|やめてほしければ)"
        ),
    ),
    Rule(
        "data_for_sale",
        gettext_noop("データの売買・公開の記述"),
        _re(
            r"(売られ|販売されて|売りに出|売る(?:と|ぞ)|売買|リークサイト|闇サイト|ダークウェブ|"
            r"掲示板に(?:貼|載|書き込|晒|公開|アップ)|(?:晒|さら)されて|ネット上?に(?:晒|貼|公開され))"
        ),
        requires=_DATA_WORD,
        unless=_re(r"監視"),
    ),
    Rule(
        "police_report",
        gettext_noop("警察への被害届・相談の意向"),
        _re(
            r"(被害届|被害を届け|告訴|刑事告発|刑事(?:事件|責任|で|と民事)|民事と刑事|"
            r"(?:警察|警視庁|署)(?:に|へ)(?:は|も)?(?:相談|届|通報|行|被害|連絡)|110番|"
            r"report (?:it |this )?to the police|police report|file a (?:police )?complaint)"
        ),
    ),
    Rule(
        "personal_threat",
        gettext_noop("身の危険に関する記述"),
        _re(r"(待ち伏せ|つきまと|ストーカー|住所(?:を)?知って|行くぞ|身の危険|殺害予告)"),
    ),
    Rule(
        "outage_now",
        gettext_noop("システム停止が継続中"),
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
        gettext_noop("期限が迫っている記述"),
        _re(
            r"(今日中|本日中|今日が|今日(?:提出|締|支払|振込|入札|納品|使う)|締切|締め切り|締め|期限が迫|支払日|"
            r"振込日|納品日|明日(?:の|まで|使う|提出|配車|診療|発送)|今日は|本日は)"
        ),
    ),
    Rule("urgency_word", gettext_noop("至急・緊急の記述"), _re(r"(至急|緊急|急ぎ|今すぐ|すぐに|早急)")),
    Rule(
        "loss_just_now",
        gettext_noop("直前の送金・カード情報等の入力（止められる可能性）"),
        _re(
            r"(振り?込んだ|振り?込んで(?:しま|しちゃ)|振り?込みました|振込ました|送金(?:した|して(?!ほし|くだ|もら|欲し)|しま|しちゃ)|"
            r"払っちゃ|支払(?:った|いました|ってしま)|(?<!支)払った|払いました|(?:ギフト|電子マネー|プリペイド).{0,14}(?:購入し|買っ|買い)|"
            r"(?:idパスワード|パスワード|カード(?:番号|情報)|otp|暗証番号|クレジットカード|認証コード).{0,12}"
            r"(?:入力(?!画面|欄|フォーム|を求め|させ|しな|せず)|入れ(?:た|ちゃ|て)|伝え|教えて(?:しま|しちゃ)))"
        ),
        requires=_JUST_NOW,
    ),
    Rule(
        "recent_incident",
        gettext_noop("最近起きた事故（報告期限が進行中の可能性）"),
        _re(
            r"(漏洩|漏えい|流出|漏れ|誤送信|誤送付|誤って送|別の.{0,12}(?:送|郵送)|(?:送|郵送)(?:って|して)しま|紛失|置き忘れ|"
            r"盗難|盗まれ|なくし|失くし|不正アクセス|ランサムウェア|感染|閲覧できる状態|見られる状態)"
        ),
        requires=_RECENT,
    ),
    Rule(
        "report_duty",
        gettext_noop("報告義務・報告期限の質問"),
        _re(
            r"(報告義務|報告(?:しなければ|しないと|する必要|が必要|は必要|って義務|は義務|の義務|の期限|期限|対象)|"
            r"個情委|個人情報保護委員会|ppc|速報|確報|届け?出(?:の|は|が)?(?:義務|必要|期限))"
        ),
    ),
    Rule(
        "leak_event",
        gettext_noop("情報漏洩・紛失の記述"),
        _re(
            r"(漏洩|流出|漏れ|誤送信|紛失|置き忘れ|盗難|盗まれ|なくし|失くし|閲覧できる状態|見える状態|"
            r"見られる状態|公開状態|全員公開|抜かれ|持ち出|抜き取|さらされ|晒され|誤って廃棄|宛先をbcc)"
        ),
    ),
    Rule(
        "intrusion",
        gettext_noop("不正アクセス・乗っ取りの記述"),
        _re(
            r"(不正アクセス|不正ログイン|不正に?ログインされ|乗っ取ら|乗っ取り|ハッキング|侵入|ログインされ|"
            r"踏み台|知らない(?:管理者|端末|アカウント)|見覚えのない|身に覚えのない)"
        ),
    ),
    Rule(
        "malware",
        gettext_noop("マルウェア感染の記述"),
        _re(
            r"((?:ウイルス|マルウェア|emotet|トロイの木馬|トロイ|trojan|ランサムウェア|スパイウェア)[」』\"]?(?:に|が|を|の)?"
            r"(?:感染|検知|検出|入っ|入れられ|っぽい)|感染し|emocheck|edr.{0,8}アラート)"
        ),
    ),
    Rule("ransomware_word", gettext_noop("ランサムウェアへの言及"), _re(r"ランサムウェア")),
    Rule(
        "attack_word",
        gettext_noop("攻撃・ハッキングへの言及"),
        _re(r"(攻撃|ハッキング|ハック|サイバー攻撃|アタック|ddos)"),
    ),
    Rule(
        "deface",
        gettext_noop("改ざん・不正な埋め込みの記述"),
        _re(r"(改ざん|書き換えられ|勝手に転送|スキミング|不審なjavascript|転送ルール|偽の?ログイン画面)"),
    ),
    Rule(
        "credential_entered",
        gettext_noop("認証情報・カード情報の入力"),
        _re(
            r"(idパスワード|id|パスワード|カード(?:番号|情報)|otp|暗証番号|クレジットカード).{0,12}"
            r"(入力し|入れ(?:た|ちゃ|て)|伝え|教えて(?:しま|しちゃ))"
        ),
    ),
    Rule(
        "impersonation",
        gettext_noop("なりすまし・偽サイトの記述"),
        _re(
            r"(なりすまし|なりすま|偽の|偽サイト|偽物|偽アカウント|偽広告|を装|を騙|騙る|を名乗|名乗る|騙っ|"
            r"似た(?:ドメイン|アドレス)|1文字違い|1文字だけ異な|一文字違い)"
        ),
    ),
    Rule("fraud_word", gettext_noop("詐欺への言及"), _re(r"(詐欺|だまされ|騙され|偽請求|架空請求|ワンクリック)")),
    Rule(
        "personal",
        gettext_noop("個人（私的）の事案"),
        _re(
            r"(個人(?!情報|事業|データ|名)(?:の|で|的|として|用|名義)?|私的|私事|プライベート|私物|家族|自宅|家の|実家|"
            r"息子|娘|母|父|兄|姉|妻|夫|子ども|子供|高校生|中学生|小学|大学生|(?:会社|業務|仕事)(?:とは|には|は|の業務とは)?"
            r"(?:関係(?:ない|なく|ありません|のない)|無関係))"
        ),
    ),
    Rule(
        "business",
        gettext_noop("事業者の事案"),
        _re(
            r""
            r"((?<!カード)(?<!保険)(?<!制作)(?<!リース)(?<!運営)(?<!サービス)(?<!通販)(?<!宅配)(?<!配送)(?<!ガス)(?<!電力)(?<!管理)(?<!証券)(?<!携帯)(?<!電話)(?<!通信)(?<!運送)(?<!警備)"
            r"会社(?!員)|弊社|当社|(?<!会)社員|従業員|社長|経理|総務|法人|取引先|事務所|店舗|顧客|職員|業務用|社用|会社用|"
            r"貸与|御社|工場|クリニック|医院|当院|当法人|事業所|お客様|お客さん)"
        ),
    ),
    Rule(
        "guide",
        gettext_noop("冊子・送付依頼の記述"),
        _re(
            r"(ガイドブック|ハンドブック|冊子|パンフレット|手引き|極意|落丁|送付先|宛名|部数|"
            r"(?:の|い|た|あの|その|この|都の)本(?![日当体物社部人件番来格気名])|テキスト|[0-9]+(?:部|冊)(?!署|門|分)|送付)"
        ),
    ),
    Rule(
        "media_vendor",
        gettext_noop("取材・営業・研究依頼の記述"),
        _re(
            r"(取材|インタビュー|編集部|記者|ディレクター|番組|卒業論文|卒論|ゼミの研究|弊社製品|弊社のサービス|"
            r"ご提案|推奨製品|販売代理店|営業(?:部|担当)|無料トライアル|会員になる|相談員の募集|就職|働け)"
        ),
    ),
    Rule(
        "law",
        gettext_noop("法令・契約・責任に関する質問"),
        _re(
            r"(法律|法的|違法|合法|義務|契約書|約款|規約|条項|賠償|著作権|個人情報保護法|gdpr|弁護士|名誉毀損|"
            r"開示請求|責任|法上|特定商取引法|商標|肖像権|プライバシー侵害|懲戒|就業規則|守秘義務|善管注意|法務|"
            r"同意|第三者提供|内容証明|削除請求|確報|速報|報告義務|報告対象)"
        ),
    ),
    Rule(
        "learn",
        gettext_noop("一般知識・啓発の要望"),
        _re(
            r"((?<=[ァ-ヴーa-z0-9一-龯])とは(?![言思])|って何|とは何|どういう(?:意味|こと|もの|仕組み)|仕組み|一般論|"
            r"一般的な(?:知識|ポイント|注意|仕組み)|セミナー|講師|勉強会|啓発|注意喚起|教材|統計|事例|用語|傾向|"
            r"最新動向|ニュースで|説明したい|説明する|知識)"
        ),
    ),
    Rule(
        "not_security",
        gettext_noop("セキュリティと無関係との記述"),
        _re(
            r"(セキュリティ(?:と|とは)(?:は)?(?:関係(?:ない|のない)|少し違う|無関係)|セキュリティではなく|"
            r"セキュリティじゃなく|落として壊れ|基本操作|使い方|やり方|設定方法|おすすめ|比較|料金|費用の目安)"
        ),
    ),
    Rule(
        "prevention_intent",
        gettext_noop("事前対策の相談"),
        _re(
            r"(対策|予防|未然|備え|事前|導入したい|導入を検討|検討して|ルール(?:作り|を作)|規程|今のうちに|"
            r"今のところ|被害はない|被害はありません|被害は出ていません|起きていない|問題は起きて|大丈夫|心配|不安)"
        ),
    ),
    Rule(
        "outage_cause",
        gettext_noop("障害原因（設定・故障・期限切れ）の記述"),
        _re(
            r"(期限切れ|有効期限|証明書|ssl|dns|mx|ネームサーバー|故障|停電|瞬停|落雷|雷|水漏れ|空調|エアコン|"
            r"容量|ライセンス|更新(?:後|した|したら|のあと|失敗)|アップデート|設定(?:変更|ミス)|機種変|水没|raid|"
            r"hdd|ssd|ブルースクリーン|異音|ファームウェア|障害|サブスクリプション|未払い|移転|移行)"
        ),
    ),
)

# English wording of the same cues (consulters from foreign-owned SMEs and foreign residents write in
# English). Text is NFKC-normalised and lower-cased before matching. Negation, questions and
# hypotheticals in English are recognised before the cue (classify_context).
_ENGLISH: dict[str, str] = {
    "ransom_note": r"ransom (?:note|demand|message)|pay (?:\d|in bitcoin|bitcoin|btc)|decrypt(?:ion)? key",
    "encrypted": r"(?:were|was|are|got|been|being) encrypted|encrypting|file extensions? (?:changed|were changed)",
    "ransomware_infection": r"ransomware (?:attack|infection|hit|on our)|hit by ransomware|"
    r"infected (?:with|by) ransomware",
    "remote_now": r"remote(?:ly)?[ -]control|remote access (?:app|tool|software)|mouse (?:is )?moving by itself",
    "money_sent": r"(?:transferred|wired|sent|paid|remitted) (?:the |about |around |us ?\$|usd |jpy |¥|\d)|"
    r"(?:bought|purchased) (?:gift|itunes|apple|google play|amazon) ?cards?|money (?:was|"
    r"has been) (?:taken|withdrawn)|"
    r"unauthori[sz]ed (?:charges?|payments?|withdrawals?)",
    "extortion": r"blackmail|extort|threaten|unless (?:we|you|i) pay|or (?:they|he|"
    r"she) will (?:publish|leak|release|post)",
    "data_for_sale": r"for sale|being sold|sold on|dark ?web|leak site",
    "personal_threat": r"stalk|kill (?:me|us|you)|threat(?:s|ened)? (?:to|against) (?:my|our) (?:life|safety|family)",
    "outage_now": r"\bdown\b|not working|stopped working|cannot (?:access|log ?in|connect|open|send|"
    r"receive|start|boot|print)|"
    r"can't (?:access|log ?in|connect|open|send|receive|start|boot)|crashed|unreachable|(?:is|are) offline",
    "deadline": r"\bdeadline\b|due (?:today|tomorrow)|by (?:today|tomorrow|end of (?:the )?day)",
    "urgency_word": r"\burgent|\basap\b|immediately|emergency|right away",
    "leak_event": r"\bleak(?:ed|ing)?\b|exposed|sent (?:to the wrong|by mistake)|wrong (?:recipient|"
    r"address)|misdirected|"
    r"\blost (?:a|an|our|the|my)\b|stolen|publicly (?:visible|accessible)",
    "intrusion": r"unauthori[sz]ed (?:access|log ?ins?|sign[ -]ins?)|hacked|compromised|taken over|hijack|"
    r"someone (?:logged|signed) in|unknown (?:admin|device|login)",
    "malware": r"\bvirus\b|malware|infected|emotet|trojan|edr (?:alert|detected)|antivirus (?:detected|flagged)",
    "ransomware_word": r"ransomware",
    "attack_word": r"\battack|\bhack(?:er|ing)?\b|ddos",
    "deface": r"defaced|tampered|skimm|altered (?:our|the) (?:site|page)|forwarding rule",
    "credential_entered": r"(?:entered|typed|gave|told (?:them|him|her)) (?:in )?(?:my |our |the )?"
    r"(?:password|card (?:number|details)|credit card|credentials|otp|pin|one-time)",
    "impersonation": r"impersonat|pretending to be|posing as|look-?alike|spoof|fake (?:site|account|"
    r"shop|website|page|invoice)",
    "fraud_word": r"\bscam|fraud|phishing|\bfake\b",
    "personal": r"\bmy (?:own|personal|private)|personal (?:account|card|phone|computer|pc|email|instagram|facebook)|"
    r"\bmy (?:son|daughter|mother|father|wife|husband|family|parents|kids?)\b|\bat home\b|private (?:matter|account)",
    "business": r"our (?:company|office|firm|shop|store|staff|employees|clients?|customers?|clinic|"
    r"server|website|network)|"
    r"\bemployees?\b|\bk\.k\.|co\.,? ?ltd|\bwe are an? |\bsme\b",
    "guide": r"handbook|guidebook|guide ?book|booklet|brochure|pamphlet|\bcopies\b|printed (?:guide|edition|version)",
    "media_vendor": r"interview|journalist|reporter|\bmagazine|tv (?:program|show)|thesis|research project|"
    r"our (?:product|service|solution)s?\b|free trial|partnership|sales (?:team|representative)",
    "law": r"\blaw\b|\blegal|liab|contract|obligat|\bgdpr|\bappi\b|lawyer|attorney|personal information protection|"
    r"report(?:ing)? (?:duty|obligation|deadline)|\bcomply|compliance|\bsue\b|damages",
    "learn": r"seminar|lecture|workshop|\btalk (?:for|to|at)|what (?:is|are|does)|explain|awareness|"
    r"statistics|trends|"
    r"materials? for (?:our )?(?:staff|employees)",
    "not_security": r"recommend (?:a|an|some)|how (?:do i|to) (?:use|set up|setup|install)|"
    r"which (?:is|one is) (?:better|cheaper)|"
    r"\bprice|\bcost\b|not (?:a )?security",
    "prevention_intent": r"prevent|protect (?:our|against)|prepar|countermeasure|\bmeasures\b|"
    r"best practice|\bpolicy\b|"
    r"before (?:it|anything) happens|(?:are|is) we (?:safe|ok)|\bworried\b|concerned|no (?:damage|"
    r"incident) (?:yet|so far)",
    "outage_cause": r"certificate|expired|\bdns\b|\bmx\b|disk|\braid\b|hardware|power (?:outage|cut|failure)|"
    r"\bupdate|licen[cs]e|failure|broken|firmware",
}
RULES = tuple(
    replace(rule, pattern=_re(f"{rule.pattern.pattern}|{_ENGLISH[rule.code]}")) if rule.code in _ENGLISH else rule
    for rule in RULES
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
    r"(たら|た場合|る場合|の場合|場合の|場合は|^いように|^いよう|に備え|対策|を防|防止|されないか|にならない|ないように|予防|る前に|"
    r"と聞|って聞|を聞|のニュース|ニュースで|事例|とは|って何|っていう|というの|について(?:教|知)|に関する)"
)
_HYPOTHETICAL_BEFORE = re.compile(
    r"(もし|万一|万が一|仮に|将来|いざ|有事|同業|他社|ニュース|知人の|取引先が|の(?:とき|時|際)(?:に|は)|る(?:とき|際)(?:に|は))"
)
# Hearsay right after the cue (「暗号化されるって聞いた」) crosses the te-form cut.
_HEARSAY = re.compile(r"^[ぁ-ゖ]{0,4}(?:と聞|って聞|とニュース)")
# English puts negation and conditions before the cue: "there is no ransom note", "if ransomware hits us".
_EN_NEGATION_BEFORE = re.compile(r"(?:\bno|\bnot|n't|\bnever|\bwithout|\bnor)(?:\s+[a-z-]+){0,3}\s*$")
_EN_HYPOTHETICAL_BEFORE = re.compile(
    r"(?:\bif|in case|what (?:should|do|would) we do|\bprevent|\bavoid|against|\bheard|\bnews|other compan)"
    r"(?:\s+[a-z-]+){0,4}\s*$"
)
_EN_WINDOW_BEFORE = 40
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
    english_before = sentence[max(0, start - _EN_WINDOW_BEFORE) : start]
    if _EN_NEGATION_BEFORE.search(english_before):
        return "negated"
    if _EN_HYPOTHETICAL_BEFORE.search(english_before):
        return "hypothetical"
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
    "negated": gettext_noop("（否定形）"),
    "question": gettext_noop("（疑問形）"),
    "hypothetical": gettext_noop("（仮定・伝聞）"),
}
# The suffixes a reason can carry, for display code that translates reasons part by part.
CONTEXT_SUFFIXES: tuple[str, ...] = tuple(suffix for suffix in _CONTEXT_SUFFIX.values() if suffix)
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
