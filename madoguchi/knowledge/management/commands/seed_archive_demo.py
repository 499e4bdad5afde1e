"""Sample feeds and archive items for a local trial (called by seed_demo; cases may not import knowledge)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.knowledge import archive_demo


class Command(BaseCommand):
    help = "情報アーカイブの見本（フィードと記事・資料）を登録します。試用環境専用。"

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(role=Role.BACK, is_active=True).order_by("pk").first()
        if actor is None:
            raise CommandError("二次対応の職員がいません。先に seed_demo を実行してください。")
        archive_demo.seed(actor=actor)
        self.stdout.write("情報アーカイブの見本を登録しました。")
