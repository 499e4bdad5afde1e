import datetime as dt
from zoneinfo import ZoneInfo

from madoguchi.core.business_hours import BusinessHours, add_business_minutes, is_business_day

TOKYO = ZoneInfo("Asia/Tokyo")
HOURS = BusinessHours.parse("09:00-17:00")


def at(*args):
    return dt.datetime(*args, tzinfo=TOKYO)


def test_within_the_day():
    assert add_business_minutes(start=at(2026, 11, 25, 10, 0), minutes=30, hours=HOURS) == at(2026, 11, 25, 10, 30)


def test_after_closing_rolls_to_next_business_morning():
    assert add_business_minutes(start=at(2026, 11, 25, 16, 50), minutes=30, hours=HOURS) == at(2026, 11, 26, 9, 20)


def test_weekend_and_public_holiday_are_skipped():
    # Friday 2026-11-20 16:45 + 30 min: Mon 11-23 is 勤労感謝の日, so Tuesday 09:15.
    assert add_business_minutes(start=at(2026, 11, 20, 16, 45), minutes=30, hours=HOURS) == at(2026, 11, 24, 9, 15)
    assert not is_business_day(dt.date(2026, 11, 23))


def test_year_end_closure_is_not_a_business_day():
    assert not is_business_day(dt.date(2026, 12, 29))
    assert not is_business_day(dt.date(2027, 1, 3))
    assert is_business_day(dt.date(2027, 1, 4))


def test_before_opening_starts_at_opening():
    assert add_business_minutes(start=at(2026, 11, 25, 7, 0), minutes=30, hours=HOURS) == at(2026, 11, 25, 9, 30)
