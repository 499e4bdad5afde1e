"""An FAQ draft from closed consultations: prefilled from the questions and the answer, personal data masked."""

from __future__ import annotations

import pytest

from madoguchi.accounts.models import AuditEvent
from madoguchi.core.errors import DomainError
from madoguchi.knowledge import faq_services
from madoguchi.knowledge.models import FaqStatus
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db

PERSONAL = ["架空 太郎", "架空様", "株式会社サンプル商事", "03-0000-0000", "taro@sample-shoji.example.jp"]


def _all_text(faq):
    return "\n".join([faq.title, *faq.questions, faq.measures])


def test_the_draft_keeps_the_question_and_answer_and_masks_what_the_records_say(tier2_staff, closed_case):
    faq = faq_services.faq_create_from_cases(actor=tier2_staff, cases=[closed_case])
    text = _all_text(faq)
    for value in PERSONAL:
        assert value not in text
    assert "〈氏名〉" in text and "〈会社名〉" in text and "〈電話番号〉" in text and "〈メール〉" in text
    # What the FAQ needs survives.
    assert "Windows" in text and "多要素認証" in text
    assert faq.status == FaqStatus.DRAFT and faq.visibility == "internal"
    assert list(faq.source_cases.all()) == [closed_case]
    originals = {s["original"] for s in faq.mask_spans}
    assert {"架空 太郎", "株式会社サンプル商事", "03-0000-0000", "taro@sample-shoji.example.jp"} <= originals


def test_each_span_points_at_its_placeholder(tier2_staff, closed_case):
    faq = faq_services.faq_create_from_cases(actor=tier2_staff, cases=[closed_case])
    texts = {"title": faq.title, "measures": faq.measures, **{f"q{i}": q for i, q in enumerate(faq.questions)}}
    assert faq.mask_spans
    for span in faq.mask_spans:
        assert texts[span["field"]][span["start"] : span["end"]].startswith("〈")


def test_several_similar_consultations_give_one_question_each(tier1_staff, tier2_staff, closed_case):
    from madoguchi.cases import services as case_services

    other = make_case(
        actor=tier1_staff,
        subject="見本 花子です。パスワードの管理方法",
        body="見本 花子です。",
        person_name="見本 花子",
        org_name="合同会社テスト通販",
        phone="03-0000-1302",
        email="hanako@test-tsuhan.example.jp",
        category="prevention",
    )
    other = case_services.case_answer_at_front_and_close(
        actor=tier1_staff, case=other, expected_version=other.version, answer="管理ツールを案内した。"
    )
    faq = faq_services.faq_create_from_cases(actor=tier2_staff, cases=[closed_case, other])
    assert len(faq.questions) == 2
    assert "見本 花子" not in faq.questions[1]


def test_an_open_consultation_is_refused(tier1_staff, tier2_staff):
    case = make_case(actor=tier1_staff)
    with pytest.raises(DomainError):
        faq_services.faq_create_from_cases(actor=tier2_staff, cases=[case])


def test_reading_the_consultations_is_audited(tier2_staff, closed_case):
    faq_services.faq_create_from_cases(actor=tier2_staff, cases=[closed_case])
    assert AuditEvent.objects.filter(
        action="view_personal_data", target_id=str(closed_case.pk), actor=tier2_staff
    ).exists()
