"""The 受付番号 box: the forms staff type or hear on the phone all reach the case, within access rules."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from madoguchi.cases.choices import Tier
from madoguchi.cases.models import Case, ReferenceCounter
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def _case_numbered(actor, year: int, number: int, subject: str = "テスト相談") -> Case:
    ReferenceCounter.objects.update_or_create(year=year, defaults={"last_value": number - 1})
    return make_case(actor=actor, subject=subject, received_at=dt.datetime(year, 5, 1, 10, 0, tzinfo=TOKYO))


@pytest.fixture
def this_year():
    return timezone.localdate().year


def _lookup(client, text):
    return client.get(reverse("cases:lookup"), {"ref": text})


@pytest.mark.parametrize(
    "text", ["9", "00009", "{y}-9", "{y}-00009", "２０２６－９", "{y}ー9", " {y} - 9 ", "{y}00009"]
)
def test_every_form_of_the_number_reaches_the_case(client_for, tier1_staff, this_year, text):
    case = _case_numbered(tier1_staff, this_year, 9)
    text = text.format(y=this_year).replace("２０２６", "".join(chr(0xFF10 + int(d)) for d in str(this_year)))
    response = _lookup(client_for(tier1_staff), text)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"reference": case.reference})


def test_a_bare_number_matching_several_years_lists_them_current_year_first(client_for, tier2_staff, this_year):
    old = _case_numbered(tier2_staff, this_year - 1, 9, subject="昨年の相談")
    new = _case_numbered(tier2_staff, this_year, 9, subject="今年の相談")
    response = _lookup(client_for(tier2_staff), "9")
    assert response.status_code == 200
    html = response.content.decode()
    assert new.reference in html and old.reference in html
    assert html.index(new.reference) < html.index(old.reference)
    # With the year, straight to the one case.
    response = _lookup(client_for(tier2_staff), f"{this_year - 1}-9")
    assert response["Location"] == reverse("cases:detail", kwargs={"reference": old.reference})


def test_tier1_cannot_reach_a_case_they_cannot_see(client_for, tier1_staff, other_tier1_staff, this_year):
    hidden = _case_numbered(other_tier1_staff, this_year, 9, subject="見えない相談")
    Case.objects.filter(pk=hidden.pk).update(tier=Tier.BACK)
    client = client_for(tier1_staff)
    response = _lookup(client, "9")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:list")
    page = client.get(response["Location"]).content.decode()
    assert "見つかりません" in page
    assert "見えない相談" not in page


def test_tier1_sees_only_their_visible_case_among_several(client_for, tier1_staff, other_tier1_staff, this_year):
    hidden = _case_numbered(other_tier1_staff, this_year - 1, 9, subject="見えない相談")
    Case.objects.filter(pk=hidden.pk).update(tier=Tier.BACK)
    mine = _case_numbered(tier1_staff, this_year, 9)
    response = _lookup(client_for(tier1_staff), "9")
    assert response["Location"] == reverse("cases:detail", kwargs={"reference": mine.reference})


@pytest.mark.parametrize("text", ["", "abc", "2026-", "-9", "0", "2026-9-1", "1234567"])
def test_input_that_is_not_a_number_is_refused_with_a_message(client_for, tier1_staff, text):
    response = _lookup(client_for(tier1_staff), text)
    assert response["Location"] == reverse("cases:list")


def test_anonymous_cannot_use_the_box(client, tier1_staff, this_year):
    _case_numbered(tier1_staff, this_year, 9)
    assert _lookup(client, "9").status_code == 404


def test_parse_reference_input():
    from madoguchi.cases.reference_lookup import parse_reference_input

    assert parse_reference_input("２０２６－９") == (2026, 9)
    assert parse_reference_input("9") == (None, 9)
    assert parse_reference_input("00009") == (None, 9)
    assert parse_reference_input("2026-00009") == (2026, 9)
    assert parse_reference_input("abc") is None
