"""Bulk loading of fictional consultations for load tests: PostgreSQL COPY, SQLite bulk inserts.

The real write path (`cases.services.case_create`) makes about ten cases a second; a load test needs a million.
Here the same rows are built in memory and written in chunks: organisations, people, cases, tags, timeline
events, sent answers with their revision, and the search entries exactly as `knowledge.search.service` makes
them (`case_index.case_document` -> `service.new_entry`, the PostgreSQL `bigrams` column from the backend's
`tsvector_literal`; on SQLite `service.bulk_add` itself). Reference numbers come from the yearly counter
(`cases.services.reserve_references`), primary keys from each table's own sequence, reserved before the rows are
written, so the desk's next case gets the next number and the next free id. Every text is invented (example.jp).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.answers.models import AnswerChannel, AnswerDraft, AnswerRevision, AnswerStatus
from madoguchi.cases import demo_history
from madoguchi.cases.choices import TOKYO_MUNICIPALITIES, Category, EventKind, Tier, Urgency
from madoguchi.cases.models import Case, CaseEvent, Organization, Person, Tag
from madoguchi.cases.services import first_response_due_rule, reserve_references
from madoguchi.cases.workflow import Status
from madoguchi.core.normalize import normalize_email, normalize_name, phone_digits
from madoguchi.knowledge.bench_data import synthetic_cases
from madoguchi.knowledge.case_index import case_document
from madoguchi.knowledge.models import SearchEntry, SearchTag
from madoguchi.knowledge.search import service
from madoguchi.knowledge.search.backends.postgres import tsvector_literal

CHUNK = 5000
# The reference number has five digits after the year (cases.reference_lookup reads it so).
MAX_PER_YEAR = 99_999
URGENT = {Category.URGENT_BREACH, Category.URGENT_OUTAGE}
OPEN_TIER2 = [Status.DISPATCHED, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.AWAITING_APPROVAL, Status.ANSWERED]
OPEN_TIER1 = [Status.RECEIVED, Status.RECEIVED, Status.ON_HOLD, Status.ANSWERED]
ASSESSMENTS = [
    "端末をネットワークから切り離すよう助言。ログの保全を優先。",
    "被害の範囲は経理部の端末1台に限られる見込み。",
    "警視庁サイバー犯罪対策課への相談を案内する方針。",
    "取引先への注意喚起と、パスワード変更の順序を確認した。",
    "個人情報保護委員会への報告要否を法務担当と確認中。",
]
RESOLUTIONS = [
    "対策を回答し、相談者から了解を得た。",
    "紹介先に相談済みとの連絡を受けて完了。",
    "バックアップから復旧できたとの報告あり。",
    "ガイドブックを送付して完了。",
    "折り返し電話で助言し、完了。",
]
MEASURES = [
    "① 感染が疑われる端末をネットワークから外し、電源は切らずに保全してください。",
    "① すべての利用者のパスワードを変更し、多要素認証を有効にしてください。",
    "① 振込先の変更は、登録済みの電話番号で先方に確認してから行ってください。",
    "① バックアップは世代管理し、1つはネットワークから切り離して保管してください。",
]
REFERRALS = [
    "② 警視庁 サイバー犯罪相談窓口（架空の記載例）",
    "② IPA 情報セキュリティ安心相談窓口（架空の記載例）",
    "",
]
ORG_FORMS = ["株式会社", "有限会社", "合同会社", ""]
ORG_TRADES = ["商事", "工業", "物流", "印刷", "食品", "歯科", "会計", "不動産"]
NOTES = ["相談者に折り返し。状況を再確認した。", "追加の資料がメールで届いた。", "社内で対応方針を検討中とのこと。"]


@dataclass
class LoadResult:
    cases: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class _Chunk:
    """The rows of one chunk, in the order they are written (foreign keys first)."""

    orgs: list[Organization] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    # Rows whose case has no id yet, with that case beside them (cheaper than a cached related object).
    case_tags: list[tuple[Case, Any]] = field(default_factory=list)
    events: list[tuple[Case, CaseEvent]] = field(default_factory=list)
    drafts: list[AnswerDraft] = field(default_factory=list)
    revisions: list[AnswerRevision] = field(default_factory=list)
    case_tag_names: list[list[str]] = field(default_factory=list)  # aligned with `cases`


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def staff_for_load() -> tuple[User, User]:
    """The fictional front and back office staff the loaded cases are recorded by (inactive: nobody logs in)."""
    front, _c = User.objects.get_or_create(
        username="bulkload-front", defaults={"role": Role.FRONT, "display_name": "一括投入 一次", "is_active": False}
    )
    back, _c = User.objects.get_or_create(
        username="bulkload-back", defaults={"role": Role.BACK, "display_name": "一括投入 二次", "is_active": False}
    )
    return front, back


# --- writing ---------------------------------------------------------------------------------------------


def _reserve_ids(model: type[models.Model], count: int) -> int:
    """The first of `count` consecutive free primary keys of `model`'s table, taken from its sequence."""
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            highest = f"SELECT COALESCE(MAX(id), 0) + 1 FROM {connection.ops.quote_name(table)}"  # noqa: S608
            cur.execute(f"SELECT GREATEST(nextval(pg_get_serial_sequence(%s, 'id')), ({highest}))", [table])
            first = int(cur.fetchone()[0])
            # The sequence moves past the whole range before a row is written: the desk's next insert, in this
            # transaction or another, never takes a bulk-loaded id.
            cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + count - 1])
            return first
        # SQLite's AUTOINCREMENT keeps its own counter (sqlite_sequence) above every id written.
        cur.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return int(cur.fetchone()[0])


