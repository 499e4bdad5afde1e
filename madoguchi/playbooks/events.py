"""Timeline events of playbooks and legal clocks (kind PLAYBOOK), one function per event type."""

from __future__ import annotations

from madoguchi.accounts.models import User
from madoguchi.cases import events as case_events
from madoguchi.cases.choices import EventKind
from madoguchi.cases.models import Case, CaseEvent


def run_started(*, case: Case, actor: User, run_id: int, template_code: str, title: str) -> CaseEvent:
    return case_events.generic(
        case=case,
        actor=actor,
        kind=EventKind.PLAYBOOK,
        text=f"事故対応フローを開始しました: {title}",
        event="run_started",
        run_id=run_id,
        template=template_code,
    )


def item_ticked(
    *, case: Case, actor: User, run_id: int, item_code: str, item_text: str, done: bool, note: str
) -> CaseEvent:
    head = "チェックしました" if done else "チェックを外しました"
    text = f"{head}: {item_text[:80]}"
    if note:
        text = f"{text}\nメモ: {note}"
    return case_events.generic(
        case=case,
        actor=actor,
        kind=EventKind.PLAYBOOK,
        text=text,
        event="item_ticked" if done else "item_unticked",
        run_id=run_id,
        item=item_code,
        done=done,
        note=note,
    )


def facts_changed(*, case: Case, actor: User, changes: dict[str, dict[str, str]]) -> CaseEvent:
    lines = [f"{name}: {c['old'] or '―'} → {c['new'] or '―'}" for name, c in changes.items()]
    return case_events.generic(
        case=case,
        actor=actor,
        kind=EventKind.PLAYBOOK,
        text="報告期限の判断材料を更新しました\n" + "\n".join(lines),
        event="clock_facts",
        changes=changes,
    )


def clock_filed(
    *, case: Case, actor: User, clock_code: str, clock_name: str, filed_at_iso: str, note: str
) -> CaseEvent:
    text = f"提出済みにしました: {clock_name}"
    if note:
        text = f"{text}\nメモ: {note}"
    return case_events.generic(
        case=case,
        actor=actor,
        kind=EventKind.PLAYBOOK,
        text=text,
        event="clock_filed",
        clock=clock_code,
        filed_at=filed_at_iso,
    )


def run_mailed(*, case: Case, actor: User, run_id: int, to: str, item_codes: list[str]) -> CaseEvent:
    return case_events.generic(
        case=case,
        actor=actor,
        kind=EventKind.PLAYBOOK,
        text=f"「いま行うこと」をメールで送りました（{len(item_codes)}項目）",
        event="run_mailed",
        run_id=run_id,
        to=to,
        items=item_codes,
    )
