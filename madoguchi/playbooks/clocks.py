"""Legal reporting clocks: which rules apply to a case and when each one runs out.

Calendar time in Asia/Tokyo: weekends and public holidays never stop a clock. Hour-based durations
(GDPR PT72H) end at the exact instant; day-based durations do not count the day of awareness
(民法第140条, 初日不算入) and end at 24:00 JST of the last day, which is why the Tokyo date of
`aware_at` matters and not its UTC date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

TOKYO = ZoneInfo("Asia/Tokyo")

# Every flag an applies_when may name (docs/reference-data.md), with the question staff answer.
FLAG_LABELS: dict[str, StrPromise] = {
    "personal_data": _("個人データが関係する（漏えい・滅失・毀損のおそれ）"),
    "ppc_reportable": _("個人情報保護委員会への報告対象の事態（規則第7条）に当たる"),
    "unlawful_purpose": _("不正な目的で行われたおそれがある（不正アクセス、持ち出しなど）"),
    "eu_residents": _("EU に住む人の個人データが含まれる"),
    "gdpr_applies": _(
        "GDPR が適用される（EU 域内に拠点がある、"
        "または EU にいる人に商品・サービスを提供し若しくは行動を監視している：第3条）"
    ),
    "processor": _("相談者は委託を受けて個人データを扱っていた（委託先・処理者）"),
    "high_risk": _("本人の権利に高いリスクがある（GDPR 第34条）"),
    "my_number": _("マイナンバー（個人番号）が含まれる"),
    "mynumber_reportable": _("番号法の報告対象の事態（委員会規則第2条）に当たる"),
    "netbanking_fraud": _("ネットバンキングで不正な払戻しがあった"),
    "individual_account": _("被害にあったのは個人の口座"),
}


class State:
    FILED = "filed"
    OVERDUE = "overdue"
    WARN = "warn"
    RUNNING = "running"
    NOW = "now"
    NEEDS_START = "needs_start"


@dataclass(frozen=True)
class ClockRuleData:
    """The fields of a rule the computation needs; LegalClockRule rows convert to this."""

    code: str
    name: str
    authority: str
    kind: str
    starts_from: str
    duration: dt.timedelta | None
    soft_duration: dt.timedelta | None
    applies_when: Mapping[str, bool]
    counts_in: str = "days"
    source_url: str = ""
    verified: bool = True


@dataclass(frozen=True)
class Deadline:
    rule: ClockRuleData
    starts_at: dt.datetime | None
    due_at: dt.datetime | None
    warn_at: dt.datetime | None
    state: str
    filed_at: dt.datetime | None
    # The last day as people say it (「5月1日まで」) for day-based clocks; None for hour-based ones.
    due_date: dt.date | None
    now: dt.datetime

    @property
    def remaining(self) -> dt.timedelta | None:
        return None if self.due_at is None else self.due_at - self.now

    @property
    def remaining_label(self) -> str:
        return remaining_label(deadline=self)


def applies(*, rule: ClockRuleData, flags: Mapping[str, bool]) -> bool:
    # A flag nobody set counts as false: 確報 30 days applies until someone records unlawful_purpose.
    return all(bool(flags.get(name, False)) == bool(value) for name, value in rule.applies_when.items())


def end_of_period(*, start: dt.datetime, duration: dt.timedelta, counts_in: str) -> tuple[dt.datetime, dt.date | None]:
    """The instant the period is over, and the last day for day-based periods."""
    if timezone_naive(start):
        raise ValueError("start must be timezone-aware")
    if counts_in == "days":
        last_day = start.astimezone(TOKYO).date() + dt.timedelta(days=duration.days)
        return dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=TOKYO), last_day
    return (start + duration).astimezone(TOKYO), None


def timezone_naive(value: dt.datetime) -> bool:
    return value.tzinfo is None or value.tzinfo.utcoffset(value) is None


def compute(
    *,
    rules: Iterable[ClockRuleData],
    flags: Mapping[str, bool],
    aware_at: dt.datetime | None,
    incident_at: dt.datetime | None,
    filed: Mapping[str, dt.datetime],
    now: dt.datetime,
    warn_within: dt.timedelta = dt.timedelta(days=1),
) -> list[Deadline]:
    out: list[Deadline] = []
    for rule in rules:
        if not applies(rule=rule, flags=flags):
            continue
        start = aware_at if rule.starts_from == "aware_at" else incident_at
        filed_at = filed.get(rule.code)
        due_at = warn_at = None
        due_date = None
        if start is not None and rule.duration is not None:
            due_at, due_date = end_of_period(start=start, duration=rule.duration, counts_in=rule.counts_in)
            if rule.soft_duration is not None:
                warn_at, _last = end_of_period(start=start, duration=rule.soft_duration, counts_in=rule.counts_in)
            else:
                warn_at = due_at - warn_within
        if filed_at is not None:
            state = State.FILED
        elif start is None:
            state = State.NEEDS_START
        elif due_at is None:
            state = State.NOW
        elif now >= due_at:
            state = State.OVERDUE
        elif warn_at is not None and now >= warn_at:
            state = State.WARN
        else:
            state = State.RUNNING
        out.append(
            Deadline(
                rule=rule,
                starts_at=start,
                due_at=due_at,
                warn_at=warn_at,
                state=state,
                filed_at=filed_at,
                due_date=due_date,
                now=now,
            )
        )
    order = {State.OVERDUE: 0, State.NOW: 1, State.WARN: 2, State.NEEDS_START: 3, State.RUNNING: 4, State.FILED: 5}
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(out, key=lambda d: (order[d.state], d.due_at or far, d.rule.code))


def remaining_label(*, deadline: Deadline) -> str:
    """「あと2日5時間」「3時間超過」 for the panel and dashboard."""
    remaining = deadline.remaining
    if remaining is None:
        return ""
    overdue = remaining < dt.timedelta(0)
    span = -remaining if overdue else remaining
    days, seconds = span.days, span.seconds
    hours, minutes = seconds // 3600, (seconds % 3600) // 60
    if days:
        text = f"{days}日{hours}時間"
    elif hours:
        text = f"{hours}時間{minutes}分"
    else:
        text = f"{minutes}分"
    return f"{text}超過" if overdue else f"あと{text}"
