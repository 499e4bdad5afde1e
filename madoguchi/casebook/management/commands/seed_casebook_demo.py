"""Sample casebook data for a local trial (called by seed_demo; cases may not import casebook)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.casebook import demo


class Command(BaseCommand):
    help = "事例集・改訂提案・ノウハウ報告書の見本を登録します。試用環境専用。"

    def handle(self, *args: Any, **options: Any) -> None:
        users = {r: User.objects.filter(role=r, is_active=True).order_by("pk").first() for r in Role}
        front, back, manager = users[Role.FRONT], users[Role.BACK], users[Role.MANAGER]
        if front is None or back is None or manager is None:
            raise CommandError("一次対応・二次対応・管理職の職員がいません。先に seed_demo を実行してください。")
        demo.seed(front=front, writer=back, reviewer=manager)
        self.stdout.write("事例集の見本を登録しました。")
