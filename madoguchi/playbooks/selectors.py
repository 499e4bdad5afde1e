"""Read path of playbooks: templates on offer, runs with per-phase progress, deadlines of the legal clocks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.cases.access import visible_cases
from madoguchi.cases.models import Case
from madoguchi.cases.workflow import OPEN_STATUSES
from madoguchi.playbooks import clocks
from madoguchi.playbooks.models import (
    PHASE_ORDER,
    CaseClockFacts,
    ClockFiling,
    LegalClockRule,
    PlaybookRun,
    PlaybookTemplate,
    RunItem,
    RunStatus,
    Who,
)


def current_templates() -> list[PlaybookTemplate]:
    """The newest version of each family: new runs always start from it."""
    latest: dict[str, PlaybookTemplate] = {}
    for template in PlaybookTemplate.objects.order_by("family", "-version"):
        latest.setdefault(template.family, template)
    return list(latest.values())


def suggested_templates(*, case: Case, templates: Iterable[PlaybookTemplate] | None = None) -> list[PlaybookTemplate]:
    """The current templates (or `templates`, when the caller already has them) fitting the case's category."""
    offered = current_templates() if templates is None else templates
    return [t for t in offered if case.category and case.category in t.categories]


def default_template(*, case: Case, offer: Iterable[PlaybookTemplate]) -> PlaybookTemplate | None:
    """The one flow the start form pre-selects: triage's suggested flow when it fits the case's category
    (or nobody has decided a category yet), else the first flow that fits the category, else none."""
    offered = list(offer)
    fits = [t for t in offered if case.category and case.category in t.categories]
    for t in offered:
        if t.family == case.suggested_flow and (not case.category or t in fits):
            return t
    return fits[0] if fits else None


def runs_for_case(*, case: Case) -> QuerySet[PlaybookRun]:
    items = RunItem.objects.select_related("done_by")
    return PlaybookRun.objects.filter(case=case).select_related("started_by").prefetch_related(Prefetch("items", items))


@dataclass
class PhaseProgress:
    phase: str
    label: str
    items: list[RunItem] = field(default_factory=list)
    current: bool = False

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.done)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def complete(self) -> bool:
        return self.done == self.total


def phases(*, run: PlaybookRun) -> list[PhaseProgress]:
    by_phase: dict[str, PhaseProgress] = {}
    for item in sorted(run.items.all(), key=lambda i: i.position):
        by_phase.setdefault(item.phase, PhaseProgress(phase=item.phase, label=item.phase_label)).items.append(item)
    ordered = sorted(by_phase.values(), key=lambda p: PHASE_ORDER.index(p.phase))
    # The first phase with anything open is where the desk is now; the screen opens only that one.
    for phase in ordered:
        if not phase.complete:
            phase.current = True
            break
    return ordered


def open_items_now_and_next(*, run: PlaybookRun, for_consulter: bool = False) -> list[PhaseProgress]:
    """Open items of the current phase (the first with anything open) and of the phase after it.

    for_consulter leaves out the desk's own steps, which are written for staff, not for the SME.
    """
    result: list[PhaseProgress] = []
    all_phases = phases(run=run)
    if for_consulter:
        all_phases = [
            PhaseProgress(phase=p.phase, label=p.label, items=[i for i in p.items if i.who != Who.DESK])
            for p in all_phases
        ]
        all_phases = [p for p in all_phases if p.items]
    for index, phase in enumerate(all_phases):
        if phase.complete:
            continue
        for candidate in all_phases[index : index + 2]:
            open_items = [i for i in candidate.items if not i.done]
            if open_items:
                result.append(PhaseProgress(phase=candidate.phase, label=candidate.label, items=open_items))
        break
    return result


def progress_by_case(*, case_ids: Iterable[int]) -> dict[int, list[PlaybookRun]]:
    """Active runs per case in one query, for pages that list many cases."""
    out: dict[int, list[PlaybookRun]] = {}
    for run in PlaybookRun.objects.filter(case_id__in=list(case_ids), status=RunStatus.ACTIVE).order_by("started_at"):
        out.setdefault(run.case_id, []).append(run)
    return out


def rule_data() -> list[clocks.ClockRuleData]:
    return [
        clocks.ClockRuleData(
            code=r.code,
            name=r.name,
            authority=r.authority,
            kind=r.kind,
            starts_from=r.starts_from,
            duration=r.duration,
            soft_duration=r.soft_duration,
            applies_when=r.applies_when,
            counts_in=r.counts_in,
            source_url=r.source_url,
            verified=r.verified,
        )
        for r in LegalClockRule.objects.order_by("code")
    ]


def facts_for(*, case: Case) -> CaseClockFacts | None:
    return CaseClockFacts.objects.filter(case=case).first()


def case_deadlines(
    *,
    case: Case,
    now: dt.datetime | None = None,
    facts: CaseClockFacts | None = None,
    rules: list[clocks.ClockRuleData] | None = None,
) -> list[clocks.Deadline]:
    facts = facts if facts is not None else facts_for(case=case)
    if facts is None:
        return []
    filed = dict(ClockFiling.objects.filter(case=case).values_list("clock_code", "filed_at"))
    return clocks.compute(
        rules=rules if rules is not None else rule_data(),
        flags=facts.flags,
        aware_at=case.aware_at,
        incident_at=facts.incident_at,
        filed=filed,
        now=now or timezone.now(),
    )


@dataclass(frozen=True)
class CaseDeadline:
    case: Case
    deadline: clocks.Deadline


def approaching_deadlines(
    *, user: User, within: dt.timedelta = dt.timedelta(days=3), now: dt.datetime | None = None
) -> list[CaseDeadline]:
    """Unfiled clocks of open, visible cases that are overdue, due within `within`, or due now; four queries."""
    now = now or timezone.now()
    facts = list(
        CaseClockFacts.objects.filter(
            case__in=visible_cases(user=user).filter(status__in=OPEN_STATUSES).values("pk")
        ).select_related("case", "case__organization")
    )
    if not facts:
        return []
    filings: dict[int, dict[str, dt.datetime]] = {}
    for case_id, code, filed_at in ClockFiling.objects.filter(case_id__in=[f.case_id for f in facts]).values_list(
        "case_id", "clock_code", "filed_at"
    ):
        filings.setdefault(case_id, {})[code] = filed_at
    rules = rule_data()
    rows: list[CaseDeadline] = []
    for fact in facts:
        for deadline in clocks.compute(
            rules=rules,
            flags=fact.flags,
            aware_at=fact.case.aware_at,
            incident_at=fact.incident_at,
            filed=filings.get(fact.case_id, {}),
            now=now,
        ):
            if deadline.state in (clocks.State.FILED, clocks.State.NEEDS_START):
                continue
            if deadline.due_at is None or deadline.due_at - now <= within:
                rows.append(CaseDeadline(case=fact.case, deadline=deadline))
    # Promptly-clocks have no end: they sort as due now.
    rows.sort(key=lambda r: (r.deadline.due_at or now, r.case.pk))
    return rows
