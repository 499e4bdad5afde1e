"""The public FAQ site: both classification axes, one page per entry with JSON-LD, links, sitemap; no login."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from madoguchi.knowledge import faq_services

pytestmark = pytest.mark.django_db


def test_the_index_browses_by_both_axes(client, published_faq, axes):
    response = client.get(reverse("faq_public:index"))
    assert response.status_code == 200
    body = response.content.decode()
    for term in axes.values():
        url = reverse("faq_public:term", kwargs={"scheme": term.scheme.code, "code": term.code})
        assert url in body
        page = client.get(url)
        assert page.status_code == 200 and published_faq.title in page.content.decode()


def test_the_faq_page_has_title_description_and_escaped_faqpage_data(client, tier1_staff, tier2_staff, faq_content):
    faq = faq_services.faq_create(
        actor=tier1_staff, content=faq_content(title="</script><b>x</b> の質問", measures="回答 </script> & 対策")
    )
    faq = faq_services.faq_transition(actor=tier1_staff, faq=faq, expected_version=faq.version, to="in_review")
    faq = faq_services.faq_transition(actor=tier2_staff, faq=faq, expected_version=faq.version, to="published")
    response = client.get(reverse("faq_public:detail", kwargs={"pk": faq.pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>&lt;/script&gt;&lt;b&gt;x&lt;/b&gt; の質問" in body
    assert '<meta name="description" content="回答 &lt;/script&gt; &amp; 対策">' in body
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["name"] == "</script><b>x</b> の質問"
    assert "</script>" not in blocks[0]


def test_internal_and_unpublished_entries_are_not_found(client, tier1_staff, faq_content):
    faq = faq_services.faq_create(actor=tier1_staff, content=faq_content())
    assert client.get(reverse("faq_public:detail", kwargs={"pk": faq.pk})).status_code == 404
    assert client.get(reverse("faq_public:detail", kwargs={"pk": 99999})).status_code == 404


def test_the_sitemap_lists_public_entries_only(client, tier1_staff, faq_content, published_faq):
    hidden = faq_services.faq_create(actor=tier1_staff, content=faq_content(title="下書き"))
    body = client.get("/sitemap.xml").content.decode()
    assert reverse("faq_public:detail", kwargs={"pk": published_faq.pk}) in body
    assert reverse("faq_public:detail", kwargs={"pk": hidden.pk}) not in body
    assert reverse("faq_public:links") in body


def test_related_entries_share_a_term(client, tier1_staff, tier2_staff, faq_content, axes, published_faq):
    other = faq_services.faq_create(
        actor=tier1_staff, content=faq_content(title="パスワード管理ツールは安全か", terms=[axes["guide"]])
    )
    other = faq_services.faq_transition(actor=tier1_staff, faq=other, expected_version=other.version, to="in_review")
    faq_services.faq_transition(actor=tier2_staff, faq=other, expected_version=other.version, to="published")
    body = client.get(reverse("faq_public:detail", kwargs={"pk": published_faq.pk})).content.decode()
    assert "関連するご質問" in body and "パスワード管理ツールは安全か" in body


def test_useful_links_page_shows_published_links(client, tier1_staff):
    import datetime as dt

    for title, published in (("見本機構の対策集", True), ("非掲載のリンク", False)):
        faq_services.useful_link_save(
            actor=tier1_staff,
            link=None,
            title=title,
            url="https://example.jp/material",
            publisher="見本機構",
            summary="中小企業向けの対策をまとめた資料。",
            checked_on=dt.date(2026, 12, 1),
            published=published,
        )
    body = client.get(reverse("faq_public:links")).content.decode()
    assert "見本機構の対策集" in body and "非掲載のリンク" not in body
