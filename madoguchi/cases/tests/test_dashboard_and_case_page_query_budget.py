"""Query budgets (issue 15): the staff dashboard costs at most 30 queries for every role, whether the database holds
one case or many; the case page costs at most 40 for every role that can open it, for a case with something in
every panel, and the count does not grow when the case's history and the other cases grow tenfold.

The case page reaches 40 because the view loads the case once (through `cases.access`) and the panels share one
`CasePage` (`cases/extensions.py`): the case with its tags, the triage suggestion, the playbook templates, the open
answer draft and the taxonomy terms are each loaded once per request, whichever panels ask for them."""

import datetime as dt
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from madoguchi.answers import outbox
from madoguchi.answers import services as answer_services
from madoguchi.answers.models import OutboundKind
from madoguchi.cases import services
from madoguchi.cases.choices import Category, EventKind, Urgency
from madoguchi.cases.workflow import Status
from madoguchi.intake.models import Attachment
from madoguchi.intake.services import mail as mail_intake
from madoguchi.knowledge import faq_services
from madoguchi.playbooks import reference_loader as playbook_reference
from madoguchi.playbooks import services as playbook_services
from madoguchi.playbooks.models import PlaybookTemplate
from madoguchi.taxonomy import services as taxonomy_services
from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.testing.factories import dispatched_case, make_case
from madoguchi.triage.models import TriageSuggestion

pytestmark = pytest.mark.django_db

DASHBOARD_BUDGET = 30
# The goal for the case page, and the measured ceiling per role (SQLite and PostgreSQL alike) under it, so
# that one more query — a panel loading again what another already loaded — fails. Tier 1 has no answer editor
# (no canned texts, no FAQ list).
CASE_PAGE_GOAL = 40
CASE_PAGE_BUDGET = {"tier1_staff": 37, "tier2_staff": 39, "manager": 39}

CONSULTER = "keiri@sample-unyu.example.jp"


@pytest.fixture(autouse=True)
def _banner_cached_for_the_whole_test(settings):
    """The operations banner's figures stay cached for the test (after a first page), whatever its duration."""
    settings.MADOGUCHI_OPS_BANNER_CACHE_SECONDS = 3600


