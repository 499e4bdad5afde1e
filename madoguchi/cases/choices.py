"""Choice lists of the consultation record (相談案件)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PHONE = "phone", _("電話")
    WEB = "web", _("Webフォーム")
    EMAIL = "email", _("メール")
    WALKIN = "walkin", _("来訪（窓口）")
    VISIT = "visit", _("出張相談")
    OTHER = "other", _("その他")


class Category(models.TextChoices):
    URGENT_BREACH = "urgent_breach", _("緊急：セキュリティ侵害発生")
    CRIME = "crime", _("法律違反の可能性（警視庁への相談を要する）")
    LEGAL = "legal", _("法律相談")
    URGENT_OUTAGE = "urgent_outage", _("緊急：システム障害")
    PREVENTION = "prevention", _("事前予防対策")
    GENERAL = "general", _("対策全般（啓発関連）")
    LIFE_SAFETY = "life_safety", _("生活安全関連")
    OUT_OF_SCOPE = "out_of_scope", _("セキュリティ関連外")
    GUIDEBOOK_REQUEST = "guidebook_request", _("ガイドブック送付依頼")


class Urgency(models.IntegerChoices):
    # Higher sorts first in every queue.
    CRITICAL = 3, _("至急")
    HIGH = 2, _("高")
    NORMAL = 1, _("通常")
    LOW = 0, _("低")


class Tier(models.IntegerChoices):
    FRONT = 1, _("一次対応")
    BACK = 2, _("二次対応")


class Industry(models.TextChoices):
    """日本標準産業分類 大分類 (令和5年7月改定)."""

    A = "A", _("A 農業，林業")
    B = "B", _("B 漁業")
    C = "C", _("C 鉱業，採石業，砂利採取業")
    D = "D", _("D 建設業")
    E = "E", _("E 製造業")
    F = "F", _("F 電気・ガス・熱供給・水道業")
    G = "G", _("G 情報通信業")
    H = "H", _("H 運輸業，郵便業")
    I = "I", _("I 卸売業，小売業")  # noqa: E741
    J = "J", _("J 金融業，保険業")
    K = "K", _("K 不動産業，物品賃貸業")
    L = "L", _("L 学術研究，専門・技術サービス業")
    M = "M", _("M 宿泊業，飲食サービス業")
    N = "N", _("N 生活関連サービス業，娯楽業")
    O = "O", _("O 教育，学習支援業")  # noqa: E741
    P = "P", _("P 医療，福祉")
    Q = "Q", _("Q 複合サービス事業")
    R = "R", _("R サービス業（他に分類されないもの）")
    S = "S", _("S 公務（他に分類されるものを除く）")
    T = "T", _("T 分類不能の産業")


class EmployeeBand(models.TextChoices):
    B1_5 = "1-5", _("1〜5人")
    B6_20 = "6-20", _("6〜20人")
    B21_50 = "21-50", _("21〜50人")
    B51_100 = "51-100", _("51〜100人")
    B101_300 = "101-300", _("101〜300人")
    B301 = "301-", _("301人以上")
    UNKNOWN = "unknown", _("不明")


PREFECTURES = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
]

TOKYO_MUNICIPALITIES = [
    "千代田区",
    "中央区",
    "港区",
    "新宿区",
    "文京区",
    "台東区",
    "墨田区",
    "江東区",
    "品川区",
    "目黒区",
    "大田区",
    "世田谷区",
    "渋谷区",
    "中野区",
    "杉並区",
    "豊島区",
    "北区",
    "荒川区",
    "板橋区",
    "練馬区",
    "足立区",
    "葛飾区",
    "江戸川区",
    "八王子市",
    "立川市",
    "武蔵野市",
    "三鷹市",
    "青梅市",
    "府中市",
    "昭島市",
    "調布市",
    "町田市",
    "小金井市",
    "小平市",
    "日野市",
    "東村山市",
    "国分寺市",
    "国立市",
    "福生市",
    "狛江市",
    "東大和市",
    "清瀬市",
    "東久留米市",
    "武蔵村山市",
    "多摩市",
    "稲城市",
    "羽村市",
    "あきる野市",
    "西東京市",
    "瑞穂町",
    "日の出町",
    "檜原村",
    "奥多摩町",
    "大島町",
    "利島村",
    "新島村",
    "神津島村",
    "三宅村",
    "御蔵島村",
    "八丈町",
    "青ヶ島村",
    "小笠原村",
]


class EventKind(models.TextChoices):
    RECEIVED = "received", _("受付")
    NOTE = "note", _("メモ")
    ASSESSMENT = "assessment", _("状況判断")
    RESEARCH = "research", _("調査メモ")
    CALL_IN = "call_in", _("電話（着信）")
    CALL_OUT = "call_out", _("電話（発信）")
    EMAIL_IN = "email_in", _("メール受信")
    EMAIL_OUT = "email_out", _("メール送信")
    TRIAGE = "triage", _("区分判定")
    DISPATCH = "dispatch", _("二次対応へ回付")
    ASSIGN = "assign", _("担当者変更")
    STATUS = "status", _("状態変更")
    CALLBACK = "callback", _("折り返し予定")
    CALLBACK_DONE = "callback_done", _("折り返し完了")
    INQUIRY = "inquiry", _("外部機関への照会")
    POLICE_FLAG = "police_flag", _("警察相談フラグ")
    ANSWER_DRAFT_SAVED = "answer_draft_saved", _("回答案の保存")
    APPROVAL_REQUESTED = "approval_requested", _("承認依頼")
    APPROVED = "approved", _("承認")
    REJECTED = "rejected", _("差戻し")
    ANSWER_SENT = "answer_sent", _("回答送付")
    EDIT = "edit", _("記録の修正")
    MERGED = "merged", _("重複統合")
    REOPENED = "reopened", _("再開")
    CLOSED = "closed", _("完了")
    PLAYBOOK = "playbook", _("事故対応フロー")
    GUIDEBOOK_REQUEST = "guidebook_request", _("ガイドブック送付依頼")
    ATTACHMENT = "attachment", _("添付ファイル")
    FAQ_USED = "faq_used", _("よくある質問の利用")


# Response targets a new desk starts with (setup_desk): minutes until the first response, counted in business hours
# (urgent: 30 minutes, as the desk promises).
DEFAULT_TARGETS = {
    Category.URGENT_BREACH: 30,
    Category.URGENT_OUTAGE: 30,
    Category.CRIME: 60,
    Category.LEGAL: 8 * 60,
    Category.PREVENTION: 16 * 60,
    Category.GENERAL: 16 * 60,
    Category.LIFE_SAFETY: 8 * 60,
    Category.OUT_OF_SCOPE: 16 * 60,
    Category.GUIDEBOOK_REQUEST: 24 * 60,
}
