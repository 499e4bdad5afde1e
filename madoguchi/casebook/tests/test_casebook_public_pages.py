"""Public casebook pages: only published studies, no login, grouped by the guidebook; the PDF booklet."""

import subprocess

import pytest
from django.urls import reverse

from madoguchi.casebook import services
from madoguchi.casebook.services import CaseStudyText
from madoguchi.casebook.tests.helpers import closed_case, guidebook

pytestmark = pytest.mark.django_db


def _published(*, tier1, writer, reviewer, title, term_ids=()):
    study = services.case_study_create(
        actor=writer,
        case=closed_case(tier1=tier1),
        text=CaseStudyText(title=title, situation=f"{title}の状況", lessons=f"{title}の教訓", term_ids=term_ids),
    )
    study = services.case_study_submit(actor=writer, study=study, expected_version=study.version)
    return services.case_study_publish(actor=reviewer, study=study, expected_version=study.version)


@pytest.fixture
def world(tier1_staff, tier2_staff, manager):
    terms = guidebook()
    mail = _published(
        tier1=tier1_staff,
        writer=tier2_staff,
        reviewer=manager,
        title="メールの事例",
        term_ids=(terms["mission2_1"].pk,),
    )
    attack = _published(
        tier1=tier1_staff, writer=tier2_staff, reviewer=manager, title="攻撃の事例", term_ids=(terms["mission1"].pk,)
    )
    draft = services.case_study_create(
        actor=tier2_staff, case=closed_case(tier1=tier1_staff), text=CaseStudyText(title="未公開の事例", situation="x")
    )
    return {"mail": mail, "attack": attack, "draft": draft}


def test_index_lists_published_studies_by_guidebook_order(anonymous, world):
    html = anonymous.get(reverse("casebook_public:index")).content.decode().split("</nav>")[-1]
    assert "未公開の事例" not in html
    # MISSION1 before MISSION2; the subsection's study is filed under its MISSION.
    assert html.index("MISSION1 攻撃の知識") < html.index("攻撃の事例") < html.index("MISSION2 基本の対策")
    assert html.index("MISSION2 基本の対策") < html.index("メールの事例")


def test_draft_is_404_like_a_missing_study(anonymous, world):
    assert anonymous.get(reverse("casebook_public:detail", args=[world["draft"].pk])).status_code == 404
    assert anonymous.get(reverse("casebook_public:detail", args=[999999])).status_code == 404
    assert anonymous.get(reverse("casebook_public:detail", args=[world["mail"].pk])).status_code == 200


def test_booklet_pdf_text_is_grouped_by_section(anonymous, world, tmp_path):
    response = anonymous.get(reverse("casebook_public:booklet"))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "casebook.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert "未公開の事例" not in text
    assert text.index("MISSION1 攻撃の知識") < text.index("攻撃の事例の教訓") < text.index("MISSION2 基本の対策")
    assert text.index("MISSION2 基本の対策") < text.index("メールの事例の状況")


def test_public_index_and_booklet_queries_do_not_grow_with_studies(
    anonymous, world, tier1_staff, tier2_staff, manager, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as index:
        anonymous.get(reverse("casebook_public:index"))
    with CaptureQueriesContext(connection) as booklet:
        anonymous.get(reverse("casebook_public:booklet"))
    for i in range(3):
        _published(tier1=tier1_staff, writer=tier2_staff, reviewer=manager, title=f"追加の事例{i}")
    with django_assert_max_num_queries(len(index)):
        anonymous.get(reverse("casebook_public:index"))
    with django_assert_max_num_queries(len(booklet)):
        anonymous.get(reverse("casebook_public:booklet"))
