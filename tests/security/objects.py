"""One of every object a staff URL names by id, code or key, owned by someone other than the people who try it.

Each object carries a string only it shows (`idor-secret-...`, or the consulter's name for masked text): a refused
request must not answer with it. The consultation `hidden_case` was dispatched to the back office by another
front-line member (`owner`): another front-line member may not open it, nor anything that shows its content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.answers.models import OutboundEmail, OutboundKind, OutboundStatus
from madoguchi.api import services as api_services
from madoguchi.casebook import services as casebook_services
from madoguchi.casebook.services import CaseStudyText, ProposalText
from madoguchi.cases import services as case_services
from madoguchi.cases.models import Callback, Case, SavedCaseView
from madoguchi.cases.workflow import Status
from madoguchi.core import drafts
from madoguchi.intake.models import Attachment, InboundMessage, InboundStatus
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import eml
from madoguchi.knowledge import archive_services, faq_services
from madoguchi.knowledge.archive_services import ArchiveItemData
from madoguchi.knowledge.models import CannedText, FeedItem, UsefulLink
from madoguchi.notifications.models import Notification
from madoguchi.outreach import services as outreach_services
from madoguchi.outreach.models import RequestSource
from madoguchi.referrals.models import EventType, LawEntry, ReferralOrganization
from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.testing.factories import UserFactory, dispatched_case

# The consulter of the hidden consultation: the FAQ draft masks this name and keeps it as an original.
CONSULTER = "架空 太郎"
CASE_SUBJECT = "idor-secret-case-subject"
CASE_BODY = f"株式会社サンプル商事の{CONSULTER}です。連絡先は03-0000-0000です。idor-secret-case-body"


@dataclass
class World:
    owner: User  # front line: created the hidden case, owns the private objects
    writer: User  # tier 2: wrote the back-office content
    hidden_case: Case
    objects: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.objects[key]


def _closed_hidden_case(owner: User) -> Case:
    case = dispatched_case(tier1=owner, subject=CASE_SUBJECT, body=CASE_BODY, person_name=CONSULTER)
    # Answered and closed by tier 2 (the answer workflow is not what these tests are about).
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED, resolution="多要素認証を案内した。")
    case.refresh_from_db()
    return case


def build_world() -> World:
    owner = UserFactory(username="idor-owner", role=Role.FRONT)
    writer = UserFactory(username="idor-writer", role=Role.BACK)
    case = _closed_hidden_case(owner)
    world = World(owner=owner, writer=writer, hidden_case=case)
    o = world.objects
    now = timezone.now()
    today = timezone.localdate()

    # Private to their owner.
    o["saved_view"] = SavedCaseView.objects.create(
        owner=owner, name="idor-secret-saved-view", query="q=idor-secret-query", shared=False
    )
    o["notification"] = Notification.objects.create(recipient=owner, kind="dispatched", case=case, key="idor")
    o["form_draft"] = drafts.draft_save(
        user=owner, session_key="idor-session", form_key="intake:phone", data={"body": "idor-secret-draft"}
    )
    o["api_token"], _raw = api_services.token_issue(actor=None, user=owner, name="idor-secret-token")
    o["staff_user"] = UserFactory(username="idor-target", role=Role.BACK, display_name="idor-secret-staff-name")

    # Reached through the hidden case.
    o["callback"] = Callback.objects.create(case=case, phone="03-0000-0000", due_at=now, created_by=owner)
    o["outbox"] = OutboundEmail.objects.create(
        case=case,
        kind=OutboundKind.OTHER,
        subject="idor-secret-outbox",
        body_text="idor-secret-outbox-body",
        message_id="<idor-outbox@madoguchi.example.jp>",
        next_attempt_at=now,
        status=OutboundStatus.FAILED,
    )
    o["organization"] = case.organization
    mail = mail_intake.ingest_raw(raw=eml("attachments_mixed.eml"), transport="pipe").message
    assert mail.case is not None
    case_services.case_dispatch(
        actor=writer,
        case=mail.case,
        expected_version=mail.case.version,
        category="prevention",
        urgency=1,
        police_referral=False,
    )
    o["message"] = InboundMessage.objects.get(pk=mail.pk)
    o["attachment"] = Attachment.objects.filter(inbound_message=mail).order_by("pk").first()
    o["quarantined"] = mail_intake.ingest_raw(raw=eml("garbage_no_from.eml"), transport="pipe").message
    assert o["quarantined"].status == InboundStatus.QUARANTINED

    # Knowledge: an FAQ draft masked from the hidden case, the archive, feeds, canned texts, links.
    o["faq"] = faq_services.faq_create_from_cases(actor=writer, cases=[case])
    item = archive_services.archive_item_create(
        actor=writer,
        data=ArchiveItemData(title="idor-secret-archive-item", collected_on=today, url="https://news.example.jp/idor"),
    )
    archive_services.archive_item_link_case(actor=writer, item=item, case=case)
    o["archive_item"] = item
    o["archive_attachment"] = archive_services.archive_attachment_add(
        actor=writer, item=item, filename="idor.pdf", data=b"%PDF-1.4\n% idor-secret-archive-pdf\n%%EOF\n"
    )
    o["feed"] = archive_services.feed_create(actor=writer, url="https://feeds.example.jp/idor.xml", title="idor-feed")
    o["feed_item"] = FeedItem.objects.create(
        feed=o["feed"], title="idor-secret-feed-item", url="https://news.example.jp/idor-item"
    )
    o["canned"] = CannedText.objects.create(
        title="idor-secret-canned", body="idor-secret-canned-body", created_by=writer
    )
    o["link"] = UsefulLink.objects.create(
        title="idor-secret-link",
        url="https://links.example.jp/idor",
        publisher="見本機関",
        summary="見本",
        checked_on=today,
        published=False,
    )

    # Casebook: a draft study of the hidden case, a guidebook proposal and a section.
    scheme = Scheme.objects.create(
        code="tokyo_guidebook", name="架空のガイドブック", source_url="https://guidebook.example.jp/", as_of=today
    )
    section = Term.objects.create(scheme=scheme, code="mission1", ref="MISSION1", label="idor-section", order=1)
    o["scheme"], o["term"] = scheme, section
    o["study"] = casebook_services.case_study_create(
        actor=writer, case=case, text=CaseStudyText(title="idor-secret-study", situation="見本の状況")
    )
    o["proposal"] = casebook_services.proposal_create(
        actor=writer, section=section, text=ProposalText(title="idor-secret-proposal", change="点", reason="理由")
    )

    # Outreach.
    edition = outreach_services.edition_create(
        actor=writer, name="idor-secret-edition", published_on=today, stock=10, low_stock_threshold=1
    )
    o["edition"] = edition
    o["guidebook_request"] = outreach_services.guidebook_request_create(
        actor=owner,
        source=RequestSource.STAFF,
        data=outreach_services.RequestData(
            edition=edition,
            copies=1,
            organization="見本商事",
            person_name="idor-secret-requester",
            postal_code="160-0022",
            prefecture="東京都",
            address="新宿区新宿1-1-1",
        ),
    )
    o["event"] = outreach_services.seminar_create(
        actor=writer,
        data=outreach_services.EventData(topic="idor-secret-seminar", starts_at=now, organiser="見本協会", online=True),
    )
    o["material"] = outreach_services.material_create(
        actor=writer,
        title="idor-secret-material",
        kind="markdown",
        filename="idor.md",
        tags="",
        data=b"# idor-secret-material-file\n",
        change_note="v1",
    )
    o["material_version"] = o["material"].versions.get()

    # Reference data.
    sourced = {"source_url": "https://ref.example.jp/idor", "as_of": today, "as_of_basis": "published"}
    o["referral_org"] = ReferralOrganization.objects.create(
        code="idor-org",
        name="idor-secret-referral",
        short_name="見本",
        entry_type="consultation",
        handles="見本",
        region="全国",
        **sourced,
    )
    o["law"] = LawEntry.objects.create(
        code="idor-law",
        law_name="idor-secret-law",
        law_short_name="見本法",
        article="第1条",
        covers="見本",
        penalty_wording="kokinkei_verified",
        **sourced,
    )
    o["event_type"] = EventType.objects.create(code="idor-event", label="idor-secret-event-type", **sourced)
    return world


def as_of(days: int = 0) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)
