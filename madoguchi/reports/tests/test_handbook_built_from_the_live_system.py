"""The specialist handbook is assembled from the live system: HTML and PDF with contents, version and date."""

import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse

from madoguchi.cases.models import DeskRules, ResponseTarget
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.reports import handbook, selectors
from madoguchi.reports.services import handbook_revision_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_entry():
    return ReferralOrganization.objects.create(
        code="test-center",
        name="架空サイバー相談センター",
        short_name="架空センター",
        entry_type="consult",
        handles="中小企業の被害相談を受け付けます。",
        region="東京都",
        source_url="https://www.example.jp/center",
        as_of="2026-10-01",
        as_of_basis="page_updated",
    )


def _chapter(book, key):
    return next(c for c in book.chapters if c.key == key)


def test_chapters_come_from_workflow_rules_directory_and_edited_procedures(manager, directory_entry):
    ResponseTarget.objects.update_or_create(category="legal", defaults={"first_response_minutes": 90})
    rules = DeskRules.current()
    rules.approval_categories = ["legal"]
    rules.save()
    phone = selectors.handbook_section(key="phone")
    handbook_revision_save(actor=manager, section=phone, body="まず受付番号を伝えます。", note="追記")
    book = handbook.build()
    titles = [c.title for c in book.chapters]
    assert titles[:4] == [
        "相談対応の流れ",
        "相談区分と回付の基準",
        "回答の構成（①・②）",
        "受付経路ごとの手順（電話・Web・メール・来訪）",
    ]
    workflow = _chapter(book, "workflow").blocks[-1]
    assert ["二次対応待ち", "受付、二次対応中、重複統合済"] in workflow.rows
    dispatch = _chapter(book, "dispatch").blocks[1]
    assert ["法律相談", "1.5時間", "要", "—"] in dispatch.rows
    procedures = _chapter(book, "procedures").blocks
    assert any(b.text == "まず受付番号を伝えます。" for b in procedures)
    directory = _chapter(book, "directory").blocks[0]
    assert directory.rows[0][0] == "架空サイバー相談センター"
    assert "（要確認）" in directory.rows[0][3]  # not verified: never shipped as verified


def test_version_names_the_content(manager):
    before = handbook.build().version
    assert handbook.build().version == before
    section = selectors.handbook_section(key="web")
    handbook_revision_save(actor=manager, section=section, body="新しい手順", note="")
    assert handbook.build().version != before


def test_pdf_has_contents_version_and_extractable_japanese(tmp_path, directory_entry):
    book = handbook.build()
    path = tmp_path / "h.pdf"
    path.write_bytes(handbook.handbook_pdf(book))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert "専門員業務ガイドブック" in text
    assert "目次" in text
    assert f"版 {book.version}" in text
    assert "架空サイバー相談センター" in text


def test_build_handbook_command_writes_html_and_pdf(tmp_path):
    call_command("build_handbook", "--output-dir", str(tmp_path))
    (html,) = tmp_path.glob("handbook-*.html")
    (pdf,) = tmp_path.glob("handbook-*.pdf")
    content = html.read_text(encoding="utf-8")
    assert "目次" in content
    assert 'href="#chapter-workflow"' in content
    assert "style=" not in content
    assert pdf.read_bytes().startswith(b"%PDF")


def test_every_staff_member_reads_the_handbook_and_downloads_it(client_for, tier1_staff):
    client = client_for(tier1_staff)
    page = client.get(reverse("reports:handbook"))
    assert page.status_code == 200
    assert "相談対応の流れ" in page.content.decode()
    pdf = client.get(reverse("reports:handbook_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
