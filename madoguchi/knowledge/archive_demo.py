"""Sample feeds and archive items for `make run` (seed_demo): fictional, example.jp URLs, feeds inactive. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.cases.models import Case
from madoguchi.knowledge import archive_services
from madoguchi.knowledge.archive_services import ArchiveItemData
from madoguchi.knowledge.models import ArchiveItem, ArchiveKind, Feed, Importance

FEEDS = [
    ("サンプル注意喚起センター（RSS 1.0）", "https://alerts.example.jp/rss/alerts.rdf"),
    ("架空セキュリティ機構 重要なお知らせ（RSS 2.0）", "https://www.example.jp/security/rss.xml"),
    ("架空ベンダー セキュリティブログ（Atom）", "https://blog.example.com/security/atom.xml"),
]

ITEMS = [
    {
        "title": "【架空】VPN 装置の認証回避の脆弱性に関する注意喚起",
        "url": "https://alerts.example.jp/2026/vpn-auth-bypass.html",
        "source_organization": "サンプル注意喚起センター",
        "kind": ArchiveKind.ARTICLE,
        "importance": Importance.HIGH,
        "days_ago": 3,
        "summary": "架空の VPN 装置に認証回避の脆弱性。更新版の適用、管理画面のインターネット非公開、"
        "不審なログイン履歴の確認を案内する。侵害の疑いがあれば①の対策に加え②で届出先を紹介。",
        "tags": ("VPN", "脆弱性"),
        "link_case": True,
    },
    {
        "title": "【架空】中小企業のバックアップ実践ガイド",
        "url": "https://www.example.jp/guide/backup-2026.pdf",
        "source_organization": "架空セキュリティ機構",
        "kind": ArchiveKind.DOCUMENT,
        "importance": Importance.NORMAL,
        "days_ago": 10,
        "summary": "3-2-1 ルール、オフライン保管、復元テストの手順。ランサムウェア相談の①で紹介しやすい。",
        "tags": ("バックアップ", "ランサムウェア"),
        "link_case": False,
    },
    {
        "title": "【架空】他団体ガイドブック「小さな会社の情報セキュリティ」事前調査",
        "url": "",
        "source_organization": "架空産業振興財団",
        "kind": ArchiveKind.PRE_RESEARCH,
        "importance": Importance.NORMAL,
        "days_ago": 20,
        "summary": "全 6 章。想定読者は従業員 20 名以下の経営者。パスワード管理と標的型メールの章が"
        "当課のガイドブックより詳しい。相談対応での引用可否は未確認。",
        "tags": ("ガイドブック",),
        "link_case": False,
    },
]


def seed(*, actor: User) -> None:
    """Add the sample feeds (inactive: example.jp does not serve them) and archive items that are missing."""
    for title, url in FEEDS:
        if not Feed.objects.filter(url=url).exists():
            feed = archive_services.feed_create(actor=actor, url=url, title=title)
            archive_services.feed_set_active(actor=actor, feed=feed, active=False)
    today = timezone.localdate()
    for sample in ITEMS:
        if ArchiveItem.objects.filter(title=sample["title"]).exists():
            continue
        item = archive_services.archive_item_create(
            actor=actor,
            data=ArchiveItemData(
                title=str(sample["title"]),
                url=str(sample["url"]),
                source_organization=str(sample["source_organization"]),
                kind=str(sample["kind"]),
                importance=int(sample["importance"]),  # type: ignore[call-overload]
                published_on=today - dt.timedelta(days=int(sample["days_ago"]) + 1),  # type: ignore[call-overload]
                collected_on=today - dt.timedelta(days=int(sample["days_ago"])),  # type: ignore[call-overload]
                summary=str(sample["summary"]),
                tags=tuple(sample["tags"]),  # type: ignore[arg-type]
            ),
        )
        case = Case.objects.order_by("received_at").first() if sample["link_case"] else None
        if case is not None:
            archive_services.archive_item_link_case(actor=actor, item=item, case=case)
