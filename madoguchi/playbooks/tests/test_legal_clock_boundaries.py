"""Legal clocks at their boundaries: calendar time in Tokyo, weekends count, flags choose the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from madoguchi.playbooks import clocks, selectors
from madoguchi.playbooks.tests.conftest import TOKYO, tokyo

pytestmark = pytest.mark.django_db

LEAK = {"personal_data": True, "ppc_reportable": True}
# A Japanese SME without an EU establishment is under GDPR only through Art. 3(2): EU residents' data is not enough.
GDPR = {"eu_residents": True, "gdpr_applies": True}


def _by_code(deadlines):
    return {d.rule.code: d for d in deadlines}


def _compute(*, flags, aware_at, now, filed=None, incident_at=None):
    return _by_code(
        clocks.compute(
            rules=selectors.rule_data(),
            flags=flags,
            aware_at=aware_at,
            incident_at=incident_at,
            filed=filed or {},
            now=now,
        )
    )


def test_gdpr_72_hours_from_friday_evening_ends_monday_evening(playbook_data):
    friday = tokyo(2026, 11, 27, 18, 0)
    assert friday.weekday() == 4
    d = _compute(flags={**LEAK, **GDPR}, aware_at=friday, now=friday)["gdpr_art33_authority"]
    assert d.due_at == tokyo(2026, 11, 30, 18, 0)
    assert d.due_at.weekday() == 0


def test_weekend_and_holidays_do_not_stop_the_preliminary_report(playbook_data):
    # 2026-11-21 (Sat) .. 11-23 (Mon, 勤労感謝の日): a business-day clock would end days later.
    aware = tokyo(2026, 11, 20, 10, 0)
    d = _compute(flags=LEAK, aware_at=aware, now=aware)["appi_preliminary_report"]
    assert d.due_date == dt.date(2026, 11, 25)
    assert d.warn_at == tokyo(2026, 11, 24, 0, 0)
    assert d.due_at == tokyo(2026, 11, 26, 0, 0)


def test_aware_at_in_utc_near_midnight_uses_the_tokyo_date(playbook_data):
    # 15:30 UTC on 31 March is 00:30 JST on 1 April: the 30 days count from 1 April.
    aware_utc = dt.datetime(2026, 3, 31, 15, 30, tzinfo=dt.UTC)
    d = _compute(flags=LEAK, aware_at=aware_utc, now=aware_utc)["appi_final_report"]
    assert d.due_date == dt.date(2026, 5, 1)
    assert d.due_at == dt.datetime(2026, 5, 2, 0, 0, tzinfo=TOKYO)
    # One hour earlier it is still 31 March in Tokyo, and the last day moves back with it.
    earlier = _compute(flags=LEAK, aware_at=aware_utc - dt.timedelta(hours=1), now=aware_utc)["appi_final_report"]
    assert earlier.due_date == dt.date(2026, 4, 30)


def test_final_report_is_30_days_or_60_with_unlawful_purpose(playbook_data):
    aware = tokyo(2026, 1, 10, 9, 0)
    plain = _compute(flags=LEAK, aware_at=aware, now=aware)
    assert plain["appi_final_report"].due_date == dt.date(2026, 2, 9)
    assert "appi_final_report_unlawful" not in plain
    unlawful = _compute(flags={**LEAK, "unlawful_purpose": True}, aware_at=aware, now=aware)
    assert unlawful["appi_final_report_unlawful"].due_date == dt.date(2026, 3, 11)
    assert "appi_final_report" not in unlawful


def test_gdpr_applies_only_when_eu_residents_are_involved(playbook_data):
    aware = tokyo(2026, 6, 1, 12, 0)
    assert "gdpr_art33_authority" not in _compute(flags=LEAK, aware_at=aware, now=aware)
    assert "gdpr_art33_authority" in _compute(flags={**LEAK, **GDPR}, aware_at=aware, now=aware)
    assert "gdpr_art34_data_subjects" not in _compute(flags={**LEAK, **GDPR}, aware_at=aware, now=aware)


def test_eu_residents_data_alone_does_not_start_the_72_hour_clock(playbook_data):
    aware = tokyo(2026, 6, 1, 12, 0)
    assert "gdpr_art33_authority" not in _compute(flags={**LEAK, "eu_residents": True}, aware_at=aware, now=aware)


def test_processor_notifies_its_client_instead_of_the_authorities(playbook_data):
    aware = tokyo(2026, 6, 1, 12, 0)
    as_processor = _compute(flags={**LEAK, **GDPR, "processor": True}, aware_at=aware, now=aware)
    assert {"appi_processor_notice", "gdpr_art33_processor"} <= set(as_processor)
    assert not {"appi_preliminary_report", "appi_individual_notice", "gdpr_art33_authority"} & set(as_processor)
    # 規則第9条: 速やかに, 概ね3〜5日 — the same guideline window as the 速報.
    assert as_processor["appi_processor_notice"].due_date == dt.date(2026, 6, 6)
    assert as_processor["gdpr_art33_processor"].state == clocks.State.NOW


def test_my_number_leak_gets_its_own_clocks_only_when_reportable(playbook_data):
    aware = tokyo(2026, 6, 1, 12, 0)
    assert not any(
        code.startswith("mynumber_") for code in _compute(flags={"my_number": True}, aware_at=aware, now=aware)
    )
    reportable = _compute(flags={"my_number": True, "mynumber_reportable": True}, aware_at=aware, now=aware)
    assert {"mynumber_preliminary_report", "mynumber_final_report"} <= set(reportable)
    # Shipped unverified (the committee rule's article 3 was not read): the panel must be able to say so.
    assert reportable["mynumber_final_report"].rule.verified is False


def test_no_flags_no_clocks(playbook_data):
    aware = tokyo(2026, 6, 1, 12, 0)
    assert _compute(flags={}, aware_at=aware, now=aware) == {}


def test_states_move_from_running_to_warn_to_overdue_and_filed_stops(playbook_data):
    aware = tokyo(2026, 6, 1, 12, 0)
    at = lambda **kw: _compute(flags=LEAK, aware_at=aware, now=aware + dt.timedelta(**kw))  # noqa: E731
    assert at(days=1)["appi_preliminary_report"].state == clocks.State.RUNNING
    assert at(days=3, hours=12)["appi_preliminary_report"].state == clocks.State.WARN
    late = at(days=6)["appi_preliminary_report"]
    assert late.state == clocks.State.OVERDUE
    assert late.remaining_label.endswith("超過")
    filed = _compute(
        flags=LEAK, aware_at=aware, now=aware + dt.timedelta(days=6), filed={"appi_preliminary_report": aware}
    )
    assert filed["appi_preliminary_report"].state == clocks.State.FILED


def test_promptly_clocks_show_now_and_missing_start_is_reported(playbook_data):
    aware = tokyo(2026, 6, 1, 12, 0)
    assert _compute(flags=LEAK, aware_at=aware, now=aware)["appi_individual_notice"].state == clocks.State.NOW
    missing = _compute(flags=LEAK, aware_at=None, now=aware)
    assert missing["appi_final_report"].state == clocks.State.NEEDS_START
    bank = _compute(flags={"netbanking_fraud": True, "individual_account": True}, aware_at=aware, now=aware)
    assert bank["zengin_ib_refund_notice"].state == clocks.State.NEEDS_START  # counts from incident_at
