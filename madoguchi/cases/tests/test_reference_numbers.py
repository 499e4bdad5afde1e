import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from madoguchi.cases.models import Case
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def test_reference_is_year_and_five_digits_readable_on_the_phone(tier1_staff):
    case = make_case(actor=tier1_staff, received_at=dt.datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO))
    assert re.fullmatch(r"2026-\d{5}", case.reference)


def test_references_are_unique_and_never_reused_after_a_case_is_deleted(tier1_staff):
    at = dt.datetime(2026, 5, 1, 9, 0, tzinfo=TOKYO)
    a = make_case(actor=tier1_staff, received_at=at)
    b = make_case(actor=tier1_staff, received_at=at)
    assert (a.reference, b.reference) == ("2026-00001", "2026-00002")
    b.events.all().delete()
    b.tags.clear()
    Case.objects.filter(pk=b.pk).delete()
    c = make_case(actor=tier1_staff, received_at=at)
    assert c.reference == "2026-00003"


def test_numbering_follows_the_tokyo_year_of_reception(tier1_staff):
    # 2026-12-31 15:30 UTC is already 2027-01-01 in Tokyo.
    case = make_case(actor=tier1_staff, received_at=dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC))
    assert case.reference.startswith("2027-")
