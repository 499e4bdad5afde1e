"""On the FAQ review page, a refused mask (nothing typed, or a string not in the text) is said next to the field with
the typing kept, and what is typed in the mask field survives unmasking another span (the same login only)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.knowledge import faq_services
from madoguchi.knowledge.models import FaqEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(tier1_staff, closed_case):
    return faq_services.faq_create_from_cases(actor=tier1_staff, cases=[closed_case])


def _mask(client, faq, text):
    url = reverse("knowledge:faq_mask", kwargs={"pk": faq.pk})
    return client.post(url, {"text": text, "span_type": "id", "version": faq.version})


def test_a_string_not_in_the_text_is_refused_next_to_the_field_with_the_typing_kept(client_for, tier2_staff, draft):
    response = _mask(client_for(tier2_staff), draft, "架空の存在しない語句")
    assert response.status_code == 400
    html = response.content.decode()
    field = html.split('id="mask-form"', 1)[1].split("</form>", 1)[0]
    assert "その文字列は見つかりませんでした。" in field
    assert 'value="架空の存在しない語句"' in field
    assert 'aria-describedby="id_text_error"' in field


def test_nothing_typed_is_refused_in_japanese_next_to_the_field(client_for, tier2_staff, draft):
    response = _mask(client_for(tier2_staff), draft, "")
    assert response.status_code == 400
    field = response.content.decode().split('id="mask-form"', 1)[1].split("</form>", 1)[0]
    assert "マスクする文字列を入力してください。" in field


def test_the_mask_field_keeps_its_typing_across_an_unmask(client_for, tier2_staff, draft):
    client = client_for(tier2_staff)
    index = next(i for i, s in enumerate(draft.mask_spans) if s["original"])
    url = reverse("knowledge:faq_unmask", kwargs={"pk": draft.pk, "index": index})
    response = client.post(url, {"version": draft.version, "text": "経理", "span_type": "person"})
    assert response.status_code == 302
    assert len(FaqEntry.objects.get().mask_spans) == len(draft.mask_spans) - 1
    page = client.get(response["Location"]).content.decode()
    assert 'value="経理"' in page
    # Once only: the next visit starts empty.
    assert 'value="経理"' not in client.get(response["Location"]).content.decode()


def test_the_unmask_buttons_submit_the_mask_form(client_for, tier2_staff, draft):
    html = client_for(tier2_staff).get(reverse("knowledge:faq_detail", kwargs={"pk": draft.pk})).content.decode()
    assert 'form="mask-form"' in html and 'id="mask-form"' in html


def test_another_login_does_not_get_the_typing(client_for, tier2_staff, manager, draft):
    index = next(i for i, s in enumerate(draft.mask_spans) if s["original"])
    url = reverse("knowledge:faq_unmask", kwargs={"pk": draft.pk, "index": index})
    client_for(tier2_staff).post(url, {"version": draft.version, "text": "架空の入力", "span_type": "person"})
    page = client_for(manager).get(reverse("knowledge:faq_detail", kwargs={"pk": draft.pk})).content.decode()
    assert "架空の入力" not in page
