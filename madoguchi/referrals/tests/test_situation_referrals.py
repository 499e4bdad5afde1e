"""Answer ② follows what happened: flags and situations choose the organisations and their order; the category
only fills in (issue 13)."""

from __future__ import annotations

from madoguchi.referrals.situation_rules import select_referrals


def _codes(**kwargs):
    defaults = {"situations": [], "police": False, "urgent": False, "individual": False, "category": None}
    return [pick.code for pick in select_referrals(**{**defaults, **kwargs})]


def test_police_flag_names_the_metropolitan_police_first():
    codes = _codes(situations=["phishing_brand_abuse"], police=True, category="crime")
    assert codes[0] == "mpd_cybercrime_division"
    assert "antiphishing_council" in codes


def test_money_already_sent_names_the_bank_first_then_the_police():
    codes = _codes(situations=["bec", "money_transferred"], police=True, category="crime")
    assert codes[:2] == ["your_bank", "mpd_cybercrime_division"]


def test_a_leak_names_the_ppc_with_its_clocks():
    picks = select_referrals(
        situations=["personal_data_leaked"], police=False, urgent=True, individual=False, category="urgent_breach"
    )
    ppc = next(pick for pick in picks if pick.code == "ppc_leak_report")
    assert "3〜5日以内" in ppc.why and "30日以内" in ppc.why


def test_spam_defamation_and_a_private_person_get_their_own_desks():
    assert _codes(situations=["spam"])[0] == "dekyo_spam_center"
    defamation = _codes(situations=["defamation"], category="legal")
    assert defamation[:2] == ["ihaho", "moj_human_rights"]
    assert "consumer_hotline_188" in _codes(situations=["shopping_fraud_victim"], individual=True)


def test_outage_names_the_vendor_and_prevention_the_support_schemes():
    assert _codes(situations=["outage"], urgent=True, category="urgent_outage")[0] == "own_it_vendor"
    prevention = _codes(situations=["prevention_advice"], category="prevention")
    assert prevention[:3] == ["ipa_otasuketai", "ipa_security_action", "tokyo_kosha_cyber_subsidy"]


def test_the_category_only_fills_places_after_the_rules():
    # The situation's organisations come first; the category's usual ones follow, with a reason saying so.
    picks = select_referrals(
        situations=["ransomware_infection"], police=True, urgent=True, individual=False, category="prevention"
    )
    codes = [pick.code for pick in picks]
    assert codes[0] == "mpd_cybercrime_division"
    assert len(codes) == 6
    # The ransomware rules fill all six places: no prevention scheme is named for an attack under way.
    assert "ipa_otasuketai" not in codes
    filled = select_referrals(situations=["spam"], police=False, urgent=False, individual=False, category="general")
    assert [pick.code for pick in filled][:2] == ["dekyo_spam_center", "own_it_vendor"]
    assert "nco_security_portal" in [pick.code for pick in filled]
    assert all("補足" in pick.why for pick in filled[2:])
    # Nothing detected: the category's list, with a reason that says so.
    fallback = select_referrals(situations=[], police=False, urgent=False, individual=False, category="legal")
    assert fallback[0].code == "houterasu"
    assert "状況から特定できなかった" in fallback[0].why


def test_breaches_name_the_vendor_and_ipa_and_questions_the_web_resources():
    breach = _codes(situations=["unauthorized_access"], police=True, urgent=True, category="urgent_breach")
    assert {"own_it_vendor", "ipa_cs_support", "mpd_cybercrime_division"} <= set(breach)
    training = _codes(situations=["security_training"], category="general")
    assert training[:2] == ["nco_security_portal", "tokyo_guidebook_web"]
    fraud = _codes(situations=["shopping_fraud_victim"], police=True, category="life_safety")
    assert {"consumer_hotline_188", "card_issuer_or_psp", "local_police_station"} <= set(fraud)


def test_every_organisation_carries_a_reason_and_none_is_named_twice():
    picks = select_referrals(
        situations=["netbanking_fraud", "money_transferred", "account_takeover"],
        police=True,
        urgent=True,
        individual=True,
        category="crime",
    )
    codes = [pick.code for pick in picks]
    assert len(codes) == len(set(codes))
    assert all(pick.why.strip() for pick in picks)
