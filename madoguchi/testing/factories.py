"""Factories shared by the test suites. Every person and company here is fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.cases import services
from madoguchi.cases.choices import Category, Channel, Urgency
from madoguchi.cases.models import Case


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    display_name = factory.Sequence(lambda n: f"職員 {n}号")
    role = Role.FRONT
    password = factory.django.Password("correct-horse-battery")


def make_case(
    *,
    actor: User,
    channel: str = Channel.PHONE,
    subject: str = "不審なメールの添付ファイルを開いてしまった",
    body: str = "経理担当が取引先を装ったメールの添付ファイルを開いた。今のところ画面に変化はない。",
    category: str = "",
    urgency: int = Urgency.NORMAL,
    org_name: str = "株式会社サンプル商事",
    person_name: str = "架空 太郎",
    phone: str = "03-0000-0000",
    email: str = "taro@sample-shoji.example.jp",
    received_at: dt.datetime | None = None,
    **extra: Any,
) -> Case:
    return services.case_create(
        actor=actor,
        channel=channel,
        subject=subject,
        body=body,
        category=category,
        urgency=urgency,
        received_at=received_at or timezone.now(),
        organization=services.OrganizationData(name=org_name, prefecture="東京都", municipality="港区"),
        person=services.PersonData(name=person_name, phone=phone, email=email),
        **extra,
    )


def alike_cases(*, actor: User) -> tuple[Case, Case]:
    """A past consultation and a new one about the same fake virus warning, from different consulters (so the
    new case's screen lists the past one only as a similar consultation, not as the same consulter's)."""
    past = make_case(
        actor=actor,
        subject="偽のウイルス警告が出た",
        body="偽のウイルス警告が表示され、電話したら遠隔操作ソフトを入れるよう言われた。",
        email="past@example.jp",
        phone="03-0000-1111",
        org_name="見本工業株式会社",
        person_name="見本 花子",
    )
    new = make_case(
        actor=actor,
        subject="偽のウイルス警告",
        body="パソコンに偽のウイルス警告が表示され、電話番号に電話したら遠隔操作ソフトを入れるよう言われた。",
        email="new@example.jp",
        phone="03-0000-2222",
    )
    return past, new


def dispatched_case(*, tier1: User, category: str = Category.PREVENTION, **kwargs: Any) -> Case:
    case = make_case(actor=tier1, **kwargs)
    return services.case_dispatch(
        actor=tier1,
        case=case,
        expected_version=case.version,
        category=category,
        urgency=Urgency.NORMAL,
        police_referral=False,
    )
