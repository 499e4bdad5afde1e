from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from madoguchi.accounts import services
from madoguchi.accounts.models import User
from madoguchi.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Issue a one-time 2FA enrolment code for a staff account without an authenticator, e.g. the first admin "
        "made with createsuperuser. Replaces any earlier code; the code is printed once and stored only as a hash."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"no staff account named {options['username']!r}") from exc
        try:
            code = services.enrolment_code_issue(actor=None, user=user)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"enrolment code for {user.username}: {services.format_enrolment_code(code)}")
