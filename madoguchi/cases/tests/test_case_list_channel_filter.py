"""The case list shows each case's channel (受付経路) in its own column and filters by it."""

import re

import pytest
from django.urls import reverse

from madoguchi.cases.choices import Channel
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def _row(html, case):
    match = re.search(r"<tr[^>]*>(?:(?!</tr>).)*>" + re.escape(case.reference) + r"</a>.*?</tr>", html, re.S)
    assert match, f"{case.reference} not listed"
    return match.group(0)


def test_channel_filter_lists_only_that_channel(client_for, tier1_staff):
    web = make_case(actor=tier1_staff, channel=Channel.WEB, subject="フォームからの相談")
    phone = make_case(actor=tier1_staff, channel=Channel.PHONE, subject="電話での相談", email="b@example.jp")
    response = client_for(tier1_staff).get(reverse("cases:list"), {"channel": Channel.WEB})
    listed = [c.reference for c in response.context["page"].object_list]
    assert listed == [web.reference]
    assert phone.reference not in response.content.decode()


def test_channel_column_shows_the_channel_label(client_for, tier1_staff):
    web = make_case(actor=tier1_staff, channel=Channel.WEB, subject="フォームからの相談")
    walkin = make_case(actor=tier1_staff, channel=Channel.WALKIN, subject="来訪での相談", email="c@example.jp")
    html = client_for(tier1_staff).get(reverse("cases:list")).content.decode()
    assert ">受付経路<" in html
    assert "<td>Webフォーム</td>" in _row(html, web)
    assert "<td>来訪（窓口）</td>" in _row(html, walkin)


def test_unknown_channel_is_a_form_error_and_lists_nothing_filtered(client_for, tier1_staff):
    make_case(actor=tier1_staff, channel=Channel.WEB)
    response = client_for(tier1_staff).get(reverse("cases:list"), {"channel": "fax"})
    assert response.status_code == 200
    assert response.context["form"].errors["channel"]