def _captured(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _queries(client, url: str) -> int:
    return len(_captured(client, url))


def _more_cases(tier1, n: int, start: int) -> None:
    for i in range(start, start + n):
        make_case(actor=tier1, org_name=f"株式会社サンプル{i}", email=f"p{i}@example.jp", phone=f"03-0000-{i:04d}")
        dispatched_case(tier1=tier1, org_name=f"合同会社テスト{i}", email=f"q{i}@example.jp", phone=f"03-1111-{i:04d}")


def _grow(case, actor, n: int, start: int) -> None:
    for i in range(start, start + n):
        services.case_add_note(actor=actor, case=case, kind=EventKind.NOTE, text=f"メモ {i}")
        services.case_add_note(actor=actor, case=case, kind=EventKind.CALL_OUT, text=f"折り返し {i}")
        outbox.enqueue(
            kind=OutboundKind.OTHER, case=case, to=[f"r{i}@example.jp"], subject=f"連絡 {i}", body_text="本文"
        )


@pytest.mark.parametrize("persona", ["tier1_staff", "tier2_staff", "manager"])
def test_dashboard_stays_within_30_queries_with_one_case_or_many(request, client_for, tier1_staff, persona):
    client = client_for(request.getfixturevalue(persona))
    dispatched_case(tier1=tier1_staff)
    _queries(client, reverse("cases:dashboard"))  # the first page after login saves the session, fills the cache
    one = _queries(client, reverse("cases:dashboard"))
    _more_cases(tier1_staff, 20, start=1)
    many = _queries(client, reverse("cases:dashboard"))
    assert many == one, "the dashboard's query count must not grow with the data"
    assert many <= DASHBOARD_BUDGET


# --- the case page, with something in every panel ---


def _reply_with_attachments(case) -> bytes:
    """The consulter's reply naming the 受付番号, with two attachments: it threads into the case."""
    msg = EmailMessage()
    msg["From"] = f"経理 担当 <{CONSULTER}>"
    msg["To"] = "soudan@madoguchi.example.jp"
    msg["Subject"] = f"Re: [{case.reference}] 追加の資料"
    msg["Date"] = "Mon, 07 Dec 2026 10:00:00 +0900"
    msg["Message-ID"] = make_msgid(domain="sample-unyu.example.jp")
    msg.set_content("届いたメールと画面の写真を送ります。\n")
    msg.add_attachment(b"%PDF-1.4\n% fictional\n", maintype="application", subtype="pdf", filename="mail.pdf")
    msg.add_attachment(b"\x89PNG\r\n\x1a\nfictional", maintype="image", subtype="png", filename="screen.png")
    return msg.as_bytes()


def _terms() -> list[Term]:
    scheme = Scheme.objects.create(
        code="ipa_kokokara",
        name="ここからセキュリティ！",
        source_url="https://example.jp/k",
        as_of=dt.date(2023, 11, 22),
    )
    return [
        Term.objects.create(scheme=scheme, code="leak", label="情報が漏れたら", order=1),
        Term.objects.create(scheme=scheme, code="accident", label="ウイルスに感染したら", order=2),
    ]


def _published_faq(tier2, manager):
    faq = faq_services.faq_create(
        actor=tier2,
        content=faq_services.FaqContent(
            title="取引先を装ったメールの添付ファイルを開いてしまった",
            questions=["取引先からのメールの添付ファイルを開いたら何も表示されなかった。"],
            measures="端末をネットワークから外し、社内の担当者に連絡してください。",
            keywords=["添付ファイル", "なりすまし"],
            visibility="public",
        ),
    )
    faq = faq_services.faq_transition(actor=tier2, faq=faq, expected_version=faq.version, to="in_review")
    return faq_services.faq_transition(actor=manager, faq=faq, expected_version=faq.version, to="published")


@pytest.fixture
def rich_case(settings, tier1_staff, tier2_staff, manager):
    """A leak consultation tier 1 took by phone and tier 2 works on: mail with attachments, tags, taxonomy terms,
    the triage suggestion, a playbook run with a ticked item and legal-clock facts, an FAQ used in the answer,
    one answer sent and a second draft open, notes, call-outs and outbox rows."""
    settings.MADOGUCHI_MAIL_DOMAIN = "madoguchi.example.jp"
    settings.DEFAULT_FROM_EMAIL = "窓口 <soudan@madoguchi.example.jp>"
    settings.MADOGUCHI_DESK_NOTIFY = []
    playbook_reference.load(force=False, stdout=None)
    case = make_case(
        actor=tier1_staff,
        subject="取引先を装ったメールから顧客名簿が漏れたかもしれない",
        body="経理担当が取引先を装ったメールの添付ファイルを開いた。その後、顧客名簿の入った共有フォルダに不審なアクセスがあった。",
        org_name="株式会社サンプル運輸",
        person_name="架空 次郎",
        email=CONSULTER,
        phone="03-0000-1234",
        tags=["なりすまし", "添付ファイル", "顧客名簿"],
    )
    assert mail_intake.ingest_raw(raw=_reply_with_attachments(case), transport="pipe").case == case
    assert Attachment.objects.filter(case=case).count() == 2
    case = services.case_dispatch(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        category=Category.URGENT_BREACH,
        urgency=Urgency.HIGH,
        police_referral=False,
    )
    case = services.case_take(actor=tier2_staff, case=case)
    assert TriageSuggestion.objects.filter(case=case).exists()
    for term in _terms():
        taxonomy_services.classify(actor=tier2_staff, obj=case, term=term)
    run = playbook_services.playbook_start(
        actor=tier2_staff, case=case, template=PlaybookTemplate.objects.get(code="leak_v1")
    )
    playbook_services.item_set_done(actor=tier2_staff, item=run.items.order_by("position").first(), done=True)
    playbook_services.clock_facts_update(
        actor=tier2_staff, case=case, flags={}, incident_at=timezone.now() - dt.timedelta(days=1)
    )
    faq = _published_faq(tier2_staff, manager)
    faq_services.faq_record_use(actor=tier2_staff, faq=faq, case=case)
    first = answer_services.answer_save_draft(
        actor=tier2_staff, case=case, measures=faq.measures, referrals="警察の相談窓口", channel="email"
    )
    answer_services.answer_send(actor=tier2_staff, draft=first)
    case.refresh_from_db()
    services.case_set_status(actor=tier2_staff, case=case, to=Status.IN_PROGRESS, text="追加の相談")
    answer_services.answer_save_draft(
        actor=tier2_staff, case=case, measures="パスワードを変更してください。", referrals="", channel="email"
    )
    _grow(case, tier1_staff, 2, start=0)
    _more_cases(tier1_staff, 2, start=100)
    case.refresh_from_db()
    return case


@pytest.mark.parametrize("persona", ["tier1_staff", "tier2_staff", "manager"])
def test_case_page_stays_within_40_queries_and_does_not_grow_tenfold(
    request, client_for, tier1_staff, rich_case, persona
):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("cases:detail", kwargs={"reference": rich_case.reference})
    _queries(client, url)  # the first view after login may save the session
    short = _captured(client, url)
    _grow(rich_case, tier1_staff, 20, start=10)
    _more_cases(tier1_staff, 20, start=200)
    _queries(client, url)
    long = _captured(client, url)
    listing = "\n".join(long)
    assert len(long) == len(short), f"the case page's query count grew with the data:\n{listing}"
    assert len(long) <= CASE_PAGE_BUDGET[persona] <= CASE_PAGE_GOAL, f"{len(long)} queries:\n{listing}"
