"""No IDOR on any URL that names an object other than a case: for each one, every role (anonymous, another
front-line member, tier 2, manager, admin) and the object's owner get the exact status written here — 404 where
the object is not theirs to see (the same as a missing one), 403 only where the view refuses the role before
loading anything, 302 to login for anonymous users — and a refused request neither shows the object's own text
nor changes a row. The objects are built by `tests/security/objects.py`; `test_every_url_parameter_is_classified`
fails when a URL with a parameter is missing here."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.answers.models import MailTemplate, OutboundEmail
from madoguchi.api.models import ApiToken
from madoguchi.casebook.models import CaseStudy, RevisionProposal
from madoguchi.cases.models import Callback, Case, SavedCaseView
from madoguchi.core.models import FormDraft
from madoguchi.intake.models import InboundMessage
from madoguchi.knowledge.models import ArchiveAttachment, ArchiveItem, CannedText, FaqEntry, Feed, FeedItem, UsefulLink
from madoguchi.notifications.models import Notification
from madoguchi.outreach.models import GuidebookEdition, GuidebookRequest, Material, MaterialVersion, OutreachEvent
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.reports.models import HandbookRevision, RetentionPolicy
from madoguchi.taxonomy.models import Term, TermAssignment
from madoguchi.testing.factories import UserFactory
from tests.security.objects import CASE_BODY, CASE_SUBJECT, CONSULTER, World, build_world

pytestmark = pytest.mark.django_db

# Who tries, in this order (the owner last: what they may do changes the row).
WHO = ("anonymous", "front", "back", "manager", "admin", "owner")
Statuses = tuple[int, int, int, int, int, int]
Kwargs = Callable[[World], dict[str, Any]]
Body = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class ObjectRoute:
    kwargs: Kwargs
    secret: Callable[[World], str]  # only the object shows it
    tables: tuple[type[Model], ...]  # what a refused POST must leave as it was
    body: Body | None = None
    json_body: bool = False
    front_never: tuple[str, ...] = ()  # shown to others, never to another front-line member


def _pk(key: str) -> Kwargs:
    return lambda w: {"pk": w[key].pk}


def _text(value: str) -> Callable[[World], str]:
    return lambda w: value


def _version(key: str, **extra: Any) -> Body:
    return lambda w: {"version": w[key].version, **extra}


OBJECT_ROUTES: dict[str, ObjectRoute] = {
    # --- private to their owner -------------------------------------------------------------------------
    "cases:saved_view_apply": ObjectRoute(
        _pk("saved_view"),
        _text("idor-secret-query"),
        (SavedCaseView,),
    ),
    "cases:saved_view_update": ObjectRoute(
        _pk("saved_view"),
        _text("idor-secret-saved-view"),
        (SavedCaseView,),
        body=lambda w: {"delete": "1"},
    ),
    "notifications:open": ObjectRoute(
        _pk("notification"),
        _text(CASE_SUBJECT),
        (Notification,),
    ),
    "cases:form_draft": ObjectRoute(
        lambda w: {"form_key": "intake:phone"},
        _text("idor-secret-draft"),
        (FormDraft,),  # the owner's draft belongs to their own session too
        body=lambda w: {"discard": True},
        json_body=True,
    ),
    "api_staff:revoke": ObjectRoute(
        _pk("api_token"),
        _text("idor-secret-token"),
        (ApiToken,),
    ),
    "accounts:staff_edit": ObjectRoute(
        _pk("staff_user"),
        _text("idor-secret-staff-name"),
        (User,),
        body=lambda w: {"display_name": ""},
    ),
    # --- reached through the hidden consultation ---------------------------------------------------------
    "cases:callback_done": ObjectRoute(
        _pk("callback"),
        _text(CASE_SUBJECT),
        (Callback,),
        body=lambda w: {"outcome": "idor-done"},
    ),
    "answers:outbox_retry": ObjectRoute(
        _pk("outbox"),
        _text("idor-secret-outbox"),
        (OutboundEmail,),
    ),
    "cases:organization": ObjectRoute(
        _pk("organization"),
        _text(CASE_SUBJECT),
        (Case,),
    ),
    "intake_staff:message": ObjectRoute(
        _pk("message"),
        lambda w: w["message"].subject,
        (InboundMessage,),
    ),
    "intake_staff:message_html": ObjectRoute(
        _pk("message"),
        lambda w: w["message"].subject,
        (InboundMessage,),
    ),
    "intake_staff:message_raw": ObjectRoute(
        _pk("message"),
        lambda w: w["message"].message_id,
        (InboundMessage,),
    ),
    "intake_staff:attachment": ObjectRoute(
        _pk("attachment"),
        lambda w: w["attachment"].filename,
        (InboundMessage,),
    ),
    "intake_staff:dismiss": ObjectRoute(
        _pk("quarantined"),
        lambda w: w["quarantined"].subject or w["quarantined"].raw_sha256,
        (InboundMessage,),
        body=lambda w: {"reason": "idor"},
    ),
    "intake_staff:reprocess": ObjectRoute(
        _pk("quarantined"),
        lambda w: w["quarantined"].subject or w["quarantined"].raw_sha256,
        (InboundMessage,),
    ),
    # --- knowledge ---------------------------------------------------------------------------------------
    "knowledge:faq_detail": ObjectRoute(
        _pk("faq"),
        _text(CONSULTER),
        (FaqEntry,),
    ),
    "knowledge:faq_edit": ObjectRoute(
        _pk("faq"),
        _text(CONSULTER),
        (FaqEntry,),
        body=_version("faq", title=""),
    ),
    "knowledge:faq_mask": ObjectRoute(
        _pk("faq"),
        _text(CONSULTER),
        (FaqEntry,),
        body=_version("faq", text="idor-not-there", span_type="company"),
    ),
    "knowledge:faq_unmask": ObjectRoute(
        lambda w: {"pk": w["faq"].pk, "index": 0},
        _text(CONSULTER),
        (FaqEntry,),
        body=_version("faq"),
    ),
    "knowledge:faq_transition": ObjectRoute(
        _pk("faq"), _text(CONSULTER), (FaqEntry,), body=_version("faq", to="retired")
    ),
    "knowledge:faq_version": ObjectRoute(
        lambda w: {"pk": w["faq"].pk, "number": 1},
        _text(CONSULTER),
        (FaqEntry,),
    ),
    "knowledge:archive_detail": ObjectRoute(
        # The archive is for every staff role; the consultation it is linked to is not.
        _pk("archive_item"),
        _text("idor-secret-archive-item"),
        (ArchiveItem,),
        front_never=(CASE_SUBJECT,),
    ),
    "knowledge:archive_edit": ObjectRoute(
        _pk("archive_item"),
        _text("idor-secret-archive-item"),
        (ArchiveItem,),
        body=_version("archive_item", title=""),
    ),
    "knowledge:archive_attachment_add": ObjectRoute(
        _pk("archive_item"),
        _text("idor-secret-archive-item"),
        (ArchiveAttachment,),
    ),
    "knowledge:archive_attachment_download": ObjectRoute(
        _pk("archive_attachment"),
        _text("idor-secret-archive-pdf"),
        (ArchiveAttachment,),
    ),
    "knowledge:archive_link_case": ObjectRoute(
        _pk("archive_item"),
        _text(CASE_SUBJECT),
        (ArchiveItem,),
        body=lambda w: {"case-reference": w.hidden_case.reference},
    ),
    "knowledge:archive_link_faq": ObjectRoute(
        _pk("archive_item"),
        _text(CONSULTER),
        (ArchiveItem,),
        body=lambda w: {"faq-target_id": w["faq"].pk},
    ),
    "knowledge:feed_toggle": ObjectRoute(
        _pk("feed"),
        _text("idor-feed"),
        (Feed,),
    ),
    "knowledge:inbox_dismiss": ObjectRoute(
        _pk("feed_item"),
        _text("idor-secret-feed-item"),
        (FeedItem,),
    ),
    "knowledge:inbox_keep": ObjectRoute(
        _pk("feed_item"),
        _text("idor-secret-feed-item"),
        (FeedItem, ArchiveItem),
    ),
    "knowledge:canned_edit": ObjectRoute(
        _pk("canned"),
        _text("idor-secret-canned-body"),
        (CannedText,),
        body=lambda w: {"title": ""},
    ),
    "knowledge:link_edit": ObjectRoute(
        _pk("link"),
        _text("idor-secret-link"),
        (UsefulLink,),
        body=lambda w: {"title": ""},
    ),
    # --- casebook ----------------------------------------------------------------------------------------
    "casebook:detail": ObjectRoute(
        _pk("study"),
        _text("idor-secret-study"),
        (CaseStudy,),
    ),
    "casebook:edit": ObjectRoute(
        _pk("study"),
        _text("idor-secret-study"),
        (CaseStudy,),
        body=_version("study", title=""),
    ),
    "casebook:submit": ObjectRoute(_pk("study"), _text("idor-secret-study"), (CaseStudy,), body=_version("study")),
    "casebook:publish": ObjectRoute(_pk("study"), _text("idor-secret-study"), (CaseStudy,), body=_version("study")),
    "casebook:return": ObjectRoute(_pk("study"), _text("idor-secret-study"), (CaseStudy,), body=_version("study")),
    "casebook:proposal_decide": ObjectRoute(
        _pk("proposal"),
        _text("idor-secret-proposal"),
        (RevisionProposal,),
        body=lambda w: {"status": "under_review"},
    ),
    "casebook:section_link_law": ObjectRoute(
        _pk("term"),
        _text("idor-secret-law"),
        (TermAssignment,),
        body=lambda w: {"law": w["law"].pk},
    ),
    # --- outreach ----------------------------------------------------------------------------------------
    "outreach:request_detail": ObjectRoute(
        lambda w: {"reference": w["guidebook_request"].reference},
        _text("idor-secret-requester"),
        (GuidebookRequest,),
    ),
    "outreach:request_transition": ObjectRoute(
        lambda w: {"reference": w["guidebook_request"].reference},
        _text("idor-secret-requester"),
        (GuidebookRequest,),
        body=lambda w: {"to": "cancelled", "note": "idor"},
    ),
    "outreach:edition_restock": ObjectRoute(
        _pk("edition"),
        _text("idor-secret-edition"),
        (GuidebookEdition,),
        body=lambda w: {"added": 5},
    ),
    "outreach:event_detail": ObjectRoute(
        _pk("event"),
        _text("idor-secret-seminar"),
        (OutreachEvent,),
    ),
    "outreach:event_edit": ObjectRoute(
        _pk("event"),
        _text("idor-secret-seminar"),
        (OutreachEvent,),
        body=lambda w: {"topic": ""},
    ),
    "outreach:event_link": ObjectRoute(
        _pk("event"),
        _text(CASE_SUBJECT),
        (OutreachEvent,),
        body=lambda w: {"reference": w.hidden_case.reference},
    ),
    "outreach:material_detail": ObjectRoute(
        _pk("material"),
        _text("idor-secret-material"),
        (Material,),
    ),
    "outreach:material_classify": ObjectRoute(
        _pk("material"),
        _text("idor-secret-material"),
        (TermAssignment,),
        body=lambda w: {"term": w["term"].pk},
    ),
    "outreach:material_version_create": ObjectRoute(
        _pk("material"),
        _text("idor-secret-material"),
        (MaterialVersion,),
    ),
    "outreach:material_download": ObjectRoute(
        _pk("material_version"),
        _text("idor-secret-material-file"),
        (MaterialVersion,),
    ),
    # --- desk settings and reference data (no owner; the role decides) ----------------------------------
    "answers:mail_template_edit": ObjectRoute(
        lambda w: {"code": "answer"},
        lambda w: "{{",
        (MailTemplate,),
        body=lambda w: {"reset": "1"},
    ),
    "reports:handbook_section_edit": ObjectRoute(
        lambda w: {"key": w["handbook_key"]},
        lambda w: "idor-not-shown",
        (HandbookRevision,),
        body=lambda w: {"body": ""},
    ),
    "reports:retention_policy": ObjectRoute(
        lambda w: {"record_type": "guidebook_request"},
        lambda w: "idor-not-shown",
        (RetentionPolicy,),
        body=lambda w: {"guidebook_request-record_type": "guidebook_request", "guidebook_request-months": "24"},
    ),
    "taxonomy:scheme": ObjectRoute(
        lambda w: {"code": w["scheme"].code},
        _text("idor-section"),
        (Term,),
    ),
    "taxonomy:term_create": ObjectRoute(
        lambda w: {"code": w["scheme"].code},
        _text("idor-section"),
        (Term,),
        body=lambda w: {"label": ""},
    ),
    "taxonomy:term_edit": ObjectRoute(
        lambda w: {"code": w["scheme"].code, "term_id": w["term"].pk},
        _text("idor-section"),
        (Term,),
        body=lambda w: {"label": ""},
    ),
    "taxonomy:term_move": ObjectRoute(
        lambda w: {"code": w["scheme"].code, "term_id": w["term"].pk},
        _text("idor-section"),
        (Term,),
        body=lambda w: {"direction": "down"},
    ),
    "referrals:organization": ObjectRoute(
        lambda w: {"code": w["referral_org"].code},
        _text("idor-secret-referral"),
        (ReferralOrganization,),
    ),
    "referrals:organization_edit": ObjectRoute(
        lambda w: {"code": w["referral_org"].code},
        _text("idor-secret-referral"),
        (ReferralOrganization,),
        body=lambda w: {"name": ""},
    ),
    "referrals:organization_verify": ObjectRoute(
        lambda w: {"code": w["referral_org"].code},
        _text("idor-secret-referral"),
        (ReferralOrganization,),
    ),
    "referrals:law": ObjectRoute(
        lambda w: {"code": w["law"].code},
        _text("idor-secret-law"),
        (ReferralOrganization,),
    ),
    "referrals:event": ObjectRoute(
        lambda w: {"code": w["event_type"].code},
        _text("idor-secret-event-type"),
        (ReferralOrganization,),
    ),
}


EXPECTED: dict[str, tuple[Statuses, Statuses]] = {
    # URL name: (GET, POST), each for anonymous, another front-line member, tier 2, manager, admin, owner
    "accounts:staff_edit": ((302, 403, 403, 403, 200, 403), (302, 403, 403, 403, 400, 403)),
    "answers:mail_template_edit": ((302, 403, 403, 403, 200, 403), (302, 403, 403, 403, 302, 403)),
    "answers:outbox_retry": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "api_staff:revoke": ((302, 403, 403, 403, 405, 403), (302, 403, 403, 403, 302, 403)),
    "casebook:detail": ((302, 404, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "casebook:edit": ((302, 403, 200, 200, 403, 403), (302, 403, 400, 400, 403, 403)),
    "casebook:proposal_decide": ((405, 405, 405, 405, 405, 405), (302, 403, 403, 302, 403, 403)),
    "casebook:publish": ((405, 405, 405, 405, 405, 405), (302, 403, 403, 302, 403, 403)),
    "casebook:return": ((405, 405, 405, 405, 405, 405), (302, 403, 403, 400, 403, 403)),
    "casebook:section_link_law": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "casebook:submit": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "cases:callback_done": ((405, 405, 405, 405, 405, 405), (302, 404, 302, 302, 403, 302)),
    "cases:form_draft": ((302, 404, 404, 404, 404, 404), (302, 200, 200, 200, 404, 200)),
    "cases:organization": ((302, 404, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "cases:saved_view_apply": ((302, 404, 404, 404, 404, 302), (405, 405, 405, 405, 405, 405)),
    "cases:saved_view_update": ((405, 405, 405, 405, 405, 405), (302, 404, 404, 404, 404, 302)),
    "intake_staff:attachment": ((302, 404, 200, 200, 200, 404), (405, 405, 405, 405, 405, 405)),
    "intake_staff:dismiss": ((405, 405, 405, 405, 405, 405), (302, 302, 400, 400, 403, 400)),
    "intake_staff:message": ((302, 404, 200, 200, 200, 404), (405, 405, 405, 405, 405, 405)),
    "intake_staff:message_html": ((302, 404, 200, 200, 200, 404), (405, 405, 405, 405, 405, 405)),
    "intake_staff:message_raw": ((302, 404, 200, 200, 200, 404), (405, 405, 405, 405, 405, 405)),
    "intake_staff:reprocess": ((405, 405, 405, 405, 405, 405), (302, 302, 302, 302, 403, 302)),
    "knowledge:archive_attachment_add": ((405, 405, 405, 405, 405, 405), (302, 403, 400, 400, 403, 403)),
    "knowledge:archive_attachment_download": ((302, 200, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "knowledge:archive_detail": ((302, 200, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "knowledge:archive_edit": ((302, 403, 200, 200, 403, 403), (302, 403, 400, 400, 403, 403)),
    "knowledge:archive_link_case": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "knowledge:archive_link_faq": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "knowledge:canned_edit": ((302, 403, 200, 200, 403, 403), (302, 403, 400, 400, 403, 403)),
    "knowledge:faq_detail": ((302, 200, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "knowledge:faq_edit": ((302, 200, 200, 200, 403, 200), (302, 400, 400, 400, 403, 400)),
    "knowledge:faq_mask": ((405, 405, 405, 405, 405, 405), (302, 400, 400, 400, 403, 400)),
    "knowledge:faq_transition": ((405, 405, 405, 405, 405, 405), (302, 302, 302, 302, 403, 302)),
    "knowledge:faq_unmask": ((405, 405, 405, 405, 405, 405), (302, 404, 302, 302, 403, 302)),
    "knowledge:faq_version": ((302, 200, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "knowledge:feed_toggle": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "knowledge:inbox_dismiss": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "knowledge:inbox_keep": ((302, 403, 200, 200, 403, 403), (302, 403, 400, 400, 403, 403)),
    "knowledge:link_edit": ((302, 200, 200, 200, 403, 200), (302, 400, 400, 400, 403, 400)),
    "notifications:open": ((405, 405, 405, 405, 405, 405), (302, 404, 404, 404, 404, 302)),
    "outreach:edition_restock": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "outreach:event_detail": ((302, 200, 200, 200, 403, 200), (405, 405, 405, 405, 405, 405)),
    "outreach:event_edit": ((302, 403, 200, 200, 403, 403), (302, 403, 400, 400, 403, 403)),
    "outreach:event_link": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "outreach:material_classify": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 403, 403)),
    "outreach:material_detail": ((302, 200, 200, 200, 403, 200), (405, 405, 405, 405, 405, 405)),
    "outreach:material_download": ((302, 200, 200, 200, 403, 200), (405, 405, 405, 405, 405, 405)),
    "outreach:material_version_create": ((405, 405, 405, 405, 405, 405), (302, 403, 400, 400, 403, 403)),
    "outreach:request_detail": ((302, 200, 200, 200, 403, 200), (405, 405, 405, 405, 405, 405)),
    "outreach:request_transition": ((405, 405, 405, 405, 405, 405), (302, 302, 400, 400, 403, 400)),
    "referrals:event": ((302, 200, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "referrals:law": ((302, 200, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "referrals:organization": ((302, 200, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "referrals:organization_edit": ((302, 403, 200, 200, 200, 403), (302, 403, 400, 400, 400, 403)),
    "referrals:organization_verify": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 302, 403)),
    "reports:handbook_section_edit": ((302, 403, 403, 200, 200, 403), (302, 403, 403, 400, 400, 403)),
    "reports:retention_policy": ((405, 405, 405, 405, 405, 405), (302, 403, 403, 302, 302, 403)),
    "taxonomy:scheme": ((302, 200, 200, 200, 200, 200), (405, 405, 405, 405, 405, 405)),
    "taxonomy:term_create": ((302, 403, 200, 200, 200, 403), (302, 403, 400, 400, 400, 403)),
    "taxonomy:term_edit": ((302, 403, 200, 200, 200, 403), (302, 403, 400, 400, 400, 403)),
    "taxonomy:term_move": ((405, 405, 405, 405, 405, 405), (302, 403, 302, 302, 302, 403)),
}


def _snapshot(tables: tuple[type[Model], ...]) -> list[list[dict[str, Any]]]:
    return [list(model.objects.order_by("pk").values()) for model in tables]


def _content(response: Any) -> str:
    data = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return data.decode("utf-8", "replace") + response.get("Location", "")


@pytest.fixture
def world(second_factor_optional, settings) -> World:
    settings.MADOGUCHI_DESK_NOTIFY = ["desk-notify@madoguchi.example.jp"]
    settings.MADOGUCHI_MAIL_DOMAIN = "madoguchi.example.jp"
    from madoguchi.reports.services import handbook_default_sections_ensure

    handbook_default_sections_ensure()
    built = build_world()
    from madoguchi.reports.models import HandbookSection

    built.objects["handbook_key"] = HandbookSection.objects.order_by("pk").values_list("key", flat=True).first()
    return built


def _clients(world: World, client_for: Callable[[User], Client]) -> dict[str, Client]:
    clients = {"anonymous": Client(), "owner": client_for(world.owner)}
    for who, role in (("front", Role.FRONT), ("back", Role.BACK), ("manager", Role.MANAGER), ("admin", Role.ADMIN)):
        clients[who] = client_for(UserFactory(username=f"idor-{who}", role=role))
    return clients


def test_every_object_route_has_its_expected_statuses():
    assert set(EXPECTED) == set(OBJECT_ROUTES)


@pytest.mark.parametrize("name", sorted(OBJECT_ROUTES))
def test_each_role_gets_the_expected_status_and_refusals_leak_and_change_nothing(world, client_for, name):
    spec = OBJECT_ROUTES[name]
    url = reverse(name, kwargs=spec.kwargs(world))
    secret = spec.secret(world)
    clients = _clients(world, client_for)
    seen: list[tuple[str, str, int]] = []
    for method, expected in zip(("get", "post"), EXPECTED[name], strict=True):
        for index, who in enumerate(WHO):
            client = clients[who]
            before = _snapshot(spec.tables)
            if method == "get":
                response = client.get(url)
            elif spec.json_body:
                payload = json.dumps(spec.body(world) if spec.body else {})
                response = client.post(url, payload, content_type="application/json")
            else:
                response = client.post(url, spec.body(world) if spec.body else {})
            status = response.status_code
            seen.append((method, who, status))
            body = _content(response)
            assert status == expected[index], (name, method, who, status, seen)
            if who == "front":
                # Another front-line member never sees the back-office consultation's personal data, whatever the
                # URL (masked FAQ text is fine; the originals are not).
                for hidden in (CONSULTER, "03-0000-0000", *spec.front_never):
                    assert hidden not in body, (name, method, hidden)
            if status in (403, 404, 405) or who == "anonymous":
                assert secret not in body, (name, method, who)
                assert CASE_BODY not in body, (name, method, who)
                if method == "post":
                    assert _snapshot(spec.tables) == before, (name, who, "a refused POST changed the database")
            if who == "anonymous" and status == 302:
                assert response["Location"].startswith(reverse("accounts:login"))
