"""Entries not verified within MADOGUCHI_STALE_AFTER_DAYS are flagged 要確認 on every screen showing them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.referrals.freshness import is_stale
from madoguchi.referrals.models import ReferralOrganization

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)


def _org(
    *, as_of: dt.date, last_verified_at: dt.datetime | None = None, checked_on: dt.date | None = None
) -> ReferralOrganization:
    return ReferralOrganization(
        code="x", as_of=as_of, last_verified_at=last_verified_at, checked_on=checked_on, verified=True
    )


def test_exactly_the_period_old_is_not_stale(settings):
    settings.MADOGUCHI_STALE_AFTER_DAYS = 365
    assert not is_stale(_org(as_of=TODAY - dt.timedelta(days=365)), today=TODAY)


def test_one_day_past_the_period_is_stale(settings):
    settings.MADOGUCHI_STALE_AFTER_DAYS = 365
    assert is_stale(_org(as_of=TODAY - dt.timedelta(days=366)), today=TODAY)


def test_staff_verification_restarts_the_clock(settings):
    settings.MADOGUCHI_STALE_AFTER_DAYS = 30
    verified = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    assert not is_stale(_org(as_of=dt.date(2020, 1, 1), last_verified_at=verified), today=TODAY)
    assert is_stale(_org(as_of=dt.date(2020, 1, 1), last_verified_at=verified), today=dt.date(2026, 12, 2))


def test_a_recorded_source_check_restarts_the_clock_until_staff_verify(settings):
    settings.MADOGUCHI_STALE_AFTER_DAYS = 30
    # An undated 2015 source read again on 2026-11-20 (checked_on) is not due yet on 11-25.
    assert not is_stale(_org(as_of=dt.date(2015, 4, 23), checked_on=dt.date(2026, 11, 20)), today=TODAY)
    assert is_stale(_org(as_of=dt.date(2015, 4, 23), checked_on=dt.date(2026, 10, 1)), today=TODAY)
    # A later staff check wins over the data file's.
    staff = dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC)
    assert not is_stale(
        _org(as_of=dt.date(2015, 4, 23), checked_on=dt.date(2026, 10, 1), last_verified_at=staff), today=TODAY
    )


def test_verification_day_is_counted_in_tokyo_time(settings):
    settings.MADOGUCHI_STALE_AFTER_DAYS = 10
    # 2026-11-14 20:00 UTC is already 11-15 in Tokyo: ten days before 11-25, so not yet stale.
    late_evening_utc = dt.datetime(2026, 11, 14, 20, 0, tzinfo=dt.UTC)
    assert not is_stale(_org(as_of=dt.date(2020, 1, 1), last_verified_at=late_evening_utc), today=TODAY)


@pytest.fixture
def one_stale_one_fresh(reference_data, settings):
    settings.MADOGUCHI_STALE_AFTER_DAYS = 365
    today = timezone.localdate()
    ReferralOrganization.objects.update(last_verified_at=timezone.now())
    ReferralOrganization.objects.filter(code="houterasu").update(
        last_verified_at=None, as_of=today - dt.timedelta(days=366)
    )
    ReferralOrganization.objects.filter(code="nichibenren_himawari").update(
        last_verified_at=None, as_of=today - dt.timedelta(days=365)
    )


@pytest.mark.parametrize(
    "url",
    [
        reverse("referrals:directory") + "?situation=legal_question",
        reverse("referrals:quick") + "?situation=legal_question",
        reverse("referrals:organization", kwargs={"code": "houterasu"}),
        reverse("referrals:print"),
    ],
)
def test_stale_badge_on_every_staff_screen(client_for, tier1_staff, one_stale_one_fresh, url):
    html = client_for(tier1_staff).get(url).content.decode()
    assert 'class="badge stale"' in html
    # Only the stale entry carries the badge (the printed list repeats it under each of its situations);
    # the entry exactly at the boundary does not.
    houterasu = ReferralOrganization.objects.get(code="houterasu")
    expected = houterasu.situations.count() if url == reverse("referrals:print") else 1
    assert html.count('class="badge stale"') == expected


def test_stale_badge_on_the_case_panel(client_for, tier2_staff, tier1_staff, one_stale_one_fresh):
    from madoguchi.testing.factories import dispatched_case

    case = dispatched_case(
        tier1=tier1_staff, category="legal", subject="法的責任について", body="弁護士に相談したい。法的責任を知りたい。"
    )
    html = client_for(tier2_staff).get(case.get_absolute_url()).content.decode()
    panel = html[html.index('id="referrals"') :]
    assert "法テラス" in panel
    assert 'class="badge stale"' in panel


def test_unverified_entries_are_marked(client_for, tier1_staff, reference_data):
    html = client_for(tier1_staff).get(reverse("referrals:directory") + "?q=金融サービス利用者相談室").content.decode()
    assert "未検証" in html
