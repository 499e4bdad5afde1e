"""Guidebook upkeep: proposals per MISSION with their status flow, law-map entries, the managers' export."""

import datetime as dt
import subprocess

import pytest
from django.urls import reverse

from madoguchi.casebook import services
from madoguchi.casebook.models import ProposalStatus
from madoguchi.casebook.services import ProposalText
from madoguchi.casebook.tests.helpers import fictional_law, guidebook
from madoguchi.core.errors import DomainError, TransitionNotAllowed

pytestmark = pytest.mark.django_db

TEXT = ProposalText(
    title="NIST CSF 2.0 に合わせる",
    change="「統治」の機能を追記する",
    reason="CSF 2.0 で GOVERN が加わった",
    source_urls=("https://csf.example.jp/2.0",),
)


@pytest.fixture
def terms():
    return guidebook()


def test_a_proposal_needs_a_mission_not_a_subsection(tier2_staff, terms):
    with pytest.raises(DomainError, match="MISSION"):
        services.proposal_create(actor=tier2_staff, section=terms["mission2_1"], text=TEXT)


def test_status_moves_only_along_the_table_and_decisions_need_a_reason(tier2_staff, manager, terms):
    p = services.proposal_create(actor=tier2_staff, section=terms["mission1"], text=TEXT)
    with pytest.raises(TransitionNotAllowed):
        services.proposal_decide(actor=manager, proposal=p, to=ProposalStatus.ADOPTED, note="良い")
    p = services.proposal_decide(actor=manager, proposal=p, to=ProposalStatus.UNDER_REVIEW)
    with pytest.raises(DomainError, match="理由"):
        services.proposal_decide(actor=manager, proposal=p, to=ProposalStatus.ADOPTED)
    p = services.proposal_decide(actor=manager, proposal=p, to=ProposalStatus.ADOPTED, note="次の版で反映")
    assert p.status == ProposalStatus.ADOPTED and p.decided_by == manager


def test_invalid_source_url_is_shown_next_to_the_field_and_input_kept(tier2_staff, terms, client_for):
    response = client_for(tier2_staff).post(
        reverse("casebook:proposal_create"),
        {
            "section": terms["mission1"].pk,
            "title": "残る件名",
            "change": "点",
            "reason": "理由",
            "source_urls": "ftp://x",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "http:// または https://" in html and "残る件名" in html


def test_export_lists_proposals_and_laws_per_section(tier2_staff, manager, terms, client_for, tmp_path):
    services.proposal_create(actor=tier2_staff, section=terms["mission1"], text=TEXT)
    law = fictional_law(name="架空の不正アクセス防止法", article="第3条", covers="他人の ID を無断で使うこと")
    services.section_link_law(actor=tier2_staff, section=terms["mission1"], law=law)
    client = client_for(manager)
    md = client.get(reverse("casebook:guidebook_export") + "?format=md").content.decode()
    assert md.index("## MISSION1 攻撃の知識") < md.index("NIST CSF 2.0 に合わせる（提案）") < md.index("架空法 第3条")
    assert "<https://csf.example.jp/2.0>" in md
    assert md.index("架空法 第3条") < md.index("## MISSION2 基本の対策")
    pdf = tmp_path / "upkeep.pdf"
    pdf.write_bytes(client.get(reverse("casebook:guidebook_export") + "?format=pdf").content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert "NIST CSF 2.0 に合わせる" in text and "架空法 第3条" in text
    page = client.get(reverse("casebook:guidebook")).content.decode()
    assert "架空法 第3条" in page


def test_proposal_cites_archive_items_and_the_export_names_them(tier2_staff, manager, terms, client_for):
    from madoguchi.knowledge import archive_services
    from madoguchi.knowledge.archive_services import ArchiveItemData

    item = archive_services.archive_item_create(
        actor=tier2_staff, data=ArchiveItemData(title="架空の改訂版ガイドライン", collected_on=dt.date(2026, 11, 1))
    )
    response = client_for(tier2_staff).post(
        reverse("casebook:proposal_create"),
        {
            "section": terms["mission1"].pk,
            "title": "資料に基づく提案",
            "change": "点",
            "reason": "理由",
            "archive_items": [item.pk],
        },
    )
    assert response.status_code == 302
    md = client_for(manager).get(reverse("casebook:guidebook_export") + "?format=md").content.decode()
    assert "情報アーカイブ：架空の改訂版ガイドライン" in md


def test_upkeep_page_queries_do_not_grow_with_proposals(tier2_staff, terms, client_for, django_assert_max_num_queries):
    client = client_for(tier2_staff)
    services.proposal_create(actor=tier2_staff, section=terms["mission1"], text=TEXT)
    client.get(reverse("casebook:guidebook"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("casebook:guidebook"))
    for _ in range(5):
        services.proposal_create(actor=tier2_staff, section=terms["mission2"], text=TEXT)
    with django_assert_max_num_queries(len(one)):
        client.get(reverse("casebook:guidebook"))
