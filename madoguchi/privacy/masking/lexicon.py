"""Word lists the detectors use: what must never be masked, honorifics, titles, surnames."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from madoguchi.privacy.masking.normalize import fold

_DATA = Path(__file__).parent / "data"

# Public organisations, products and vendors the FAQ needs by name. Never personal data.
MUST_KEEP: tuple[str, ...] = (
    # public bodies and desks
    "警視庁", "警察庁", "警察署", "警察", "都道府県警察", "サイバー犯罪相談窓口", "サイバー犯罪対策課",
    "IPA", "情報処理推進機構", "情報セキュリティ安心相談窓口", "JPCERT/CC", "JPCERT", "JPCERTコーディネーションセンター",
    "個人情報保護委員会", "東京都", "国民生活センター", "消費生活センター", "消費者ホットライン",
    "NISC", "NCO", "内閣サイバーセキュリティセンター", "国家サイバー統括室", "法テラス", "日本司法支援センター",
    "総務省", "経済産業省", "中小企業庁", "金融庁", "消費者庁", "厚生労働省", "デジタル庁", "内閣府",
    "東京商工会議所", "商工会議所", "商工会", "東京都中小企業振興公社", "中小企業振興公社", "よろず支援拠点",
    "弁護士会", "日本弁護士連合会", "J-CRAT", "J-CSIP", "日本サイバー犯罪対策センター", "JC3",
    "ここからセキュリティ", "SECURITY ACTION", "サイバーセキュリティお助け隊", "お助け隊",
    "労働基準監督署", "税務署", "年金事務所", "ハローワーク", "保健所", "区役所", "市役所",
    # products, services and vendors
    "Windows", "Windows 10", "Windows 11", "Windows Server", "macOS", "iPhone", "iPad", "Android", "Linux",
    "FortiGate", "FortiOS", "Fortinet", "Emotet", "LockBit", "Microsoft", "Microsoft 365", "Office 365",
    "Outlook", "Teams", "Exchange", "Excel", "Word", "PowerPoint", "OneDrive", "SharePoint", "Azure",
    "Google", "Gmail", "Google Workspace", "Chrome", "Edge", "Firefox", "Safari", "Apple", "Amazon", "AWS",
    "LINE", "Zoom", "Slack", "Dropbox", "Box", "WordPress", "Shopify", "PayPay", "楽天", "Yahoo!", "ヤフー",
    "マイクロソフト", "グーグル", "アップル", "アマゾン", "トレンドマイクロ", "ウイルスバスター", "ノートン",
    "カスペルスキー", "ESET", "Defender", "Microsoft Defender", "VPN", "Pulse Secure", "Ivanti", "Citrix",
    "SonicWall", "Cisco", "Palo Alto", "YAMAHA", "ヤマハ", "NEC", "富士通", "NTT", "NTTドコモ", "ドコモ",
    "KDDI", "au", "ソフトバンク", "SoftBank", "ゆうちょ銀行", "みずほ銀行", "三菱UFJ銀行", "三井住友銀行",
    "りそな銀行", "楽天銀行", "PayPay銀行", "日本郵便", "ヤマト運輸", "佐川急便", "メルカリ", "Visa", "JCB",
    # job titles and roles
    "代表取締役", "取締役", "社長", "副社長", "専務", "常務", "部長", "課長", "係長", "主任", "店長", "所長",
    "院長", "理事長", "会長", "事務長", "担当者", "経理担当", "総務担当", "情報システム担当", "システム管理者",
    "相談員", "専門相談員",
)

# Names of public bodies' web domains; these and their subdomains are kept with their URLs.
PUBLIC_DOMAINS: tuple[str, ...] = (
    "go.jp", "lg.jp", "jpcert.or.jp", "ipa.go.jp", "npa.go.jp", "metro.tokyo.lg.jp", "ppc.go.jp",
    "kokusen.go.jp", "houterasu.or.jp", "nisc.go.jp", "soumu.go.jp", "meti.go.jp", "chusho.meti.go.jp",
    "tokyo-cci.or.jp", "tokyo-kosha.or.jp", "jc3.or.jp", "nichibenren.or.jp", "caa.go.jp", "fsa.go.jp",
    "microsoft.com", "google.com", "apple.com", "fortinet.com", "trendmicro.com", "jvn.jp", "nvd.nist.gov",
    "cisa.gov", "mitre.org", "cve.org", "github.com", "nisc.go.jp", "security-shien.ipa.go.jp",
)

HONORIFICS: tuple[str, ...] = ("さま", "様", "さん", "氏", "殿", "くん", "君", "ちゃん", "先生", "御中")

# Titles that follow a surname (田中部長) or precede a name (代表取締役 山田太郎); kept themselves.
TITLES: tuple[str, ...] = (
    "代表取締役社長", "代表取締役", "取締役", "社長", "副社長", "専務", "常務", "部長", "次長", "課長", "係長",
    "主任", "主査", "店長", "所長", "院長", "理事長", "会長", "事務長", "室長", "支店長", "工場長", "園長",
    "校長", "教授", "弁護士", "税理士", "司法書士", "行政書士", "社労士", "会計士", "医師", "さん",
)

# Words that take an honorific but are not names (お客様, ご担当者様, 御社様).
NOT_NAMES: frozenset[str] = frozenset(
    {
        "お客", "客", "皆", "みな", "皆々", "担当者", "ご担当者", "御担当者", "担当", "ご担当", "御社", "貴社",
        "先方", "利用者", "ユーザー", "ユーザ", "相談者", "会員", "取引先", "お取引先", "奥", "お子", "息子", "娘",
        "お父", "お母", "父", "母", "兄", "姉", "弟", "妹", "業者", "大家", "管理人", "隣", "お隣", "近所",
        "警察", "弁護士", "税理士", "先輩", "後輩", "上司", "部下", "社員", "従業員", "職員", "店員", "スタッフ",
        "サポート", "営業", "事務", "経理", "総務", "システム", "ベンダー", "メーカー", "保守業者", "同業者",
        "各位", "関係者", "関係各位", "ご家族", "家族", "皆様方", "方", "この方", "その方", "あの方", "相手", "相手方",
        "先", "御", "ご", "お", "様", "社長", "部長", "課長", "店長", "院長", "所長", "専務", "常務", "会長",
        "係長", "主任", "担当者各位", "購入者", "申込者", "登録者", "送信者", "差出人", "受信者", "発注者",
        "お得意", "得意先", "仕入先", "外注先", "委託先", "元請", "下請", "協力会社", "親会社", "子会社",
        "IT", "PC", "IT担当", "情シス", "エンジニア", "プログラマー", "セキュリティ", "専門家", "先生方",
        "窓口", "医療機関", "病院", "クリニック", "歯医者", "お医者", "学校", "役所", "区役所", "市役所", "会社",
    }
)

# Prefixes to cut off a run before a name or company (総務部佐藤 → 佐藤; 取引先山田商事 → 山田商事).
CUT_AFTER: tuple[str, ...] = (
    "取引先", "弊社", "当社", "御社", "貴社", "委託先", "外注先", "親会社", "子会社", "関連会社", "同業",
    "顧客", "元請", "下請", "保守業者", "業者", "担当者", "担当", "営業部", "総務部", "経理部", "管理部",
    "システム部", "情報システム部", "開発部", "技術部", "業務部", "人事部", "部", "課", "室", "係", "グループ",
    "チーム", "支店", "営業所", "本社", "工場", "店", "社員", "社長", "部長", "課長", "係長", "主任", "代表",
    "元社員", "元従業員", "従業員", "退職者", "前任", "後任", "同僚", "上司", "部下", "先輩", "後輩", "宛",
    "差出人", "送信者", "名義", "氏名", "名前", "相談者", "申込者", "代表者", "連絡先",
)

COMPANY_FORMS: tuple[str, ...] = (
    "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "(株)", "(有)", "(合)", "(同)", "(資)",
    "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人", "特定非営利活動法人", "NPO法人",
    "医療法人社団", "医療法人", "社会福祉法人", "学校法人", "税理士法人", "弁護士法人", "司法書士法人",
    "行政書士法人", "監査法人", "社会保険労務士法人", "カ)", "ユ)", "ド)",
)

# Words that end a company name without a legal form (山田精機, サンプル商事).
COMPANY_SUFFIXES: tuple[str, ...] = (
    "商事", "商会", "商店", "物産", "産業", "工業", "興業", "工務店", "工房", "製作所", "精機", "精工", "電機",
    "電気", "電工", "技研", "建設", "建工", "運輸", "運送", "物流", "印刷", "製薬", "薬局", "食品", "製菓",
    "不動産", "住建", "設計", "事務所", "法律事務所", "会計事務所", "税理士事務所", "特許事務所", "クリニック",
    "歯科", "歯科医院", "医院", "整骨院", "接骨院", "システムズ", "ソリューションズ", "テクノロジー",
    "テクノロジーズ", "ホールディングス", "コーポレーション", "エンタープライズ", "ラボ", "デザイン",
    "ネットワークス", "コンサルティング", "トレーディング", "総研",
    "鉄工所", "木材", "硝子", "紙業", "繊維", "織物", "酒造", "製菓", "雑貨店", "物流",
)

# Runs that look like a company name before a suffix but are generic (大手電機, 地元の工務店).
GENERIC_COMPANY_HEADS: frozenset[str] = frozenset(
    {
        "大手", "地元", "同業", "中小", "某", "地域", "近所", "取引先", "弊社", "当社", "御社", "貴社", "委託",
        "外注", "元請", "下請", "保守", "個人", "一般", "別の", "他の", "外部", "国内", "海外", "系列", "関連",
        "協力", "知人の", "友人の", "ネット", "IT", "情報", "通信", "セキュリティ", "システム", "法律", "会計",
        "税理士", "特許", "設計", "総合", "専門", "電気", "電子", "建設", "不動産", "印刷", "物流", "運送",
        "食品", "歯科", "医療", "管理", "販売", "製造", "自社", "他社", "各社", "御", "貴", "弊", "当", "同",
        "デザイン", "自宅兼", "自宅", "建築", "個人事業", "設計事務", "本社", "支社", "営業", "クラウド", "Web", "ウェブ",
    }
)

PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)

# Tokyo's wards and a few large cities, so an address without a prefecture is still found.
MUNICIPALITIES: tuple[str, ...] = (
    "千代田区", "中央区", "港区", "新宿区", "文京区", "台東区", "墨田区", "江東区", "品川区", "目黒区",
    "大田区", "世田谷区", "渋谷区", "中野区", "杉並区", "豊島区", "北区", "荒川区", "板橋区", "練馬区",
    "足立区", "葛飾区", "江戸川区", "八王子市", "立川市", "武蔵野市", "三鷹市", "府中市", "調布市",
    "町田市", "小金井市", "小平市", "日野市", "国分寺市", "国立市", "西東京市", "多摩市", "稲城市",
    "青梅市", "昭島市", "東村山市", "狛江市", "清瀬市", "東久留米市", "武蔵村山市", "羽村市", "あきる野市",
    "横浜市", "川崎市", "相模原市", "さいたま市", "千葉市", "大阪市", "名古屋市", "京都市", "神戸市",
    "札幌市", "仙台市", "福岡市", "広島市", "北九州市", "堺市", "浜松市", "静岡市", "新潟市", "岡山市",
    "熊本市", "川口市", "船橋市", "柏市", "松戸市", "市川市", "所沢市", "越谷市", "藤沢市", "横須賀市",
)


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(kanji surnames, katakana readings) from data/surnames.tsv."""
    kanji: set[str] = set()
    kana: set[str] = set()
    for line in (_DATA / "surnames.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        kanji.add(fold(parts[0].strip()))
        if len(parts) > 1 and parts[1].strip():
            kana.add(_to_katakana(parts[1].strip()))
    return frozenset(kanji), frozenset(kana)


def _to_katakana(hiragana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hiragana)


@cache
def must_keep_folded() -> tuple[str, ...]:
    """Must-keep words in detection form, longest first."""
    return tuple(sorted({fold(w) for w in MUST_KEEP}, key=len, reverse=True))
