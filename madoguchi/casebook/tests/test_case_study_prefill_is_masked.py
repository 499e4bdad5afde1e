"""A case study starts from the consultation masked with the case's own records; the writer sees the spans."""

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.casebook.masking import prefill
from madoguchi.casebook.tests.helpers import closed_case

pytestmark = pytest.mark.django_db


def test_prefill_hides_the_consulter_company_phone_and_mail(tier1_staff):
    case = closed_case(tier1=tier1_staff)
    fields = prefill(case)
    situation = fields["situation"].masked
    for secret in ("架空太郎", "サンプル商事", "03-0000-0000", "taro@sample-shoji.example.jp"):
        assert secret not in situation
    assert "〈氏名〉" in situation and "〈電話番号〉" in situation
    assert "架空太郎" not in fields["company_actions"].masked


def test_create_page_shows_masked_draft_and_marks_spans(tier1_staff, tier2_staff, client_for):
    case = closed_case(tier1=tier1_staff)
    response = client_for(tier2_staff).get(reverse("casebook:create", args=[case.reference]))
    assert response.status_code == 200
    form = response.context["form"]
    assert "架空太郎" not in form.initial["situation"]
    html = response.content.decode()
    assert '<mark title="〈電話番号〉">03-0000-0000</mark>' in html
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW_PERSONAL_DATA, target_id=str(case.pk), actor=tier2_staff
    ).exists()


def test_open_case_cannot_become_a_case_study(tier1_staff, tier2_staff, client_for):
    from madoguchi.testing.factories import make_case

    case = make_case(actor=tier1_staff)
    response = client_for(tier2_staff).post(
        reverse("casebook:create", args=[case.reference]), {"title": "途中の案件", "situation": "状況"}
    )
    assert response.status_code == 400
    assert "回答済または完了" in response.content.decode()
    assert "途中の案件" in response.content.decode()


def test_highlight_escapes_the_original_text(tier1_staff):
    from madoguchi.casebook.masking import highlight

    assert highlight("<script>x</script>", ()) == "&lt;script&gt;x&lt;/script&gt;"


def test_reference_box_accepts_full_width_digits(tier1_staff, tier2_staff, client_for):
    case = closed_case(tier1=tier1_staff)
    typed = case.reference.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    response = client_for(tier2_staff).get(reverse("casebook:start"), {"reference": typed})
    assert response["Location"] == reverse("casebook:create", args=[case.reference])
    response = client_for(tier2_staff).get(reverse("casebook:start"), {"reference": "/../"})
    assert response.status_code == 400
    assert "受付番号を入力してください。" in response.content.decode()


def test_case_screen_offers_a_case_study_only_for_finished_cases_and_writers(tier1_staff, tier2_staff, client_for):
    from madoguchi.testing.factories import make_case

    closed = closed_case(tier1=tier1_staff)
    open_case = make_case(actor=tier1_staff)
    create_url = reverse("casebook:create", args=[closed.reference])
    assert create_url in client_for(tier2_staff).get(reverse("cases:detail", args=[closed.reference])).content.decode()
    assert (
        create_url not in client_for(tier1_staff).get(reverse("cases:detail", args=[closed.reference])).content.decode()
    )
    page = client_for(tier2_staff).get(reverse("cases:detail", args=[open_case.reference])).content.decode()
    assert reverse("casebook:create", args=[open_case.reference]) not in page
