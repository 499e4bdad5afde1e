"""Issue 14's walk: a guidebook request from the public form to 発送済, with the label PDF downloaded and read.

axe-core checks every page on the way (public form, confirmation, done, shipping list, request page)."""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import Page, expect

from madoguchi.accounts.roles import Role
from madoguchi.answers.models import OutboundEmail
from madoguchi.outreach.models import GuidebookEdition, GuidebookRequest, RequestStatus
from madoguchi.outreach.tests.helpers import make_edition
from madoguchi.testing.factories import UserFactory
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _request_from_the_public_form(page: Page, live_server, shot) -> str:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="ガイドブックの送付申込み").click()
    page.wait_for_url("**/guidebook/")
    assert_no_axe_violations(page)
    page.get_by_label("部数").fill("３")
    page.get_by_label("組織名（会社名・団体名）").fill("株式会社サンプル商事")
    page.get_by_label("部署名").fill("総務部")
    page.get_by_label("ご担当者のお名前").fill("架空 花子")
    page.get_by_label("郵便番号").fill("〒１６３ー８００１")
    page.get_by_label("都道府県").select_option("東京都")
    page.get_by_label("住所（市区町村・番地・建物名）").fill("新宿区西新宿２－８－１")
    page.get_by_label("メールアドレス").fill("hanako@sample-shoji.example.jp")
    page.get_by_label("個人情報の取扱いに同意します").check()
    page.get_by_role("button", name="入力内容を確認する").click()
    expect(page.get_by_role("heading", name="入力内容の確認")).to_be_visible()
    expect(page.locator("#confirm-address")).to_contain_text("〒163-8001")
    expect(page.locator("#confirm-copies")).to_have_text("3部")
    assert_no_axe_violations(page)
    shot(page, "guidebook_request_confirm")
    page.get_by_role("button", name="申し込む").click()
    expect(page.get_by_role("heading", name="ガイドブックのお申込みを受け付けました")).to_be_visible()
    assert_no_axe_violations(page)
    return page.locator("#reference").inner_text()


def test_public_request_to_shipped_with_label_export(page, live_server, login, shot, tmp_path, second_factor_optional):
    edition = make_edition(stock=10, threshold=5)
    UserFactory(username="front-gb", role=Role.FRONT, display_name="一次 花子")
    reference = _request_from_the_public_form(page, live_server, shot)
    assert re.fullmatch(r"GB-20\d\d-\d{5}", reference)

    login(page, "front-gb")
    page.get_by_role("link", name="普及啓発").click()
    expect(page.get_by_role("heading", name="ガイドブック送付依頼・発送リスト")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label(f"{reference} を選択").check()
    page.get_by_label("変更後の状態").select_option("preparing")
    page.get_by_role("button", name="状態を変更する").click()
    expect(page.get_by_text("1件の状態を変更しました。")).to_be_visible()

    page.get_by_role("link", name=reference).click()
    expect(page.locator("#request-status")).to_have_text("発送準備")
    assert_no_axe_violations(page)
    page.get_by_label("変更後の状態").select_option("shipped")
    page.get_by_label("発送方法").select_option("post")
    page.get_by_role("button", name="変更する").click()
    expect(page.locator("#request-status")).to_have_text("発送済")
    shot(page, "guidebook_request_shipped")

    request = GuidebookRequest.objects.get(reference=reference)
    assert request.status == RequestStatus.SHIPPED
    assert GuidebookEdition.objects.get(pk=edition.pk).stock == 7
    assert OutboundEmail.objects.get().to == ["hanako@sample-shoji.example.jp"]

    page.goto(f"{live_server.url}/staff/outreach/requests/?status=shipped")
    page.get_by_label(f"{reference} を選択").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="宛名ラベル（PDF）").click()
    path = tmp_path / "labels.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    for expected in ("〒163-8001", "東京都新宿区西新宿2-8-1", "株式会社サンプル商事", "総務部", "架空 花子 様"):
        assert expected in text
