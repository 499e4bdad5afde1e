"""The handbook never lacks its shipped procedure sections: a read puts back what is missing, once, and keeps edits."""

import pytest
from django.urls import reverse

from madoguchi.reports import handbook, selectors
from madoguchi.reports.handbook_defaults import SECTIONS
from madoguchi.reports.models import HandbookRevision, HandbookSection
from madoguchi.reports.services import handbook_default_sections_ensure, handbook_revision_save

pytestmark = pytest.mark.django_db

SHIPPED_KEYS = sorted(key for key, _title, _order, _body in SECTIONS)


def test_procedures_page_shows_every_shipped_section_after_they_were_deleted(client_for, manager):
    HandbookSection.objects.all().delete()
    page = client_for(manager).get(reverse("reports:handbook_sections")).content.decode()
    for _key, title, _order, _body in SECTIONS:
        assert title in page
    assert sorted(HandbookSection.objects.values_list("key", flat=True)) == SHIPPED_KEYS
    assert HandbookRevision.objects.filter(number=1, note="初版", author=None).count() == len(SECTIONS)


def test_a_missing_section_can_be_edited_straight_away(client_for, manager):
    HandbookSection.objects.filter(key="phone").delete()
    response = client_for(manager).get(reverse("reports:handbook_section_edit", kwargs={"key": "phone"}))
    assert response.status_code == 200
    assert "名乗り、相談者の組織名" in response.content.decode()


def test_the_built_handbook_has_the_procedures_after_they_were_deleted():
    HandbookSection.objects.all().delete()
    procedures = next(c for c in handbook.build().chapters if c.key == "procedures")
    assert any(b.text.startswith("Webフォームの相談は受付番号が自動で付き") for b in procedures.blocks)


def test_putting_back_is_idempotent_and_leaves_edited_sections_alone(manager):
    web = selectors.handbook_section(key="web")
    handbook_revision_save(actor=manager, section=web, body="Web の手順（改訂）", note="改訂")
    HandbookSection.objects.filter(key="email").delete()
    handbook_default_sections_ensure()
    handbook_default_sections_ensure()
    assert sorted(HandbookSection.objects.values_list("key", flat=True)) == SHIPPED_KEYS
    assert [r.body for r in web.revisions.order_by("number")][1:] == ["Web の手順（改訂）"]
    assert HandbookRevision.objects.filter(section__key="email").count() == 1


def test_when_all_sections_are_there_a_read_writes_nothing(django_assert_num_queries):
    handbook_default_sections_ensure()
    with django_assert_num_queries(1):
        handbook_default_sections_ensure()


def test_a_request_that_lost_the_race_neither_fails_nor_adds_a_second_first_text(monkeypatch):
    # Another request put the sections back between this one's check and its write.
    handbook_default_sections_ensure()
    monkeypatch.setattr("madoguchi.reports.services._missing_default_sections", lambda: set(SHIPPED_KEYS))
    handbook_default_sections_ensure()
    assert HandbookSection.objects.count() == len(SECTIONS)
    assert HandbookRevision.objects.count() == len(SECTIONS)
