"""A year of fictional consultations for the demo desk, so that the manager's charts mean something.

Everything is invented (example.jp addresses, 架空 names). Rows are bulk-created in one transaction; the
reference numbers are reserved from the yearly counter like real ones, so later consultations never collide.
Idempotent: the cases carry the tag below, and nothing is added when it exists.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.cases.choices import TOKYO_MUNICIPALITIES, Category, Channel, EventKind, Tier, Urgency
from madoguchi.cases.models import Callback, Case, CaseEvent, Organization, Person, ReferenceCounter, Tag
from madoguchi.cases.services import first_response_due
from madoguchi.cases.workflow import Status

TAG = "デモ（1年分の相談）"
COUNT = 1200

# Shares roughly as a public SME desk sees them: prevention and awareness most, incidents a steady fifth.
CATEGORY_WEIGHTS = {
    Category.PREVENTION: 30,
    Category.GENERAL: 18,
    Category.URGENT_BREACH: 12,
    Category.CRIME: 8,
    Category.LEGAL: 6,
    Category.URGENT_OUTAGE: 5,
    Category.LIFE_SAFETY: 5,
    Category.OUT_OF_SCOPE: 6,
    Category.GUIDEBOOK_REQUEST: 10,
}
CHANNEL_WEIGHTS = {Channel.PHONE: 45, Channel.WEB: 25, Channel.EMAIL: 20, Channel.WALKIN: 8, Channel.OTHER: 2}
INDUSTRY_WEIGHTS = {"E": 20, "I": 18, "G": 10, "D": 10, "L": 9, "M": 7, "P": 7, "K": 5, "H": 5, "R": 5, "N": 4}
BAND_WEIGHTS = {"1-5": 25, "6-20": 30, "21-50": 20, "51-100": 12, "101-300": 8, "301-": 2, "unknown": 3}
FRONT_CLOSES = {Category.GENERAL, Category.OUT_OF_SCOPE, Category.GUIDEBOOK_REQUEST, Category.LIFE_SAFETY}

SUBJECTS = {
    Category.PREVENTION: [
        "UTMの導入を検討している",
        "テレワーク端末の対策を知りたい",
        "バックアップの取り方を相談したい",
    ],
    Category.GENERAL: ["社員向けの研修資料がほしい", "セキュリティ対策の始め方を知りたい", "SECURITY ACTIONについて"],
    Category.URGENT_BREACH: ["ファイルが暗号化された", "不正ログインの通知が来た", "ウイルス感染の疑い"],
    Category.CRIME: ["取引先を装った振込先変更メール", "ECサイトへの不正注文", "脅迫メールが届いた"],
    Category.LEGAL: ["退職者の情報持ち出し", "委託先からの情報漏えい時の責任", "個人情報の漏えい報告義務"],
    Category.URGENT_OUTAGE: ["社内サーバーにつながらない", "メールが送受信できない"],
    Category.LIFE_SAFETY: ["従業員の私用スマートフォンの詐欺被害", "SNSでのなりすまし"],
    Category.OUT_OF_SCOPE: ["パソコンの買い替えの相談", "ホームページ制作会社を紹介してほしい"],
    Category.GUIDEBOOK_REQUEST: ["ガイドブックを送ってほしい", "研修用にガイドブックを10部ほしい"],
}
TARGET_MINUTES_ON_TIME = 0.88  # share of first contacts made in time
RESOLUTION_DAYS = {Category.URGENT_BREACH: 6, Category.CRIME: 8, Category.LEGAL: 12, Category.URGENT_OUTAGE: 3}


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _received_at(rng: random.Random, now: dt.datetime) -> dt.datetime:
    # Weekdays in office hours mostly; a few in the evening (web and mail).
    while True:
        day = timezone.localtime(now - dt.timedelta(days=rng.uniform(1, 365))).replace(second=0, microsecond=0)
        if day.weekday() < 5 or rng.random() < 0.08:
            hour = rng.choices([9, 10, 11, 13, 14, 15, 16, 18, 21], weights=[12, 15, 13, 12, 14, 13, 10, 6, 5])[0]
            return day.replace(hour=hour, minute=rng.randrange(60))


def _reserve_references(year: int, count: int) -> list[str]:
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    ReferenceCounter.objects.filter(year=year).update(last_value=F("last_value") + count)
    first = counter.last_value + 1
    return [f"{year}-{n:05d}" for n in range(first, first + count)]


def seed(*, front: User, back: User, count: int = COUNT, now: dt.datetime | None = None, seed_value: int = 14) -> int:
    """Create `count` closed consultations over the last year; returns how many were added."""
    if Tag.objects.filter(name=TAG).exists():
        return 0
    rng = random.Random(seed_value)
    now = now or timezone.now()
    with transaction.atomic():
        tag = Tag.objects.create(name=TAG)
        orgs = Organization.objects.bulk_create(
            [
                Organization(
                    name=f"株式会社デモ{i:03d}（架空）",
                    name_key=f"デモ{i:03d}",
                    industry=_pick(rng, INDUSTRY_WEIGHTS),
                    employee_band=_pick(rng, BAND_WEIGHTS),
                    prefecture="東京都" if rng.random() < 0.9 else rng.choice(["神奈川県", "埼玉県", "千葉県"]),
                    municipality=rng.choice(TOKYO_MUNICIPALITIES[:30]),
                )
                for i in range(1, 401)
            ]
        )
        people = Person.objects.bulk_create(
            [
                Person(
                    organization=org,
                    name=f"架空 太郎{i:03d}",
                    email=f"demo{i:03d}@example.jp",
                    email_key=f"demo{i:03d}@example.jp",
                )
                for i, org in enumerate(orgs, start=1)
            ]
        )
        plans = []
        for _ in range(count):
            category = _pick(rng, CATEGORY_WEIGHTS)
            received = _received_at(rng, now)
            urgency = Urgency.HIGH if category in {Category.URGENT_BREACH, Category.URGENT_OUTAGE} else Urgency.NORMAL
            plans.append((received, category, urgency))
        plans.sort(key=lambda p: p[0])
        by_year: dict[int, int] = {}
        for received, _c, _u in plans:
            by_year[timezone.localtime(received).year] = by_year.get(timezone.localtime(received).year, 0) + 1
        references = {year: iter(_reserve_references(year, n)) for year, n in sorted(by_year.items())}
        cases = []
        for received, category, urgency in plans:
            index = rng.randrange(len(orgs))
            channel = _pick(rng, CHANNEL_WEIGHTS)
            due = first_response_due(category=category, received_at=received, urgency=urgency)
            allowed = max((due - received).total_seconds() / 60, 10)
            minutes = allowed * (
                rng.uniform(0.05, 0.9) if rng.random() < TARGET_MINUTES_ON_TIME else rng.uniform(1.1, 3)
            )
            first_contact = received + dt.timedelta(minutes=minutes)
            tier2 = category not in FRONT_CLOSES
            days = RESOLUTION_DAYS.get(category, 2 if tier2 else 0.3)
            # All closed: open demo cases would crowd the hand-made samples out of the desk's queues.
            closed = min(received + dt.timedelta(days=rng.uniform(0.3, 2) * days + 0.05), now - dt.timedelta(hours=1))
            first_contact = min(first_contact, closed)
            cases.append(
                Case(
                    reference=next(references[timezone.localtime(received).year]),
                    channel=channel,
                    received_at=received,
                    organization=orgs[index],
                    person=people[index],
                    subject=rng.choice(SUBJECTS[category]),
                    body="（デモ用の架空の相談です）",
                    category=category,
                    urgency=urgency,
                    police_referral=category == Category.CRIME,
                    tier=Tier.BACK if tier2 else Tier.FRONT,
                    status=Status.CLOSED,
                    assignee=back if tier2 else None,
                    created_by=front,
                    first_response_due_at=due,
                    first_response_at=first_contact,
                    closed_at=closed,
                )
            )
        cases = Case.objects.bulk_create(cases)
        Case.tags.through.objects.bulk_create([Case.tags.through(case_id=c.pk, tag_id=tag.pk) for c in cases])
        events = []
        callbacks = []
        for case in cases:
            events.append(
                CaseEvent(
                    case=case, kind=EventKind.RECEIVED, at=case.received_at, actor=front, data={"channel": case.channel}
                )
            )
            if case.closed_at:  # always, but keeps the event tied to the field it copies
                events.append(
                    CaseEvent(
                        case=case,
                        kind=EventKind.STATUS,
                        at=case.closed_at,
                        actor=back if case.tier == Tier.BACK else front,
                        data={
                            "from": Status.ANSWERED if case.tier == Tier.BACK else Status.RECEIVED,
                            "to": Status.CLOSED,
                        },
                    )
                )
            if case.channel == Channel.PHONE and rng.random() < 0.18:
                due_at = case.received_at + dt.timedelta(hours=rng.choice([1, 2, 4, 24]))
                kept = rng.random() < 0.85
                done_at = (
                    due_at - dt.timedelta(minutes=rng.randrange(5, 50))
                    if kept
                    else due_at + dt.timedelta(hours=rng.uniform(0.5, 6))
                )
                callbacks.append(
                    Callback(
                        case=case,
                        phone="03-0000-0000",
                        due_at=due_at,
                        created_by=front,
                        assignee=front,
                        done_at=done_at if done_at < now else None,
                        done_by=front if done_at < now else None,
                        outcome="折り返し済み（デモ）" if done_at < now else "",
                    )
                )
        CaseEvent.objects.bulk_create(events)
        Callback.objects.bulk_create(callbacks)
    return len(cases)
