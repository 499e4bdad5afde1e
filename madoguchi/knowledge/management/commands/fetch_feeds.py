"""Fetch every active feed into the inbox; a failing feed is reported and stored, the others go on."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from madoguchi.knowledge import archive_services
from madoguchi.knowledge.models import Feed, FeedFetchStatus


class Command(BaseCommand):
    help = "登録済みのフィード（RSS・Atom）を取得し、新しい記事を受信箱に入れます。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--feed", type=int, action="append", help="このIDのフィードだけ取得する（複数可）")

    def handle(self, *args: Any, **options: Any) -> None:
        feeds = Feed.objects.filter(active=True).order_by("pk")
        if options["feed"]:
            feeds = feeds.filter(pk__in=options["feed"])
        failed = 0
        for feed in feeds:
            outcome = archive_services.feed_fetch(feed=feed)
            if outcome.status == FeedFetchStatus.ERROR:
                failed += 1
                self.stderr.write(f"[エラー] {feed.title} ({feed.url}): {outcome.error}")
            elif outcome.status == FeedFetchStatus.NOT_MODIFIED:
                self.stdout.write(f"[更新なし] {feed.title}")
            else:
                self.stdout.write(f"[取得] {feed.title}: 新しい記事 {outcome.new_items} 件")
        self.stdout.write(f"{feeds.count()} 件のフィードを処理しました（エラー {failed} 件）。")
