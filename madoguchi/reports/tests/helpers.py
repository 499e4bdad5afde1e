"""Consultations with the fields the statistics count by. Every company and person here is fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from madoguchi.cases import services
from madoguchi.cases.choices import Category, Channel
from madoguchi.cases.models import Case

TZ = timezone.get_fixed_timezone(9 * 60)


def at(year: int, month: int, day: int = 10, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=TZ)


def consultation(
    *,
    actor: Any,
    received_at: dt.datetime,
    category: str = Category.PREVENTION,
    channel: str = Channel.PHONE,
    industry: str = "E",
    band: str = "6-20",
    municipality: str = "大田区",
    prefecture: str = "東京都",
    org_name: str = "株式会社テスト計測（架空）",
    person_name: str = "架空 統計太郎",
    email: str = "toukei@test-keisoku.example.jp",
    subject: str = "UTMの導入について",
    body: str = "従業員20名の工場。UTMを入れるべきか知りたい。",
) -> Case:
    return services.case_create(
        actor=actor,
        channel=channel,
        received_at=received_at,
        subject=subject,
        body=body,
        category=category,
        organization=services.OrganizationData(
            name=org_name, industry=industry, employee_band=band, prefecture=prefecture, municipality=municipality
        ),
        person=services.PersonData(name=person_name, phone="03-0000-9999", email=email),
    )