def _fill_timestamps(objs: Sequence[models.Model]) -> None:
    """auto_now / auto_now_add fields the rows do not set themselves: now, as save() would."""
    if not objs:
        return
    now = timezone.now()
    for f in objs[0]._meta.concrete_fields:
        if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
            for obj in objs:
                if getattr(obj, f.attname) is None:
                    setattr(obj, f.attname, now)


def _copy(model: type[models.Model], objs: Sequence[models.Model], extra: dict[str, Callable[[Any], Any]]) -> None:
    """PostgreSQL: one COPY of every concrete field (plus `extra` columns computed per row)."""
    fields = list(model._meta.concrete_fields)
    columns = [connection.ops.quote_name(f.column) for f in fields] + [connection.ops.quote_name(c) for c in extra]
    table = connection.ops.quote_name(model._meta.db_table)
    # Only JSON needs the field's own adaptation; every other value goes to psycopg as it is.
    json = [isinstance(f, models.JSONField) for f in fields]
    names = [f.attname for f in fields]
    computed = list(extra.values())
    with connection.cursor() as cur, cur.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for obj in objs:
            values = obj.__dict__
            row = [
                f.get_db_prep_save(values[name], connection) if is_json else values[name]
                for f, name, is_json in zip(fields, names, json, strict=True)
            ]
            row += [compute(obj) for compute in computed]
            copy.write_row(row)


def _write(model: type[models.Model], objs: Sequence[models.Model], **extra: Callable[[Any], Any]) -> None:
    if not objs:
        return
    first = _reserve_ids(model, len(objs))
    for offset, obj in enumerate(objs):
        obj.pk = first + offset
    _fill_timestamps(objs)
    if connection.vendor == "postgresql":
        _copy(model, objs, extra)
    else:
        model._default_manager.bulk_create(objs, batch_size=500)


def _bigrams(entry: SearchEntry) -> str:
    return tsvector_literal(title_norm=entry.title_norm, body_norm=entry.body_norm)


def _write_search(chunk: _Chunk) -> int:
    """The chunk's search entries as the indexer writes them (see module docstring)."""
    documents = [case_document(c, tag_names=names) for c, names in zip(chunk.cases, chunk.case_tag_names, strict=True)]
    if connection.vendor != "postgresql":
        return service.bulk_add(documents)
    entries = [service.new_entry(d) for d in documents]
    _write(SearchEntry, entries, bigrams=_bigrams)
    postings = [
        SearchTag(entry_id=e.pk, tag=name)
        for e, d in zip(entries, documents, strict=True)
        for name in service.tag_names(d.tags)
    ]
    _write(SearchTag, postings)
    return len(entries)


