"""Staff edit terms (add, edit, reorder) with REFERENCE_EDIT; every change is audited; tier 1 may only look."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.taxonomy import selectors
from madoguchi.taxonomy.models import Term

pytestmark = pytest.mark.django_db


def test_tier2_adds_a_term_to_kokokara_and_it_is_audited(client_for, tier2_staff, kokokara):
    response = client_for(tier2_staff).post(
        reverse("taxonomy:term_create", args=[kokokara.code]),
        {"code": "phishing", "ref": "phishing", "label": "フィッシング詐欺にあったら", "parent": ""},
    )
    assert response.status_code == 302
    term = Term.objects.get(scheme=kokokara, code="phishing")
    assert term.edited_by_staff and term.order == 2
    audit = AuditEvent.objects.get(target_type="taxonomy.Term", target_id=str(term.pk))
    assert audit.action == "create" and audit.actor == tier2_staff


def test_edit_records_old_and_new_values(client_for, manager, kokokara):
    term = kokokara.terms.get(code="accident")
    response = client_for(manager).post(
        reverse("taxonomy:term_edit", args=[kokokara.code, term.pk]),
        {"ref": "accident", "label": "ウイルスに感染したかもと思ったら", "parent": "", "page_url": "", "notes": ""},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.label == "ウイルスに感染したかもと思ったら"
    audit = AuditEvent.objects.get(action="update", target_type="taxonomy.Term", target_id=str(term.pk))
    assert audit.detail["changes"]["label"]["old"] == "ウイルス（マルウェア）に感染したら"


def test_reorder_moves_a_term_up(client_for, tier2_staff, kokokara):
    client = client_for(tier2_staff)
    client.post(
        reverse("taxonomy:term_create", args=[kokokara.code]),
        {"code": "fraud", "ref": "", "label": "詐欺の被害にあったら"},
    )
    fraud = kokokara.terms.get(code="fraud")
    response = client.post(reverse("taxonomy:term_move", args=[kokokara.code, fraud.pk]), {"direction": "up"})
    assert response.status_code == 302
    assert [row.term.code for row in selectors.scheme_tree(scheme=kokokara)] == ["fraud", "accident"]
    assert AuditEvent.objects.filter(target_type="taxonomy.Term", target_id=str(fraud.pk), action="update").exists()


def test_duplicate_code_and_bad_code_are_rejected(client_for, tier2_staff, kokokara):
    client = client_for(tier2_staff)
    url = reverse("taxonomy:term_create", args=[kokokara.code])
    assert client.post(url, {"code": "accident", "label": "重複"}).status_code == 400
    assert client.post(url, {"code": "日本語", "label": "不正なコード"}).status_code == 400
    assert client.post(url, {"code": "ok_code", "label": "  "}).status_code == 400
    assert kokokara.terms.count() == 1


def test_a_term_cannot_become_its_own_ancestor(client_for, tier2_staff, taxonomy_data):
    parent = Term.objects.get(scheme__code="nist_csf_2_0", code="gv")
    child = Term.objects.get(scheme__code="nist_csf_2_0", code="gv_oc")
    response = client_for(tier2_staff).post(
        reverse("taxonomy:term_edit", args=["nist_csf_2_0", parent.pk]),
        {"ref": "GV", "label": "GOVERN", "parent": child.pk},
    )
    assert response.status_code == 400
    parent.refresh_from_db()
    assert parent.parent_id is None


def test_tier1_can_browse_but_not_edit(client_for, tier1_staff, kokokara):
    client = client_for(tier1_staff)
    assert client.get(reverse("taxonomy:schemes")).status_code == 200
    page = client.get(reverse("taxonomy:scheme", args=[kokokara.code]))
    assert page.status_code == 200 and "ウイルス（マルウェア）に感染したら" in page.content.decode()
    term = kokokara.terms.get()
    assert client.get(reverse("taxonomy:term_create", args=[kokokara.code])).status_code == 403
    assert (
        client.post(reverse("taxonomy:term_create", args=[kokokara.code]), {"code": "x", "label": "x"}).status_code
        == 403
    )
    assert client.post(reverse("taxonomy:term_edit", args=[kokokara.code, term.pk]), {"label": "x"}).status_code == 403
    assert client.post(reverse("taxonomy:term_move", args=[kokokara.code, term.pk]), {}).status_code == 403
    assert kokokara.terms.count() == 1
    assert not AuditEvent.objects.filter(target_type="taxonomy.Term").exists()


def test_anonymous_is_sent_to_login(anonymous, kokokara):
    for url in (reverse("taxonomy:schemes"), reverse("taxonomy:term_create", args=[kokokara.code])):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]
