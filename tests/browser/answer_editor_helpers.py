"""Shared setup for the answer editor's browser tests: a tier-2 case opened by its tier-2 staff member."""

from __future__ import annotations

import io

from django.core.management import call_command
from playwright.sync_api import Page

from madoguchi.accounts.models import User
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Category
from madoguchi.cases.models import Case
from madoguchi.testing.factories import dispatched_case

CRIME_SUBJECT = "ネットバンキングで不正送金された"
CRIME_BODY = "経理担当がネットバンキングを確認したところ、身に覚えのない振込があり預金残高が減っていた。"


def taken_case(*, tier1: User, tier2: User, category: str = Category.PREVENTION, **kwargs: object) -> Case:
    case = dispatched_case(tier1=tier1, category=category, **kwargs)
    return case_services.case_take(actor=tier2, case=case)


def crime_case_with_directory(*, tier1: User, tier2: User) -> Case:
    """A case whose text makes the referral panel suggest organisations to insert into part ②."""
    call_command("load_reference_data", app=["referrals"], stdout=io.StringIO())
    return taken_case(tier1=tier1, tier2=tier2, category=Category.CRIME, subject=CRIME_SUBJECT, body=CRIME_BODY)


def open_case(page: Page, live_server: object, login: object, case: Case, username: str = "tier2") -> None:
    login(page, username)  # type: ignore[operator]
    page.goto(f"{live_server.url}{case.get_absolute_url()}")  # type: ignore[attr-defined]
