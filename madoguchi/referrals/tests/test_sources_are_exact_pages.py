"""Every record names the exact page it was read in, the source's own date, and when we looked; laws name the statute.

Pure data check: ``pytest -p no:django --noconftest madoguchi/referrals/tests/test_sources_are_exact_pages.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlparse

import pytest

from madoguchi.referrals.tests import reference_yaml

# The day the sources were last read (issue 13); nothing can be dated or checked later.
LAST_CHECK = dt.date(2026, 12, 6)
RECORDS = reference_yaml.sourced_records()
IDS = [label for label, _ in RECORDS]
PRIMARY_HOSTS = {"laws.e-gov.go.jp", "eur-lex.europa.eu"}


def is_bare_domain(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.path in {"", "/"} and not parsed.query


def test_bare_domain_check_accepts_pages_and_rejects_domains() -> None:
    assert is_bare_domain("https://www.netbk.co.jp/")
    assert is_bare_domain("https://iuris.jp")
    assert not is_bare_domain("https://nottori-rescue.jp/?p=111")
    assert not is_bare_domain("https://www.ppc.go.jp/all_faq_index/faq1-q11-1/")


@pytest.mark.parametrize("record", [r for _, r in RECORDS], ids=IDS)
def test_source_url_is_an_exact_page(record: dict[str, Any]) -> None:
    assert not is_bare_domain(record["source_url"]), record["source_url"]
    for extra in record.get("see_also") or []:
        assert not is_bare_domain(extra), extra


@pytest.mark.parametrize("record", [r for _, r in RECORDS], ids=IDS)
def test_checked_on_is_a_real_check_after_the_source_date(record: dict[str, Any]) -> None:
    checked = record.get("checked_on")
    if checked is None:
        return
    assert isinstance(checked, dt.date), checked
    assert record["as_of"] <= checked <= LAST_CHECK


def test_records_read_again_for_issue_13_say_so() -> None:
    checked = [label for label, r in RECORDS if r.get("checked_on") == LAST_CHECK]
    assert len(checked) >= 60


@pytest.mark.parametrize("code", sorted(reference_yaml.laws()))
def test_every_law_cites_its_primary_text(code: str) -> None:
    url = reference_yaml.laws()[code].get("primary_url") or ""
    assert urlparse(url).netloc in PRIMARY_HOSTS, (code, url)
    assert not is_bare_domain(url), (code, url)
