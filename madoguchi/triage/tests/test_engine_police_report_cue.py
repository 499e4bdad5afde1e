"""A consulter who asks about, or has made, a report to the police is a police-referral case.

On the training corpus the wording is police in 69 of 75 items (round 5); the rule fires when it is
asserted or asked, not when it is negated or hypothetical.
"""

import pytest

from madoguchi.triage.engine.model import precise_police_reasons
from madoguchi.triage.engine.rules import RULES_BY_CODE, find_hits
from madoguchi.triage.engine.text import prepare

REPORT = RULES_BY_CODE["police_report"].reason


def _police_reasons(text: str) -> list[str]:
    prepared = prepare(text=text)
    return precise_police_reasons(hits=find_hits(body=prepared.body, request=prepared.request))


@pytest.mark.parametrize(
    "text",
    [
        "先月DDoS攻撃で予約サイトが半日止まった。今は復旧済み。被害届は出せますか。",
        "ノートPCが盗まれ、警察には届けた。個人情報保護委員会への速報の様式はどこ?",
        "元社員が顧客リストを持ち出した。民事と刑事どちらで動くべきでしょうか。",
        "Someone took over our shop account and changed the bank details. Should we report it to the police?",
    ],
)
def test_a_report_to_the_police_asked_or_made_sets_police(text):
    assert REPORT in _police_reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "刑事告訴まではまだ考えていません。削除要請の方法だけ知りたい。",
        "もし攻撃を受けて警察に被害届を出した場合、報道されることはありますか。",
        "社内の規程で、事故のときに警察へ相談する手順を決めておきたい。",
    ],
)
def test_a_negated_or_hypothetical_report_does_not(text):
    assert REPORT not in _police_reasons(text)
