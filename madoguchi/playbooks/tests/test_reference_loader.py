"""The playbook and legal-clock loader: idempotent, keeps staff edits, and the shipped data is sound."""

from __future__ import annotations

import io
import re

import pytest

from madoguchi.playbooks import reference_loader
from madoguchi.playbooks.models import PHASE_ORDER, LegalClockRule, PlaybookTemplate, TemplateItem, Who

pytestmark = pytest.mark.django_db

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


def test_second_load_changes_nothing():
    first = reference_loader.load(force=False, stdout=None)
    assert first["created"] > 0
    rows = (LegalClockRule.objects.count(), PlaybookTemplate.objects.count(), TemplateItem.objects.count())
    out = io.StringIO()
    second = reference_loader.load(force=False, stdout=out)
    assert second["created"] == 0
    assert second["updated"] == 0
    assert second["unchanged"] == first["created"]
    assert rows == (LegalClockRule.objects.count(), PlaybookTemplate.objects.count(), TemplateItem.objects.count())
    assert "playbooks:" in out.getvalue()


def test_staff_edit_of_a_rule_is_kept_unless_forced():
    reference_loader.load(force=False, stdout=None)
    LegalClockRule.objects.filter(code="appi_final_report").update(name="職員が直した名称", edited_by_staff=True)
    counts = reference_loader.load(force=False, stdout=None)
    assert counts["kept_staff_edits"] == 1
    assert LegalClockRule.objects.get(code="appi_final_report").name == "職員が直した名称"
    reference_loader.load(force=True, stdout=None)
    rule = LegalClockRule.objects.get(code="appi_final_report")
    assert rule.name == "個人情報保護委員会への確報"
    assert not rule.edited_by_staff


def test_every_shipped_record_has_a_source_and_a_date_and_valid_codes():
    reference_loader.load(force=False, stdout=None)
    for rule in LegalClockRule.objects.all():
        assert rule.source_url.startswith("https://"), rule.code
        assert rule.as_of is not None, rule.code
        assert SLUG.match(rule.code), rule.code
        assert rule.verified or rule.verification_note, rule.code
    templates = list(PlaybookTemplate.objects.all())
    assert {t.family for t in templates} == {"outage", "attack", "leak"}
    for template in templates:
        assert template.source_url.startswith("https://"), template.code
        assert template.as_of is not None
        assert all(s["url"].startswith("https://") and s["as_of"] for s in template.sources), template.code
    codes = list(TemplateItem.objects.values_list("code", flat=True))
    assert all(SLUG.match(c) for c in codes)
    assert len(codes) == len(set(codes)), "item codes are unique across the playbooks file"


def test_items_follow_the_phase_order_and_name_only_known_clocks_and_roles():
    reference_loader.load(force=False, stdout=None)
    clock_codes = set(LegalClockRule.objects.values_list("code", flat=True))
    for template in PlaybookTemplate.objects.all():
        items = list(template.items.order_by("position"))
        assert 12 <= len(items) <= 25
        phase_indexes = [PHASE_ORDER.index(i.phase) for i in items]
        assert phase_indexes == sorted(phase_indexes), template.code
        assert {i.phase for i in items} == set(PHASE_ORDER), template.code
        for item in items:
            assert item.who in Who.values
            assert not item.legal_clock or item.legal_clock in clock_codes, item.code


def test_durations_are_parsed_from_iso_8601():
    reference_loader.load(force=False, stdout=None)
    gdpr = LegalClockRule.objects.get(code="gdpr_art33_authority")
    assert gdpr.duration is not None and gdpr.duration.total_seconds() == 72 * 3600
    preliminary = LegalClockRule.objects.get(code="appi_preliminary_report")
    assert (preliminary.soft_duration.days, preliminary.duration.days) == (3, 5)
    assert LegalClockRule.objects.get(code="appi_final_report_unlawful").duration.days == 60
    assert LegalClockRule.objects.get(code="appi_individual_notice").duration is None
