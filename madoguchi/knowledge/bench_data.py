"""Deterministic synthetic consultations for the search benchmark. Every name here is fictional."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone

_ORGS = [
    "株式会社サンプル商事",
    "架空工業株式会社",
    "合同会社テスト物流",
    "サンプル歯科医院",
    "NPO法人れい",
    "有限会社みほん印刷",
    "株式会社エグザンプル",
    "テスト会計事務所",
    "架空不動産",
    "サンプル食品株式会社",
]
_WHO = ["経理担当", "総務の者", "社長", "情報システム担当", "事務員", "店長", "営業部長", "パートの方"]
_DEVICES = [
    "PC",
    "ノートPC",
    "パソコン",
    "サーバ",
    "サーバー",
    "NAS",
    "ルーター",
    "スマホ",
    "iPhone",
    "タブレット",
    "複合機",
    "POSレジ",
    "Windowsサーバ",
    "ファイルサーバー",
    "VPN機器",
    "USBメモリ",
]
_TOPICS = [
    ("urgent_breach", "ランサムウェア", "ファイルが暗号化され、身代金を要求する画面が表示された。"),
    (
        "urgent_breach",
        "不正アクセス",
        "VPN機器から不正アクセスされた形跡がある。ログに見慣れないIPアドレスが残っている。",
    ),
    ("urgent_breach", "情報漏洩", "顧客情報が漏えいした可能性がある。名簿がネット上に掲載されていると連絡があった。"),
    ("urgent_breach", "Emotet", "Emotetに感染したらしく、取引先に不審なメールが大量に送られている。"),
    (
        "crime",
        "サポート詐欺",
        "偽のセキュリティ警告が出て、表示された番号に電話したら遠隔操作ソフトを入れるよう言われた。",
    ),
    ("crime", "ビジネスメール詐欺", "取引先を装ったメールで振込先の変更を依頼され、既に振り込んでしまった。"),
    ("crime", "不正送金", "ネットバンキングから身に覚えのない不正送金があった。"),
    ("crime", "脅迫メール", "社内の情報を公開すると脅す脅迫メールが届いた。ビットコインを要求されている。"),
    ("legal", "個人情報保護法", "漏洩した場合に個人情報保護委員会への報告が必要か知りたい。"),
    ("legal", "契約トラブル", "保守業者との契約で、障害時の責任範囲について相談したい。"),
    ("urgent_outage", "システム障害", "基幹システムが停止し、受注業務ができない。"),
    ("urgent_outage", "サーバ停止", "ファイルサーバーに接続できず、業務が止まっている。"),
    ("prevention", "バックアップ", "バックアップの取り方とオフライン保管について教えてほしい。"),
    ("prevention", "パスワード", "パスワードの管理方法と多要素認証の導入を検討している。"),
    ("prevention", "脆弱性", "使っているVPN機器に脆弱性が公表された。対応方法を知りたい。"),
    ("general", "セミナー", "従業員向けのセキュリティ研修やセミナーの予定を知りたい。"),
    ("general", "ウイルス対策", "ウィルス対策ソフトはどれを選べばよいか。無料のもので足りるか。"),
    ("life_safety", "SNS", "従業員のSNSアカウントが乗っ取られ、なりすまし投稿がされている。"),
    ("life_safety", "迷惑メール", "迷惑メールが毎日大量に届いて困っている。"),
    ("out_of_scope", "ホームページ制作", "ホームページを作り直したいので業者を紹介してほしい。"),
    ("guidebook_request", "ガイドブック", "ガイドブックを10部送ってほしい。送付先は本社総務部。"),
]
_OPENERS = [
    "お世話になっております。",
    "突然のご連絡失礼いたします。",
    "電話にて相談。",
    "至急相談したいです。",
    "(電話メモ)",
    "はじめて問い合わせします。",
    "ｻﾎﾟｰﾄ窓口の案内を見て連絡しました。",
    "",
]
_DETAILS = [
    "昨日の夕方に{who}が気づいた。",
    "{device}を使っていたところ、急に動作が重くなった。",
    "{device}の画面に英語の警告が出ている。",
    "取引先からも問い合わせが来ている。",
    "警察に相談すべきか迷っている。",
    "社内には詳しい人がいない。",
    "被害額は約{amount}万円。",
    "対象の{device}はネットワークから外した。",
    "再起動はしていない。",
    "ログの保存方法がわからない。",
    "メールの添付ファイル(請求書.zip)を開いた後から様子がおかしい。",
    "IDとパスワードを入力してしまった。",
    "{org}の{who}から相談。",
    "社員は{n}名ほど。",
    "まだ誰にも報告していない。",
    "明日までに方針を決めたい。",
    "ﾊﾟｽﾜｰﾄﾞを変更した方がよいか。",
    "ＰＣは３台ある。",
    "Wi-Fiのルーターは古い機種。",
]
_CHANNELS = ["phone", "phone", "phone", "email", "web", "web", "walkin", "other"]
_STATUSES = ["received", "dispatched", "in_progress", "answered", "closed", "closed", "closed"]
_TAGS = ["VPN", "Emotet", "BEC", "個人情報", "ランサムウェア", "詐欺", "SNS", "研修", "EC", "医療"]


@dataclass(frozen=True)
class SyntheticCase:
    title: str
    body: str
    category: str
    status: str
    channel: str
    received_at: dt.datetime
    tags: tuple[str, ...]


def synthetic_cases(*, count: int, seed: int = 20260401) -> Iterator[SyntheticCase]:
    """Consultations in received order over about four years, lengths from a line to a long e-mail."""
    rng = random.Random(seed)
    start = timezone.make_aware(dt.datetime(2022, 4, 1, 9, 0))
    step = dt.timedelta(days=4 * 365) / max(count, 1)
    for i in range(count):
        category, topic, core = rng.choice(_TOPICS)
        device = rng.choice(_DEVICES)
        fill = {
            "who": rng.choice(_WHO),
            "device": device,
            "org": rng.choice(_ORGS),
            "amount": rng.randint(1, 900),
            "n": rng.randint(2, 300),
        }
        title = rng.choice([f"{topic}の相談", f"{device}で{topic}", f"{topic}について", f"【至急】{topic}"])
        # Lengths: mostly phone memos and short forms, some long e-mails (log-normal-ish).
        sentences = min(40, max(1, int(rng.lognormvariate(1.3, 0.7))))
        parts = [rng.choice(_OPENERS), core]
        parts += [rng.choice(_DETAILS).format(**fill) for _ in range(sentences)]
        if rng.random() < 0.3:
            _c2, _t2, core2 = rng.choice(_TOPICS)
            parts.append(core2)
        if rng.random() < 0.15:
            parts.append(f"受付番号{rng.randint(0, 9_999_999):07d}の件の続き。")
        yield SyntheticCase(
            title=title,
            body="".join(parts),
            category=category if rng.random() > 0.05 else "",
            status=rng.choice(_STATUSES),
            channel=rng.choice(_CHANNELS),
            received_at=start + step * i,
            tags=tuple(rng.sample(_TAGS, k=rng.choice([0, 0, 1, 1, 2]))),
        )
