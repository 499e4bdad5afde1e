from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from madoguchi.core import drafts


class Command(BaseCommand):
    help = "入力途中の下書きのうち、期限切れ・ログイン期限切れのものを削除します（cronで定期実行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = drafts.drafts_purge()
        self.stdout.write(f"purged {deleted} form draft(s)")
