"""The reviewer sees each masked span and adjusts it: unmask one span, mask a further string everywhere."""

from __future__ import annotations

import pytest

from madoguchi.core.errors import DomainError
from madoguchi.knowledge import faq_masking, faq_services
from madoguchi.privacy.masking import KnownEntities


def test_spans_follow_the_text_when_one_is_unmasked_and_another_string_is_masked():
    text, spans = faq_masking.mask_field(
        field="measures", text="見本 花子様から03-0000-9999へ電話。", known=KnownEntities(people=("見本 花子",))
    )
    assert text == "〈氏名〉様から〈電話番号〉へ電話。"
    text, spans, count = faq_masking.mask_string(
        field="measures", text=text, spans=spans, needle="電話", span_type="id"
    )
    # 〈電話番号〉 is a placeholder already, not a further occurrence.
    assert count == 1 and text == "〈氏名〉様から〈電話番号〉へ〈ID〉。"
    text, spans = faq_masking.unmask(text=text, spans=spans, index=0)
    assert text == "見本 花子様から〈電話番号〉へ〈ID〉。"
    assert [text[s["start"] : s["end"]] for s in spans] == ["〈電話番号〉", "〈ID〉"]
    assert [s["original"] for s in spans] == ["03-0000-9999", "電話"]


def test_an_edit_keeps_each_placeholder_with_its_original():
    spans = [
        faq_masking.StoredSpan(field="title", start=0, end=4, type="person", original="見本 花子"),
        faq_masking.StoredSpan(field="title", start=5, end=10, type="company", original="見本商事"),
    ]
    moved = faq_masking.realign(field="title", text="先頭に追加 〈氏名〉と〈会社名〉", spans=spans)
    assert [(s["start"], s["original"]) for s in moved] == [(6, "見本 花子"), (11, "見本商事")]


@pytest.mark.django_db
def test_the_service_unmasks_and_masks_and_records_a_masking_version(tier2_staff, manager, closed_case):
    faq = faq_services.faq_create_from_cases(actor=tier2_staff, cases=[closed_case])
    index = next(i for i, s in enumerate(faq.mask_spans) if s["original"] == "03-0000-0000")
    faq = faq_services.faq_unmask_span(actor=manager, faq=faq, expected_version=faq.version, index=index)
    assert "03-0000-0000" in "\n".join(faq.questions)
    count = faq_services.faq_mask_text(
        actor=manager, faq=faq, expected_version=faq.version, text="03-0000-0000", span_type="phone"
    )
    faq.refresh_from_db()
    assert count >= 1 and "03-0000-0000" not in "\n".join(faq.questions)
    assert list(faq.versions.filter(author=manager).values_list("changed", flat=True)) == [["masking"], ["masking"]]
    with pytest.raises(DomainError):
        faq_services.faq_mask_text(
            actor=manager, faq=faq, expected_version=faq.version, text="どこにもない文字列", span_type="id"
        )