def _write_chunk(chunk: _Chunk, counts: dict[str, int]) -> None:
    # Foreign keys are set by assigning the (now saved) object again: that copies its new id and keeps it
    # cached, so building the search documents reads no organisation back.
    _write(Organization, chunk.orgs)
    for person in chunk.people:
        person.organization = person.organization
    _write(Person, chunk.people)
    for case in chunk.cases:
        case.organization, case.person = case.organization, case.person
    _write(Case, chunk.cases)
    for case, row in chunk.case_tags:
        row.case_id = case.pk
    _write(Case.tags.through, [row for _case, row in chunk.case_tags])
    for draft in chunk.drafts:
        draft.case = draft.case
    _write(AnswerDraft, chunk.drafts)
    for revision in chunk.revisions:
        revision.draft = revision.draft
    _write(AnswerRevision, chunk.revisions)
    for case, event in chunk.events:
        event.case_id = case.pk
        if event.kind == EventKind.ANSWER_SENT:  # names its draft, as answers.services records it
            event.data["draft_id"] = event.data.pop("_draft").pk
    _write(CaseEvent, [event for _case, event in chunk.events])
    counts["search_entries"] = counts.get("search_entries", 0) + _write_search(chunk)
    for name, rows in (
        ("organizations", chunk.orgs),
        ("people", chunk.people),
        ("cases", chunk.cases),
        ("case_tags", chunk.case_tags),
        ("events", chunk.events),
        ("answers", chunk.drafts),
    ):
        counts[name] = counts.get(name, 0) + len(rows)


# --- generating ------------------------------------------------------------------------------------------


