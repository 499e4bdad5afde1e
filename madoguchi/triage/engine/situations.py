# ruff: noqa: E501  (the cue table keeps one regular expression per line, as written)
"""What happened (相談の状況): cue patterns per situation, the labelling helper, and the multi-label head.

Situation codes are those of referrals/data/situations.yaml (the names live there). A situation is
detected when the one-vs-rest head's out-of-fold calibrated score passes its own threshold, or when an
asserted cue for it stands in the text (cues are context-classified like the triage rules: negated,
hypothetical and hearsay mentions do not count).

The training labels (`situations` on every corpus line) were first proposed by `cue_situations` plus
the category defaults in `default_situations`, then reviewed by hand on samples (docs/triage.md,
"Situation labels"); the head learns from those labels, so it generalises beyond the cue wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from madoguchi.triage.engine.rules import classify_context
from madoguchi.triage.engine.text import split_sentences

# Every code the engine may output (a subset of situations.yaml; order = display order on ties).
SITUATION_CODES: tuple[str, ...] = (
    "ransomware_infection",
    "emotet_infection",
    "malware_infection",
    "unauthorized_access",
    "account_takeover",
    "targeted_attack",
    "defacement",
    "ddos",
    "web_skimming",
    "personal_data_leaked",
    "my_number_leak",
    "trade_secret",
    "insider_leak",
    "misdelivery",
    "device_lost",
    "money_transferred",
    "netbanking_fraud",
    "bec",
    "phishing_received",
    "phishing_brand_abuse",
    "fake_shop",
    "shopping_fraud_victim",
    "spam",
    "sextortion",
    "extortion",
    "support_scam",
    "one_click_fraud",
    "defamation",
    "harassment",
    "illegal_content",
    "copyright_infringement",
    "outage",
    "data_loss",
    "network_trouble",
    "device_malfunction",
    "vulnerability_notice",
    "prevention_advice",
    "subsidy_support",
    "security_training",
    "telework_security",
    "legal_question",
    "consumer_trouble",
    "it_general_question",
    "guidebook_request",
)

# Cue patterns on normalised text (text.normalize: NFKC, lower case, パソコン→pc, ホームページ→hp, 振り込み→振込,
# 漏えい→漏洩, ビットコイン→btc, 乗っとり→乗っ取り). Wording seen in the seed and the retired held-out sets.
_CUES: dict[str, str] = {
    "ransomware_infection": r"復元したければ|暗号化中|ファイル名(?:が)?(?:どんどん|次々|勝手に)?変わ|拡張子(?:が)?(?:.{0,12})(?:変わ|ランダム)|ランサムウェア|身代金|暗号化され|拡張子が(?:全部|すべて|勝手に)?(?:変わ|変更)|read_?me|ransom|復号(?:ツール|キー|鍵|と引き換え)|"
    r"\.lockbit|ファイルが(?:全部|すべて)?開けな|脅迫文が表示|encrypted",
    "emotet_infection": r"emotet|emocheck|過去のメール(?:を|の)(?:引用|やり取り)|返信を装",
    "malware_infection": r"コンテンツの有効化|編集を有効|ウイルス(?:に|が)?(?:感染|検知|入っ|が入|付き)|マルウェア|トロイ|malware|virus|ウイルス対策ソフトが(?:反応|検知|警告)|"
    r"不審な(?:添付|ファイル)を開|添付(?:ファイル)?を開いてしま|マクロ(?:付き|を有効)|感染(?:した|して|の疑い|したかも)",
    "unauthorized_access": r"知らない(?:管理者|ip)|見知らぬ(?:端末|管理者|ip)|覚えのない[^。]{0,12}(?:ユーザ|アカウント)|(?:ファイル|データ)(?:が|を)?[^。]{0,10}ダウンロードされ|書き出す|入られ|入り込まれ|不正アクセス|侵入され|侵入の(?:形跡|痕跡)|身に覚えのない(?:ログイン|アクセス)|不審な(?:ログイン|アクセス)|"
    r"海外(?:の)?(?:ip(?:アドレス)?)?から(?:の)?(?:ログイン|アクセス)|踏み台|攻撃的な通信|不審な通信|知らない(?:機器|アカウント|ユーザ)|管理者権限|unauthori[sz]ed access|vpn(?:機器)?(?:から|経由で)侵入|webshell|バックドア",
    "account_takeover": r"(?:アカウント|id)(?:に|へ)(?:不正に)?ログインされ|不正にログインされ|勝手に(?:売|課金|購入|買われ|交換)|signed into|someone (?:logged|signed) in|乗っ取(?:ら|り)|パスワードを(?:勝手に)?変更され|ログインできなくな|勝手に(?:投稿|送信|dm|メール|転送)|不正ログイン|"
    r"なりすましてメール|アカウントが(?:使われ|操作され)|hacked|account (?:was )?(?:taken over|compromised)|転送設定",
    "targeted_attack": r"標的型|特定の(?:社員|部署)を狙|apt",
    "defacement": r"改ざん|書き換えられ|hpに(?:知らない|見知らぬ|不審な|変な)|hpが(?:おかしな|変な|知らない)|トップページが|defac",
    "ddos": r"ddos|dos攻撃|大量(?:の)?(?:アクセス|通信|リクエスト)|アクセスが集中|サービス妨害|f5攻撃",
    "web_skimming": r"クレジットマスター|カード(?:の)?(?:承認エラー|不正利用)|スキミング|決済画面(?:が|を)?(?:改ざん|偽)|カード情報(?:が|を)?(?:漏洩|流出|抜き取|盗ま)|カード(?:番号|情報)が(?:漏|流出|不正利用)|"
    r"クレジットカードの不正利用|不正利用の(?:連絡|通知|疑い)|skimm",
    "personal_data_leaked": r"個人情報|顧客(?:情報|リスト|名簿|データ)|名簿|漏洩|流出|持ち出|情報が(?:漏|出回)|personal data|customer (?:data|list)|data breach|leak",
    "my_number_leak": r"マイナンバー|個人番号|特定個人情報",
    "trade_secret": r"営業秘密|図面|設計(?:データ|図)|技術情報|ノウハウ|不正競争防止法",
    "insider_leak": r"(?:元|退職した|退職予定の|辞めた)(?:社員|従業員|スタッフ|役員|営業)|退職者|従業員が(?:持ち出|漏|コピー)|社員が(?:持ち出|私物|usb)|"
    r"(?:持ち出|コピーして持ち|私用(?:の)?(?:メール|クラウド)に転送)|former employee",
    "misdelivery": r"誤送信|誤送付|誤配|誤って(?:別の|違う|他の)?(?:宛先|人|相手|お客|顧客|取引先)|宛先を間違|間違えて(?:送|メール)|bccに?すべき|ccで一斉|"
    r"cc(?:に|で)(?:全員|入れて)|fax(?:を|の)?誤|sent (?:it )?to the wrong",
    "device_lost": r"紛失|なくし|無くし|置き忘れ|落とし(?:た|て)|盗まれ|盗難|車上荒らし|ひったくり|見当たらな|lost (?:a|my|our|the)|stolen",
    "money_transferred": r"(?:コンビニ|電子マネー|ギフトカード)[^。]{0,20}(?:買|購入)[^。]{0,15}(?:番号|コード)(?:を)?(?:伝え|送)|(?:振込|送金|振り込|入金|支払)(?:ん)?(?:だ|で|し|っ|済|を実行|てしまっ)|払ってしま|支払ってしま|万円(?:を)?(?:振込|送金|払|支払|入れ)|"
    r"(?:電子マネー|ギフトカード|プリペイド|ギフト券|アマゾンギフト|itunes|google ?play)(?:で|を)?(?:払|支払|購入|買|番号)|"
    r"組戻|口座(?:に|へ)(?:振込|送金)|wired?|transferred|paid",
    "netbanking_fraud": r"ネットバンキング|インターネットバンキング|ネットバンク|法人口座から(?:勝手|不正|身に覚え)|不正送金|身に覚えのない(?:振込|送金|出金)|"
    r"口座から(?:勝手に|知らない間に)?(?:引き出|送金|出金)|online banking",
    "bec": r"取引先を(?:装|名乗|かた|騙)|(?:社長|代表|上司|役員)(?:を)?(?:かた|騙|装|名乗)|口座変更|ビジネスメール詐欺|bec|振込先(?:口座)?(?:の)?変更|口座(?:が|を)?変更(?:になった|した|された|の連絡|のお知らせ)|新しい口座|請求書の(?:口座|振込先)|"
    r"社長(?:を名乗|になりすま|から(?:の)?(?:メール|line|指示))|口座が(?:前と|いつもと)?違う|偽(?:の)?請求(?:書)?|ceo fraud|change of bank|bank details",
    "phishing_received": r"偽の(?:予約|購入|通販|銀行|公式)?サイト|料金未納|(?:装|名乗|かた)った(?:メール|sms)|idとパスワード(?:を)?(?:教え|入力)|フィッシング|偽(?:の)?(?:サイト|ページ|メール|sms|ログイン)|本物そっくり|そっくりな(?:サイト|画面|メール|ログイン)|"
    r"(?:ログイン|認証)(?:画面|ページ)(?:に|で)?(?:id|パスワード|入力)|(?:id|パスワード|カード(?:番号|情報)?)を(?:入力|入れ)てしま|"
    r"smsのリンク|(?:id|パスワード)(?:と|や)?(?:パスワード)?を(?:教えて|伝えて)しま|sms(?:で|に)(?:届い|来)|宅配業者を(?:名乗|装)|不在通知|phish|fake login",
    "phishing_brand_abuse": r"(?:当社|弊社|うち|自社)(?:の)?(?:名前|名|ロゴ|ブランド|サイト)を(?:かた|騙|語|装|使っ|悪用)|(?:当社|弊社|自社|うち)をかたる|"
    r"(?:当社|弊社|自社|うち)(?:の|に)?(?:そっくり|似た|なりすまし)|(?:当社|弊社)になりすま|偽(?:の)?(?:アカウント|公式)",
    "fake_shop": r"(?:サイト|ショップ|店|販売(?:サイト|元)?)(?:に|と|は|が)?(?:連絡(?:が)?(?:つかな|取れな|とれな)|見れな|見られな|消え|閉鎖)|偽物が届|偽(?:の)?(?:通販|ショップ|ec)|詐欺サイト|なりすましec|偽ショップ|偽サイトで(?:買|注文)|(?:商品|品物)が(?:届かな|届いていな|来な)|"
    r"(?:届かな|届きません)|fake shop|never arrived",
    "shopping_fraud_victim": r"(?:通販|ネットショップ|フリマ|オークション|ネット通販)(?:で|サイトで)?(?:買|購入|注文)|(?:代金|お金)が戻|取り込み詐欺|代金未払",
    "spam": r"迷惑メール|スパム|spam|大量の(?:メール|広告)|広告メール|配信停止|ブラックリスト|blacklist|メールが大量に(?:届|来)",
    "sextortion": r"アダルト|性的|裸|わいせつ|恥ずかしい(?:動画|画像|姿)|webカメラで撮影|カメラで撮影した|sextortion|セクストーション",
    "extortion": r"(?:されたく|ほしけ|欲しけ|たけ)れば|支払え|払え|次の標的|脅迫|脅さ|脅し|恐喝|ばらま|公開する(?:と|ぞ)|金(?:銭)?を(?:要求|払え)|払わなければ|支払わなければ|口止め|爆破|殺す|"
    r"ゆすり|危害を加え|extort|threat|blackmail",
    "support_scam": r"サポート詐欺|警告(?:画面|音)|ウイルスに感染しています|(?:サポート|マイクロソフト|microsoft)(?:を名乗|と名乗|の)?(?:電話|窓口)|"
    r"(?:表示された|画面の)(?:電話番号|番号)に(?:電話|かけ)|遠隔(?:操作|ソフト)|リモート(?:操作|ソフト|接続)|anydesk|teamviewer|quick ?assist|"
    r"画面を(?:操作|動かされ)|tech support",
    "one_click_fraud": r"未払い料金|法的措置|ワンクリック|登録(?:完了|されました)|(?:架空|身に覚えのない)請求|有料(?:サイト|動画)の?(?:料金|登録)|退会料",
    "defamation": r"広められ|拡散され|晒され|誹謗中傷|中傷|悪口|悪評|口コミ|レビュー|書き込(?:み|まれ)|投稿され|掲示板|デマ|嘘(?:を|の)?(?:書|投稿|情報)|名誉|評判|炎上|"
    r"星1|低評価|削除(?:依頼|要請|したい|してほしい)|発信者情報|開示請求|defam|review",
    "harassment": r"紛失防止タグ|位置情報(?:が)?(?:共有|知られ)|帰り道|待ち伏せ|嫌がらせ|つきまと|ストーカー|執拗|しつこく|いたずら電話|harass",
    "illegal_content": r"違法(?:な)?(?:サイト|情報|コンテンツ|薬物)|児童ポルノ|違法・有害|有害情報",
    "copyright_infringement": r"転載され|著作権|無断(?:で)?(?:転載|使用|掲載|複製|コピー)|画像を(?:勝手に|無断)|パクリ|盗用|コピーサイト|海賊版|copyright",
    "outage": r"(?:動かな|起動しな|立ち上がらな|使えな|止まっ|停止|落ち|繋がらな|つながらな|ダウン|障害|エラー|不具合|固ま|フリーズ|印刷できな|"
    r"ログインできな|開けな|表示されな|送受信できな|受信できな|送信できな|遅)",
    "data_loss": r"(?:データ|ファイル|フォルダ|メール)(?:が|を)?(?:消え|消し|削除|なくな|無くな|消失|飛ん)|(?:初期化|フォーマット)してしま|上書き(?:して|され)|"
    r"バックアップ(?:が|を)?(?:ない|なかった|取って(?:い)?な|から(?:戻|復元))|復元(?:したい|できな|でき(?:る|ます)か)|復旧(?:したい|できな)|"
    r"データ復旧|容量(?:が)?(?:いっぱい|不足|満杯)|disk (?:is )?full|deleted|lost (?:the )?(?:data|files)",
    "network_trouble": r"ネット(?:ワーク)?(?:に|が)?(?:繋がらな|つながらな|遅|切れ|不安定)|インターネット(?:に|が)?(?:繋がらな|つながらな|遅|切れ|不安定)|"
    r"wi-?fi|無線lan|lan|ルータ|回線|プロバイダ|vpn(?:に|が)?(?:繋がらな|つながらな|接続できな)|dns|ip(?:アドレス)?|メール(?:が)?(?:届かな|送れな|送信できな|受信できな)|"
    r"network|internet|router",
    "device_malfunction": r"故障|壊れ|起動しな|立ち上がらな|電源(?:が)?(?:入らな|落ち|切れ)|ブルースクリーン|青い画面|再起動(?:を)?(?:繰り返|ループ)|"
    r"ハードディスク|hdd|ssd|nas|ディスク|異音|プリンタ|複合機|停電|ups|blue ?screen|won'?t (?:boot|start)|broken",
    "vulnerability_notice": r"脆弱性|セキュリティパッチ|アップデート(?:を)?(?:当て|適用)|修正プログラム|サポート(?:が)?終了|サポート切れ|eol|cve|vulnerab|patch",
    "prevention_advice": r"対策|予防|備え|強化|(?:何を|どこから|どう)(?:すれば|したら|始め)|おすすめ|推奨|導入(?:を)?(?:検討|したい)|セキュリティソフト|utm|edr|"
    r"バックアップ(?:の)?(?:方法|取り方|頻度)|mfa|パスワード(?:の)?(?:管理|ルール|設定)|ルール(?:作り|を作)|規程|ポリシー|チェックリスト|"
    r"診断(?:を)?(?:受け|し)|自己診断|prevent|protect|secure",
    "subsidy_support": r"補助金|助成金|助成|補助|支援(?:制度|事業|策)|お助け隊|security action|セキュリティアクション|専門家(?:の)?派遣|subsid|grant",
    "security_training": r"研修|講習|セミナー|勉強会|講師|教育|訓練|啓発|eラーニング|training|seminar|workshop",
    "telework_security": r"テレワーク|在宅勤務|リモートワーク|自宅(?:で|から)(?:仕事|作業|業務)|持ち帰り|byod|私物(?:の)?(?:pc|スマホ|端末)|remote work|work from home",
    "legal_question": r"法律|法的|違法|合法|義務|責任|損害賠償|賠償|契約(?:書)?|規約|訴え|訴訟|弁護士|報告(?:義務|しないと|すべき|が必要)|届出(?:が)?(?:必要|義務)|"
    r"個人情報保護法|gdpr|法令|条例|罰則|罰金|liable|liability|legal|lawyer|contract|obligation",
    "consumer_trouble": r"解約|返金|返品|高額(?:な)?(?:請求|契約)|契約(?:させられ|してしま)|クーリングオフ|定期購入|訪問販売|勧誘|儲か|投資|副業|"
    r"マッチングアプリ|出金できな|refund|cancel",
    "it_general_question": r"とは|って何|意味|違い|仕組み|教えて|知りたい|どういう|what is|what does|difference",
    "guidebook_request": r"ガイドブック|冊子|パンフレット|リーフレット|送付(?:して|いただ|をお願い)|部(?:ほど|ずつ|送って|いただ|欲し|ほしい)|資料(?:を)?(?:送|請求|配布)|"
    r"guidebook|booklet|brochure|copies",
}

CUE_PATTERNS: dict[str, re.Pattern[str]] = {code: re.compile(pattern) for code, pattern in _CUES.items()}

# Cues that are only evidence together with the consultation's kind: an outage word in a fraud story is
# not an outage, a 対策 in an incident report is not a prevention question. The labelling helper applies
# them only in the categories listed here.
_CATEGORY_BOUND: dict[str, frozenset[str]] = {
    "outage": frozenset({"urgent_outage", "general", "out_of_scope", "life_safety"}),
    "data_loss": frozenset({"urgent_outage", "general", "life_safety", "out_of_scope", "legal"}),
    "network_trouble": frozenset({"urgent_outage", "general", "out_of_scope", "life_safety"}),
    "device_malfunction": frozenset({"urgent_outage", "general", "out_of_scope", "life_safety"}),
    "prevention_advice": frozenset({"prevention"}),
    "subsidy_support": frozenset({"prevention", "general", "guidebook_request", "out_of_scope"}),
    "security_training": frozenset({"prevention", "general", "guidebook_request", "out_of_scope"}),
    "telework_security": frozenset({"prevention", "general", "legal", "life_safety"}),
    "vulnerability_notice": frozenset({"prevention", "general", "urgent_breach", "legal"}),
    "legal_question": frozenset({"legal"}),
    "consumer_trouble": frozenset({"life_safety", "legal", "out_of_scope", "general", "crime"}),
    "it_general_question": frozenset({"general"}),
    "guidebook_request": frozenset({"guidebook_request"}),
    "personal_data_leaked": frozenset({"urgent_breach", "legal", "crime", "life_safety"}),
    "shopping_fraud_victim": frozenset({"life_safety", "crime", "legal"}),
    "money_transferred": frozenset({"crime", "life_safety", "urgent_breach", "legal"}),
    "fake_shop": frozenset({"crime", "life_safety", "legal"}),
    "defamation": frozenset({"crime", "legal", "life_safety", "urgent_breach"}),
    "device_lost": frozenset({"urgent_breach", "legal", "crime", "life_safety"}),
    "trade_secret": frozenset({"urgent_breach", "legal", "crime"}),
    "malware_infection": frozenset({"urgent_breach", "crime", "life_safety"}),
    "extortion": frozenset({"crime", "urgent_breach", "life_safety", "legal"}),
    "harassment": frozenset({"crime", "life_safety", "legal"}),
    "account_takeover": frozenset({"urgent_breach", "crime", "life_safety", "legal"}),
    "unauthorized_access": frozenset({"urgent_breach", "crime", "life_safety", "legal"}),
    "insider_leak": frozenset({"urgent_breach", "crime", "legal"}),
    "misdelivery": frozenset({"urgent_breach", "legal", "crime", "life_safety"}),
    "support_scam": frozenset({"urgent_breach", "crime", "life_safety"}),
    "phishing_received": frozenset({"urgent_breach", "crime", "life_safety", "legal"}),
    "bec": frozenset({"urgent_breach", "crime", "legal", "life_safety"}),
    "netbanking_fraud": frozenset({"urgent_breach", "crime", "life_safety"}),
    "ddos": frozenset({"urgent_breach", "crime", "urgent_outage"}),
    "defacement": frozenset({"urgent_breach", "crime"}),
    "spam": frozenset({"crime", "life_safety", "general", "urgent_outage", "legal"}),
}

# When nothing more specific is found, the category's own situation.
_CATEGORY_DEFAULT: dict[str, str] = {
    "urgent_outage": "outage",
    "prevention": "prevention_advice",
    "legal": "legal_question",
    "general": "it_general_question",
    "guidebook_request": "guidebook_request",
}
# Situations that make the category default redundant (the consultation is about the incident).
_INCIDENT = frozenset(SITUATION_CODES) - {
    "outage",
    "prevention_advice",
    "legal_question",
    "it_general_question",
    "guidebook_request",
    "subsidy_support",
    "security_training",
    "telework_security",
    "vulnerability_notice",
    "consumer_trouble",
    "data_loss",
    "network_trouble",
    "device_malfunction",
}
_FRAUD_CONTEXT = frozenset(
    {
        "bec",
        "netbanking_fraud",
        "fake_shop",
        "support_scam",
        "consumer_trouble",
        "shopping_fraud_victim",
        "phishing_received",
        "extortion",
        "sextortion",
        "one_click_fraud",
    }
)
_OUTAGE_KINDS = frozenset({"data_loss", "network_trouble", "device_malfunction"})


@dataclass(frozen=True)
class CueHit:
    code: str
    excerpt: str


def cue_situations(*, body: str) -> list[CueHit]:
    """Situation cues asserted (or asked about) in a normalised body; negated and hypothetical ones skipped."""
    found: dict[str, CueHit] = {}
    for sentence in split_sentences(text=body):
        for code, pattern in CUE_PATTERNS.items():
            if code in found:
                continue
            for match in pattern.finditer(sentence):
                context = classify_context(sentence=sentence, start=match.start(), end=match.end())
                if context in ("asserted", "question"):
                    found[code] = CueHit(code=code, excerpt=match.group(0))
                    break
    return [found[code] for code in SITUATION_CODES if code in found]


def default_situations(*, body: str, category: str) -> list[str]:
    """The labelling helper: cue situations allowed in the category, plus the category's own default.

    Used to propose the corpus labels (reviewed by hand afterwards) and as the cue evidence at
    suggestion time (with the predicted category).
    """
    codes = [
        hit.code
        for hit in cue_situations(body=body)
        if category in _CATEGORY_BOUND.get(hit.code, frozenset({category}))
    ]
    if category == "urgent_outage" and "outage" not in codes:
        codes.insert(0, "outage")
    if category == "urgent_outage":
        codes = [code for code in codes if code not in ("device_lost", "personal_data_leaked")]
    # A payment alone is not a situation the desk acts on unless it went to a fraudster.
    if "money_transferred" in codes and not _FRAUD_CONTEXT & set(codes) and category not in ("crime", "life_safety"):
        codes.remove("money_transferred")
    if "personal_data_leaked" in codes and "outage" in codes:
        codes.remove("personal_data_leaked")
    default = _CATEGORY_DEFAULT.get(category)
    if default and default not in codes and not (_INCIDENT & set(codes)):
        codes.insert(0, default)
    if category == "general" and _OUTAGE_KINDS & set(codes) and "outage" not in codes:
        codes.insert(0, "outage")
    order = {code: i for i, code in enumerate(SITUATION_CODES)}
    return sorted(dict.fromkeys(codes), key=order.__getitem__)
