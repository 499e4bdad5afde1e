"""Materials keep versions (one current), files checked by their bytes, downloaded safely and audited."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from madoguchi.accounts.models import AuditAction, AuditEvent
from madoguchi.core.errors import DomainError
from madoguchi.outreach import services
from madoguchi.outreach.models import Material

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pptx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("ppt/presentation.xml", "<p/>")
    return out.getvalue()


def test_a_new_version_becomes_current_and_the_old_one_stays(tier2_staff):
    material = services.material_create(
        actor=tier2_staff,
        title="基本対策",
        kind="pdf",
        filename="v1.pdf",
        data=PDF,
        change_note="初版",
        tags="入門,啓発",
    )
    second = services.material_version_add(
        actor=tier2_staff, material=material, filename="v2.pdf", data=PDF + b"%v2", change_note="統計を更新"
    )
    versions = list(material.versions.order_by("number"))
    assert [(v.number, v.is_current) for v in versions] == [(1, False), (2, True)]
    assert second.author == tier2_staff and second.change_note == "統計を更新"
    assert material.tag_list == ["入門", "啓発"]


def test_pptx_is_recognised_by_its_bytes(tier2_staff):
    material = services.material_create(
        actor=tier2_staff, title="スライド", kind="pptx", filename="deck.pptx", data=_pptx(), change_note="初版"
    )
    assert material.versions.get().content_type.endswith("presentationml.presentation")


@pytest.mark.parametrize(
    ("kind", "filename", "data"),
    [
        ("pdf", "fake.pdf", b"MZ\x90\x00 not a pdf"),
        ("pptx", "deck.pptx", PDF),
        ("markdown", "notes.md", PDF),
        ("markdown", "notes.md", "解説".encode("cp932")),
        ("pdf", "empty.pdf", b""),
    ],
)
def test_a_file_that_is_not_the_chosen_kind_is_refused(tier2_staff, kind, filename, data):
    with pytest.raises(DomainError) as refused:
        services.material_create(
            actor=tier2_staff, title="資料", kind=kind, filename=filename, data=data, change_note="初版"
        )
    assert refused.value.field == "file"
    assert not Material.objects.exists()


def test_markdown_in_utf8_is_accepted(tier2_staff):
    material = services.material_create(
        actor=tier2_staff,
        title="解説文",
        kind="markdown",
        filename="notes.md",
        data="# 解説\n\nパスワードの使い回しをやめる。".encode(),
        change_note="初版",
    )
    assert material.versions.get().content_type == "text/markdown"


def test_download_is_an_attachment_never_rendered_and_is_audited(client_for, tier1_staff, tier2_staff):
    material = services.material_create(
        actor=tier2_staff, title="基本対策", kind="pdf", filename="基本対策.pdf", data=PDF, change_note="初版"
    )
    version = material.versions.get()
    response = client_for(tier1_staff).get(f"/staff/outreach/materials/versions/{version.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert AuditEvent.objects.filter(action=AuditAction.DOWNLOAD, actor=tier1_staff).count() == 1


def test_upload_through_the_page_keeps_the_typing_on_a_refused_file(client_for, tier2_staff):
    response = client_for(tier2_staff).post(
        "/staff/outreach/materials/new/",
        {
            "title": "偽装ファイルの資料",
            "kind": "pdf",
            "change_note": "初版",
            "file": SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "選んだ形式（PDF）のファイルではありません" in page
    assert 'value="偽装ファイルの資料"' in page


def test_tier1_cannot_upload(client_for, tier1_staff):
    response = client_for(tier1_staff).post(
        "/staff/outreach/materials/new/",
        {"title": "x", "kind": "pdf", "change_note": "初版", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 403
    assert not Material.objects.exists()


def test_materials_carry_classification_terms(client_for, tier2_staff):
    from madoguchi.taxonomy.models import Scheme, Term
    from madoguchi.taxonomy.selectors import terms_for

    scheme = Scheme.objects.create(
        code="guidebook-test", name="ガイドブック", source_url="https://www.example.jp/", as_of="2026-01-01"
    )
    term = Term.objects.create(scheme=scheme, code="mission-1", label="MISSION 1")
    material = services.material_create(
        actor=tier2_staff, title="基本対策", kind="pdf", filename="a.pdf", data=PDF, change_note="初版"
    )
    client = client_for(tier2_staff)
    assert client.post(f"/staff/outreach/materials/{material.pk}/classify/", {"term": term.pk}).status_code == 302
    assert terms_for(obj=material) == [term]
    assert "MISSION 1" in client.get(f"/staff/outreach/materials/{material.pk}/").content.decode()
    client.post(f"/staff/outreach/materials/{material.pk}/classify/", {"term": term.pk, "remove": "1"})
    assert terms_for(obj=material) == []


def test_a_too_large_upload_is_refused_before_it_is_read(client_for, tier2_staff, monkeypatch):
    monkeypatch.setattr(services, "MAX_MATERIAL_BYTES", 10)
    response = client_for(tier2_staff).post(
        "/staff/outreach/materials/new/",
        {"title": "大きな資料", "kind": "pdf", "change_note": "初版", "file": SimpleUploadedFile("big.pdf", PDF)},
    )
    assert response.status_code == 400
    assert "「big.pdf」は大きすぎます（50MBまで）。" in response.content.decode()
    assert not Material.objects.exists()
