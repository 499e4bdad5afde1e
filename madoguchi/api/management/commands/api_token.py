from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.accounts.models import User
from madoguchi.api import services
from madoguchi.api.models import ApiToken


class Command(BaseCommand):
    help = (
        "Manage REST API tokens: `issue USERNAME NAME` prints a new token once (only its hash is stored); "
        "`revoke PREFIX` revokes; `list` shows tokens with their last use."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        issue = sub.add_parser("issue")
        issue.add_argument("username")
        issue.add_argument("name")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("prefix")
        sub.add_parser("list")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "issue":
            user = User.objects.filter(username=options["username"], is_active=True).first()
            if user is None:
                raise CommandError(f"no active staff account named {options['username']!r}")
            token, raw = services.token_issue(actor=None, user=user, name=options["name"])
            self.stdout.write(f"token for {user.username} ({token.name}): {raw}")
        elif verb == "revoke":
            matches = list(ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True))
            if len(matches) != 1:
                raise CommandError(f"{len(matches)} active tokens start with {options['prefix']!r}")
            services.token_revoke(actor=None, token=matches[0])
            self.stdout.write(f"revoked {matches[0]}")
        else:
            for token in ApiToken.objects.select_related("user"):
                state = "revoked" if token.revoked_at else "active"
                self.stdout.write(f"{token.prefix}\t{token.user.username}\t{token.name}\t{state}\t{token.last_used_at}")
