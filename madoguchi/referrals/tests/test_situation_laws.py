"""The law list follows the situations: likely offences best first, each with the condition that makes it apply."""

from __future__ import annotations

from madoguchi.referrals.situation_rules import select_laws


def test_ransomware_lists_the_obstruction_offence_first_with_its_condition():
    laws = select_laws(situations=["ransomware_infection"])
    assert laws[0].code == "penal_234_2"
    assert "業務" in laws[0].why
    assert {"penal_168_2_2", "penal_249"} <= {law.code for law in laws}


def test_defamation_lists_defamation_then_business_credit():
    codes = [law.code for law in select_laws(situations=["defamation"])]
    assert codes[:2] == ["penal_230", "penal_233"]


def test_two_situations_each_get_their_best_offence_near_the_top():
    codes = [law.code for law in select_laws(situations=["account_takeover", "defamation"])]
    assert codes[:2] == ["uaa_art3", "penal_230"]


def test_a_possible_crime_without_an_offence_bearing_situation_falls_back_on_the_best_candidate():
    assert select_laws(situations=["personal_data_leaked"], possible_crime=False, candidates=[]) != []
    fallback = select_laws(situations=[], possible_crime=True, candidates=[("outage", 0.4), ("netbanking_fraud", 0.3)])
    assert fallback[0].code == "penal_246_2"
    # Not a possible crime: no fallback.
    assert select_laws(situations=[], possible_crime=False, candidates=[("netbanking_fraud", 0.3)]) == []
