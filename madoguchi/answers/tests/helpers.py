"""Small builders for the answers tests: a tier-2 case in progress, and posting the answer form as a person would."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from madoguchi.accounts.models import User
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Category
from madoguchi.cases.models import Case
from madoguchi.testing.factories import dispatched_case


def case_in_progress(*, tier1: User, tier2: User, category: str = Category.CRIME, **kwargs: Any) -> Case:
    case = dispatched_case(tier1=tier1, category=category, **kwargs)
    return case_services.case_take(actor=tier2, case=case)


def post_draft(
    client: Client, case: Case, *, version: int | str, measures: str, referrals: str = "", channel: str = "email"
) -> Any:
    return client.post(
        reverse("answers:save_draft", kwargs={"reference": case.reference}),
        {
            "answer-version": str(version),
            "answer-measures": measures,
            "answer-referrals": referrals,
            "answer-channel": channel,
        },
    )


def post_action(client: Client, case: Case, name: str, **data: str) -> Any:
    return client.post(reverse(f"answers:{name}", kwargs={"reference": case.reference}), data)