class _Generator:
    def __init__(self, *, count: int, years: int, now: dt.datetime, seed: int, front: User, back: User) -> None:
        self.rng = random.Random(seed)
        self.count = count
        self.now = now
        self.start = now - dt.timedelta(days=365 * years)
        self.step = (now - dt.timedelta(hours=2) - self.start) / max(count, 1)
        self.texts = synthetic_cases(count=count, seed=seed)
        self.front, self.back = front, back
        self.due = first_response_due_rule()
        self.tags = {t.name: t for t in Tag.objects.all()}
        self.org_serial = Organization.objects.count()

    def tag(self, name: str) -> Tag:
        if name not in self.tags:
            self.tags[name] = Tag.objects.get_or_create(name=name)[0]
        return self.tags[name]

    def received_at(self, i: int) -> dt.datetime:
        base = timezone.localtime(self.start + self.step * i)
        hour = self.rng.choices([9, 10, 11, 13, 14, 15, 16, 18, 21], weights=[12, 15, 13, 12, 14, 13, 10, 6, 5])[0]
        at = base.replace(hour=hour, minute=self.rng.randrange(60), second=0, microsecond=0)
        return min(at, self.now - dt.timedelta(hours=1))

    def organizations(self, n: int, chunk: _Chunk) -> None:
        rng = self.rng
        for _ in range(n):
            self.org_serial += 1
            i = self.org_serial
            name = f"{rng.choice(ORG_FORMS)}架空{rng.choice(ORG_TRADES)}{i}"
            org = Organization(
                name=name,
                name_key=normalize_name(name),
                industry=_pick(rng, demo_history.INDUSTRY_WEIGHTS),
                employee_band=_pick(rng, demo_history.BAND_WEIGHTS),
                prefecture="東京都" if rng.random() < 0.9 else rng.choice(["神奈川県", "埼玉県", "千葉県"]),
                municipality=rng.choice(TOKYO_MUNICIPALITIES),
            )
            email = f"load{i}@example.jp"
            phone = f"03-{i // 10000 % 10000:04d}-{i % 10000:04d}"
            chunk.orgs.append(org)
            chunk.people.append(
                Person(
                    organization=org,
                    name=f"架空 {rng.choice(['太郎', '花子', '次郎', '桜', '一郎'])}{i}",
                    phone=phone,
                    phone_key=phone_digits(phone),
                    email=email,
                    email_key=normalize_email(email).lower(),
                )
            )

    def chunk(self, first: int, n: int) -> _Chunk:
        rng = self.rng
        chunk = _Chunk()
        self.organizations(max(1, n // 3), chunk)
        plans = []
        for i in range(first, first + n):
            text = next(self.texts)
            plans.append((self.received_at(i), text))
        by_year: dict[int, int] = {}
        for received, _t in plans:
            year = timezone.localtime(received).year
            by_year[year] = by_year.get(year, 0) + 1
        references = {y: iter(reserve_references(year=y, count=k)) for y, k in sorted(by_year.items())}
        for received, text in plans:
            who = rng.randrange(len(chunk.orgs))
            self.case(chunk, received, text, chunk.orgs[who], chunk.people[who], references)
        return chunk

    def case(
        self,
        chunk: _Chunk,
        received: dt.datetime,
        text: Any,
        org: Organization,
        person: Person,
        references: dict[int, Iterator[str]],
    ) -> None:
        rng = self.rng
        age = self.now - received
        p_open = 0.6 if age < dt.timedelta(days=3) else 0.1 if age < dt.timedelta(days=21) else 0.0
        is_open = rng.random() < p_open
        category = text.category
        if not category and not is_open:
            category = Category.GENERAL  # undecided only while the case is new
        tier2 = bool(category) and category not in demo_history.FRONT_CLOSES
        if is_open:
            status = rng.choice(OPEN_TIER2 if tier2 else OPEN_TIER1) if category else Status.RECEIVED
            tier2 = tier2 and status not in {Status.RECEIVED, Status.ON_HOLD}
        else:
            status = Status.CLOSED if rng.random() < 0.97 else Status.ANSWERED
        urgency = Urgency.HIGH if category in URGENT else Urgency.NORMAL
        channel = _pick(rng, demo_history.CHANNEL_WEIGHTS)
        due = self.due(category, received, urgency)
        first_response = None
        if status != Status.RECEIVED:
            allowed = max((due - received).total_seconds() / 60, 10)
            late = rng.random() >= demo_history.TARGET_MINUTES_ON_TIME
            minutes = allowed * (rng.uniform(1.1, 3) if late else rng.uniform(0.05, 0.9))
            first_response = min(received + dt.timedelta(minutes=minutes), self.now)
        answered = status in {Status.ANSWERED, Status.CLOSED}
        closed_at = None
        if status == Status.CLOSED:
            days = demo_history.RESOLUTION_DAYS.get(category, 2 if tier2 else 0.3)
            closed_at = min(received + dt.timedelta(days=rng.uniform(0.3, 2) * days + 0.05), self.now)
            first_response = min(first_response or closed_at, closed_at)
        case = Case(
            channel=channel,
            received_at=received,
            organization=org,
            person=person,
            subject=text.title[:200],
            body=text.body,
            category=category,
            urgency=urgency,
            police_referral=category == Category.CRIME,
            tier=Tier.BACK if tier2 else Tier.FRONT,
            status=status,
            assignee_id=self.back.pk if tier2 else None,
            created_by_id=self.front.pk,
            assessment=rng.choice(ASSESSMENTS) if tier2 and status != Status.DISPATCHED else "",
            resolution=rng.choice(RESOLUTIONS) if status == Status.CLOSED else "",
            first_response_due_at=due,
            first_response_at=first_response,
            closed_at=closed_at,
            created_at=received,
            updated_at=closed_at or first_response or received,
        )
        case.reference = next(references[timezone.localtime(received).year])
        chunk.cases.append(case)
        names = sorted(set(text.tags))
        chunk.case_tag_names.append(names)
        through = Case.tags.through
        chunk.case_tags.extend((case, through(tag_id=self.tag(n).pk)) for n in names)
        actor = self.back if tier2 else self.front

        def event(kind: str, at: dt.datetime, user: User, note: str = "", **data: Any) -> None:
            chunk.events.append((case, CaseEvent(kind=kind, at=at, actor_id=user.pk, text=note, data=data)))

        event(EventKind.RECEIVED, received, self.front, channel=channel)
        step = (first_response or received) + dt.timedelta(minutes=1)
        if category:
            police = category == Category.CRIME
            event(EventKind.TRIAGE, step, self.front, category=category, urgency=urgency, police=police, source="")
        if tier2:
            event(EventKind.DISPATCH, step, self.front, "二次対応へ回付します。", assignee=self.back.get_username())
        if rng.random() < 0.3:
            event(EventKind.NOTE, step + dt.timedelta(hours=1), actor, rng.choice(NOTES))
        if answered and tier2:
            sent = (closed_at or step) - dt.timedelta(minutes=30) if closed_at else step + dt.timedelta(hours=2)
            sent = max(sent, step)
            via = rng.choice([AnswerChannel.EMAIL, AnswerChannel.PHONE])
            measures, referrals = rng.choice(MEASURES), rng.choice(REFERRALS)
            draft = AnswerDraft(
                case=case,
                measures=measures,
                referrals=referrals,
                channel=via,
                status=AnswerStatus.SENT,
                author=self.back,
                created_at=sent - dt.timedelta(hours=1),
                updated_at=sent,
                sent_at=sent,
                sent_by=self.back,
            )
            chunk.drafts.append(draft)
            chunk.revisions.append(
                AnswerRevision(
                    draft=draft,
                    number=1,
                    author=self.back,
                    saved_at=sent - dt.timedelta(hours=1),
                    measures=measures,
                    referrals=referrals,
                    channel=via,
                )
            )
            event(EventKind.ANSWER_SENT, sent, self.back, f"{measures}\n{referrals}".strip(), _draft=draft, via=via)
        if closed_at is not None:
            old = Status.ANSWERED if tier2 else Status.RECEIVED
            event(EventKind.STATUS, closed_at, actor, old=old, new=Status.CLOSED)


# --- the load --------------------------------------------------------------------------------------------


def _gin_indexes() -> list[tuple[str, str]]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s ORDER BY indexname",
            [SearchEntry._meta.db_table, "% USING gin %"],
        )
        return [(str(name), str(sql)) for name, sql in cur.fetchall()]


class CapacityExceeded(ValueError):
    pass


def check_capacity(*, count: int, years: int) -> None:
    """Refuse a load whose yearly share would overflow the five-digit reference number."""
    per_year = count / max(years, 1)
    if per_year * 1.1 > MAX_PER_YEAR:
        raise CapacityExceeded(f"{count} cases over {years} years exceed {MAX_PER_YEAR} reference numbers a year")


def load(
    *,
    count: int,
    years: int = 12,
    seed: int = 20261207,
    now: dt.datetime | None = None,
    progress: Callable[[int, float], None] | None = None,
) -> LoadResult:
    """Add `count` fictional consultations over the last `years` years, in one transaction."""
    import time

    check_capacity(count=count, years=years)
    started = time.monotonic()
    result = LoadResult()
    now = now or timezone.now()
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        if postgres:
            # Lock order: the search table's exclusive lock (DROP INDEX needs it) is taken before this transaction
            # holds anything else, so a session reading search entries makes the load wait, never deadlock.
            with connection.cursor() as cur:
                cur.execute(
                    f"LOCK TABLE {connection.ops.quote_name(SearchEntry._meta.db_table)} IN ACCESS EXCLUSIVE MODE"
                )
        front, back = staff_for_load()
        gin: list[tuple[str, str]] = []
        if postgres:
            # GIN indexes are built once at the end (minutes), not row by row (hours at a million rows).
            gin = _gin_indexes()
            with connection.cursor() as cur:
                for name, _sql in gin:
                    cur.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        generator = _Generator(count=count, years=years, now=now, seed=seed, front=front, back=back)
        for first in range(0, count, CHUNK):
            chunk = generator.chunk(first, min(CHUNK, count - first))
            _write_chunk(chunk, result.rows)
            result.cases += len(chunk.cases)
            if progress is not None:
                progress(result.cases, time.monotonic() - started)
        if postgres:
            with connection.cursor() as cur:
                cur.execute("SET LOCAL maintenance_work_mem = '1GB'")
                for _name, sql in gin:
                    cur.execute(sql)
    if postgres:
        # VACUUM as well as ANALYZE where it can run (not inside a caller's transaction): a freshly loaded table has
        # no visibility map and no hint bits, so the first readers pay for them, and index-only scans read the heap.
        # Measured at 1M: the load test right after a load without it had half the throughput (docs/reliability.md).
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cur:
            for model in (Organization, Person, Case, CaseEvent, AnswerDraft, SearchEntry, SearchTag):
                cur.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")
    result.seconds = time.monotonic() - started
    return result
