"""Nothing is published without a named reviewer who wrote none of the entry (docs/faq.md, invariant 1)."""

from __future__ import annotations

import pytest

from madoguchi.accounts.models import AuditEvent
from madoguchi.core.errors import DomainError
from madoguchi.knowledge import faq_selectors, faq_services
from madoguchi.knowledge.models import FaqStatus
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _in_review(actor, content):
    faq = faq_services.faq_create(actor=actor, content=content)
    return faq_services.faq_transition(actor=actor, faq=faq, expected_version=faq.version, to="in_review")


def test_the_author_cannot_publish_their_own_entry(tier2_staff, faq_content):
    faq = _in_review(tier2_staff, faq_content())
    with pytest.raises(DomainError, match="自分が作成・編集した"):
        faq_services.faq_transition(actor=tier2_staff, faq=faq, expected_version=faq.version, to="published")
    faq.refresh_from_db()
    assert faq.status == FaqStatus.IN_REVIEW
    assert not faq_selectors.public_faqs().exists()


def test_someone_who_edited_it_cannot_publish_it_either(tier1_staff, manager, faq_content):
    faq = faq_services.faq_create(actor=tier1_staff, content=faq_content())
    faq = faq_services.faq_update(
        actor=manager, faq=faq, expected_version=faq.version, content=faq_content(measures="上長が書き直した回答。")
    )
    faq = faq_services.faq_transition(actor=tier1_staff, faq=faq, expected_version=faq.version, to="in_review")
    with pytest.raises(DomainError):
        faq_services.faq_transition(actor=manager, faq=faq, expected_version=faq.version, to="published")


def test_another_reviewer_publishes_and_is_recorded_on_the_entry_and_in_the_audit_log(
    tier1_staff, tier2_staff, faq_content
):
    faq = _in_review(tier1_staff, faq_content())
    faq = faq_services.faq_transition(actor=tier2_staff, faq=faq, expected_version=faq.version, to="published")
    assert faq.status == FaqStatus.PUBLISHED
    assert faq.reviewed_by == tier2_staff and faq.reviewed_at is not None
    assert faq.approved_hash == faq_services.content_hash(faq)
    assert list(faq_selectors.public_faqs()) == [faq]
    event = AuditEvent.objects.filter(target_id=str(faq.pk), actor=tier2_staff, action="update").latest("at")
    assert event.detail["status"] == {"old": "in_review", "new": "published"}
    assert event.detail["approved_hash"] == faq.approved_hash


def test_adjusting_the_masking_does_not_make_the_reviewer_an_author(tier2_staff, manager, closed_case):
    faq = faq_services.faq_create_from_cases(actor=tier2_staff, cases=[closed_case])
    faq = faq_services.faq_transition(actor=tier2_staff, faq=faq, expected_version=faq.version, to="in_review")
    faq_services.faq_mask_text(actor=manager, faq=faq, expected_version=faq.version, text="Windows", span_type="id")
    faq.refresh_from_db()
    faq = faq_services.faq_transition(actor=manager, faq=faq, expected_version=faq.version, to="published")
    assert faq.reviewed_by == manager


def test_publishing_drops_the_originals_behind_the_placeholders(tier1_staff, tier2_staff, closed_case):
    faq = faq_services.faq_create_from_cases(actor=tier1_staff, cases=[closed_case])
    faq = faq_services.faq_transition(actor=tier1_staff, faq=faq, expected_version=faq.version, to="in_review")
    faq = faq_services.faq_transition(actor=tier2_staff, faq=faq, expected_version=faq.version, to="published")
    assert faq.mask_spans
    assert all(s["original"] == "" for s in faq.mask_spans)


def test_tier1_cannot_review_at_all(tier1_staff, faq_content):
    author = UserFactory(username="author2", role="back")
    faq = _in_review(author, faq_content())
    from madoguchi.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        faq_services.faq_transition(actor=tier1_staff, faq=faq, expected_version=faq.version, to="published")
