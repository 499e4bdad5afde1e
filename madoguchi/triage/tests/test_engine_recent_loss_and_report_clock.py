"""Two urgent cues added in round 4: a loss that can still be stopped, and a reporting clock that runs.

Labelling convention (docs/triage.md): money sent or a card number typed in just now is urgent, a
past loss is not; a reporting-duty question about an incident of the last days is urgent because the
legal clock (PPC 速報 3–5 days, 確報 30/60 days) is running.
"""

import pytest

from madoguchi.triage.engine.model import precise_urgent_reasons
from madoguchi.triage.engine.rules import RULES_BY_CODE, find_hits
from madoguchi.triage.engine.text import prepare


def _urgent_reasons(text: str) -> list[str]:
    prepared = prepare(text=text)
    return precise_urgent_reasons(hits=find_hits(body=prepared.body, request=prepared.request))


LOSS = RULES_BY_CODE["loss_just_now"].reason
CLOCK = RULES_BY_CODE["recent_incident"].reason


@pytest.mark.parametrize(
    "text",
    [
        "個人。今朝、偽の通販サイトでカード番号入力。カード会社にまだ連絡してない",
        "さっきギフトカード5万円分をコンビニで買って番号を伝えてしまった",
        "昨日、社長を名乗るメールの指示で経理が200万円を送金してしまいました",
    ],
)
def test_a_loss_just_now_is_urgent(text):
    assert LOSS in _urgent_reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "先月、偽サイトで買い物をして代金を振り込んだ。返金してもらう方法は?",
        # The SMS's own deadline is not the moment of the loss.
        "「本日中に連絡がなければ法的措置」というSMSに電話し、電子マネーを購入して番号を伝えた",
        # A request to pay is not a payment.
        "本日、社長を名乗る人物から至急指定口座に送金してほしいとメールが来た。送金はまだしていない",
        "カード番号の入力画面が出たが、本日は何も入力していない",
    ],
)
def test_a_past_or_unmade_payment_is_not_a_loss_just_now(text):
    assert LOSS not in _urgent_reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "昨日、顧客名簿を別の取引先にメール誤送信しました。個人情報保護委員会への報告は必要ですか",
        "TEL 人材紹介。今週月曜に求職者の履歴書を誤送信。個情委への報告って義務?期限いつまで?",
        "先週、患者さん1名分の検査結果を別の患者さんに郵送してしまいました。報告義務はありますか",
    ],
)
def test_a_reporting_question_about_a_recent_incident_is_urgent(text):
    assert CLOCK in _urgent_reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        # No incident: a general question about the duty.
        "個人情報の漏えいが起きた場合、個人情報保護委員会への報告は何日以内ですか。今は事故はありません",
        # A recent incident without a question about reporting: other cues decide.
        "昨日、社員がUSBメモリを紛失しました。社内での再発防止策を相談したい",
        # Hypothetical: what if it happened.
        "もし明日、顧客情報が漏洩したら、報告期限はいつになりますか",
    ],
)
def test_the_reporting_clock_needs_a_recent_incident_and_a_reporting_question(text):
    assert CLOCK not in _urgent_reasons(text)
