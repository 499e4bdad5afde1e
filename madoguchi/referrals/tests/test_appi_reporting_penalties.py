"""Not filing a leak report (APPI 26条) is not itself a crime: 勧告・命令 (148条) first; breaking an order is (178条).

182条 punishes ignoring or lying to the commission's 報告徴収・立入検査 (146条). Per PPC FAQ Q11-1.
Pure data check: ``pytest -p no:django --noconftest madoguchi/referrals/tests/test_appi_reporting_penalties.py``.
"""

from __future__ import annotations

from madoguchi.referrals.tests import reference_yaml

LAWS = reference_yaml.laws()
LEAK = reference_yaml.events()["personal_data_breach"]
Q11 = "https://www.ppc.go.jp/all_faq_index/faq1-q11-1/"


def test_article_182_is_about_the_commissions_inquiries_not_the_leak_report() -> None:
    law = LAWS["appi_art182"]
    assert "第146条" in law["covers"]
    assert "漏えい等報告（第26条）をしないことはこの条の対象ではない" in law["covers"]
    assert law["source_url"] == Q11


def test_leak_event_links_182_only_for_inquiries() -> None:
    condition = reference_yaml.link(LEAK, "appi_art182")["condition"]
    assert "第146条" in condition
    assert not condition.startswith("報告をしない")


def test_leak_event_reaches_178_through_an_order() -> None:
    order = reference_yaml.link(LEAK, "appi_art148")
    crime = reference_yaml.link(LEAK, "appi_art178")
    assert order["relevance"] == "conditional"
    assert crime["relevance"] == "conditional" and crime["verified"] is True
    assert "命令に違反した場合" in crime["condition"]
    # The order comes before the offence in the list staff read.
    laws = [x["law"] for x in LEAK["law_links"]]
    assert laws.index("appi_art148") < laws.index("appi_art178")


def test_article_178_is_confirmed_by_the_commission() -> None:
    law = LAWS["appi_art178"]
    assert law["verified"] is True and law["source_url"] == Q11
    assert "第148条" in law["covers"]


def test_article_184_no_longer_mentions_a_reporting_duty_offence() -> None:
    law = LAWS["appi_art184"]
    assert "報告義務違反" not in law["penalty"] and "報告義務違反" not in law["covers"]
    assert "第182条" in law["penalty"]
