"""One action puts chosen organisations, each with the day its details were confirmed, into answer part ②."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _referrals_textarea(page: str) -> str:
    match = re.search(r'<textarea name="answer-referrals"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, "answer form not on the page"
    return html_lib.unescape(match.group(1))


def test_chosen_organisations_land_in_part_two(client_for, tier2_staff, tier2_case, reference_data):
    client = client_for(tier2_staff)
    url = reverse("referrals:case_insert", kwargs={"reference": tier2_case.reference})
    response = client.post(url, {"organizations": ["mpd_cybercrime_division", "local_police_station"]}, follow=True)
    assert response.status_code == 200
    part_two = _referrals_textarea(response.content.decode())
    assert "警視庁 サイバー犯罪対策課（サイバー犯罪相談）" in part_two
    assert "電話：03-5805-1731（平日 8:30〜17:15）" in part_two
    assert "管轄の警察署（被害届の提出）" in part_two
    assert "03-3581-4321" in part_two
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日時点" not in part_two
    assert "に確認した情報です" in part_two
    assert part_two.index("サイバー犯罪対策課") < part_two.index("管轄の警察署")
    # The prefill is used once: reloading the case does not insert it again.
    again = client.get(tier2_case.get_absolute_url()).content.decode()
    assert "03-5805-1731" not in _referrals_textarea(again)


def test_nothing_chosen_is_refused(client_for, tier2_staff, tier2_case, reference_data):
    url = reverse("referrals:case_insert", kwargs={"reference": tier2_case.reference})
    response = client_for(tier2_staff).post(url, {})
    assert response.status_code == 400
    assert "挿入する紹介先を選んでください" in response.content.decode()


def test_unknown_code_is_refused(client_for, tier2_staff, tier2_case, reference_data):
    url = reverse("referrals:case_insert", kwargs={"reference": tier2_case.reference})
    response = client_for(tier2_staff).post(url, {"organizations": ["no_such_org"]})
    assert response.status_code == 400


def test_tier1_cannot_insert(client_for, tier1_staff, tier2_case, reference_data):
    url = reverse("referrals:case_insert", kwargs={"reference": tier2_case.reference})
    client = client_for(tier1_staff)
    response = client.post(url, {"organizations": ["houterasu"]})
    assert response.status_code == 403
    assert not any(key.startswith("answer_referrals_") for key, _value in client.session.items())


def test_missing_case_is_404(client_for, tier2_staff, reference_data):
    url = reverse("referrals:case_insert", kwargs={"reference": "2099-99999"})
    assert client_for(tier2_staff).post(url, {"organizations": ["houterasu"]}).status_code == 404
