"""Editing an FAQ: versions with who changed what, optimistic locking, and a change withdraws publication."""

from __future__ import annotations

import pytest

from madoguchi.core.errors import ConcurrentEditError, DomainError
from madoguchi.knowledge import faq_selectors, faq_services
from madoguchi.knowledge.models import FaqStatus

pytestmark = pytest.mark.django_db


def test_a_change_to_a_published_entry_takes_it_off_the_public_site(published_faq, tier2_staff, faq_content):
    assert list(faq_selectors.public_faqs()) == [published_faq]
    faq = faq_services.faq_update(
        actor=tier2_staff,
        faq=published_faq,
        expected_version=published_faq.version,
        content=faq_content(measures="書き換えた回答。"),
    )
    assert faq.status == FaqStatus.DRAFT
    assert faq.reviewed_by is None and faq.approved_hash == ""
    assert not faq_selectors.public_faqs().exists()


def test_each_save_is_a_version_naming_the_author_and_the_changed_fields(tier1_staff, tier2_staff, faq_content):
    faq = faq_services.faq_create(actor=tier1_staff, content=faq_content())
    faq = faq_services.faq_update(
        actor=tier2_staff, faq=faq, expected_version=faq.version, content=faq_content(title="新しい見出し")
    )
    versions = list(faq.versions.order_by("number"))
    assert [v.author for v in versions] == [tier1_staff, tier2_staff]
    assert versions[1].changed == ["title"]
    assert versions[1].snapshot["title"] == "新しい見出し"


def test_a_stale_version_is_refused_and_nothing_changes(tier1_staff, tier2_staff, faq_content):
    faq = faq_services.faq_create(actor=tier1_staff, content=faq_content())
    stale = faq.version
    faq_services.faq_update(actor=tier2_staff, faq=faq, expected_version=stale, content=faq_content(title="先の変更"))
    with pytest.raises(ConcurrentEditError):
        faq_services.faq_update(actor=tier1_staff, faq=faq, expected_version=stale, content=faq_content(title="後"))
    faq.refresh_from_db()
    assert faq.title == "先の変更"


def test_moves_outside_the_table_are_refused(tier1_staff, faq_content):
    faq = faq_services.faq_create(actor=tier1_staff, content=faq_content())
    with pytest.raises(DomainError):
        faq_services.faq_transition(actor=tier1_staff, faq=faq, expected_version=faq.version, to="draft")


def test_retired_entries_leave_the_public_site_and_the_answer_editor(published_faq, tier1_staff):
    faq = faq_services.faq_transition(
        actor=tier1_staff, faq=published_faq, expected_version=published_faq.version, to="retired"
    )
    assert faq.status == FaqStatus.RETIRED
    assert not faq_selectors.public_faqs().exists()
    assert not faq_selectors.usable_faqs().exists()
