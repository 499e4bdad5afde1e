"""Answer ② states when each entry's details were confirmed, and warns the writer about overdue entries."""

from __future__ import annotations

import datetime as dt
import html as html_lib

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.referrals.formatting import referrals_text, stale_warning
from madoguchi.referrals.models import ReferralOrganization

pytestmark = pytest.mark.django_db


def _org(code: str) -> ReferralOrganization:
    return ReferralOrganization.objects.get(code=code)


def test_each_block_carries_its_own_checked_date_not_today(reference_data, settings):
    org = _org("mpd_cybercrime_division")
    org.last_verified_at = dt.datetime(2025, 4, 1, 10, 0, tzinfo=dt.UTC)
    org.save(update_fields=["last_verified_at"])
    today = dt.date(2026, 12, 7)

    text = referrals_text(organizations=[org], today=today)

    assert "（連絡先は2025年4月1日に確認した情報です）" in text
    assert "2026年12月7日" not in text


def test_overdue_entry_is_named_in_a_warning(reference_data, settings):
    settings.MADOGUCHI_STALE_AFTER_DAYS = 365
    fresh, old = _org("mpd_cybercrime_division"), _org("local_police_station")
    fresh.last_verified_at = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    old.last_verified_at = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    for org in (fresh, old):
        org.save(update_fields=["last_verified_at"])

    warning = stale_warning(organizations=[fresh, old], today=dt.date(2026, 12, 7))

    assert "要確認" in warning
    assert f"{old.name}（2024年6月1日確認）" in warning
    assert fresh.name not in warning
    assert stale_warning(organizations=[fresh], today=dt.date(2026, 12, 7)) == ""


def test_inserting_an_overdue_entry_shows_the_warning(client_for, tier2_staff, tier2_case, reference_data):
    old = _org("local_police_station")
    old.last_verified_at = timezone.now() - dt.timedelta(days=800)
    old.save(update_fields=["last_verified_at"])
    url = reverse("answers:insert_referrals", kwargs={"reference": tier2_case.reference})
    client = client_for(tier2_staff)

    # Without the editor script the whole answer form comes along (and is saved): the page names the entry.
    answer = {"answer-version": "0", "answer-measures": "対策", "answer-referrals": "", "answer-channel": "phone"}
    response = client.post(url, {"organizations": ["local_police_station"], **answer}, follow=True)

    page = html_lib.unescape(response.content.decode())
    assert response.status_code == 200
    assert "要確認" in page
    assert f"{old.name}（" in page

    # With the script the reply carries the warning for the editor to show.
    reply = client.post(url, {"organizations": ["local_police_station"]}, HTTP_ACCEPT="application/json").json()
    assert "要確認" in reply["warning"] and f"{old.name}（" in reply["warning"]
