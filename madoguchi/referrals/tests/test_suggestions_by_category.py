"""suggest_for_text proposes fitting organisations and laws, with reasons, for each of the nine categories."""

from __future__ import annotations

import pytest

from madoguchi.referrals.suggest import keyword_hits, suggest_for_text

pytestmark = pytest.mark.django_db

# (category, realistic consultation text, organisation expected, situation label expected in its reasons,
#  law expected or None, organisation that must NOT be suggested)
CASES = [
    (
        "urgent_breach",
        "今朝出社したら社内のファイルサーバのファイルがすべて暗号化されて開けない状態です。拡張子が変わっていて、"
        "身代金を要求する脅迫文が表示されています。どうすればよいでしょうか。",
        "jpcert_incident_report",
        "ランサムウェアに感染した",
        "penal_234_2",
        "houterasu",
    ),
    (
        "crime",
        "経理担当が昨日ネットバンキングを確認したところ、身に覚えのない振込があり、預金残高が減っていました。"
        "警察に届けるべきでしょうか。",
        "mpd_cybercrime_division",
        "ネットバンキングで不正送金された",
        "penal_246_2",
        "tokyo_guidebook_web",
    ),
    (
        "legal",
        "委託先のミスで顧客情報が漏れた可能性があります。個人情報保護委員会への報告義務があるのか、"
        "法的責任について知りたいです。",
        "ppc_dial",
        "個人情報が漏えいした（おそれを含む）",
        "appi_art26",
        "mpd_phishing_110",
    ),
    (
        "urgent_outage",
        "朝から社内の販売管理システムが止まったままで、サーバが落ちているようです。業務が止まって困っています。",
        "own_it_vendor",
        "システムやサービスが使えない・止まった",
        None,
        "local_police_station",
    ),
    (
        "prevention",
        "従業員20名の会社です。これまで特に手を打っておらず、何から始めればよいか分かりません。"
        "使える助成金があれば教えてください。",
        "tokyo_kosha_cyber_subsidy",
        "対策費用の助成・公的支援を知りたい",
        None,
        "mpd_cybercrime_division",
    ),
    (
        "general",
        "来月、社員教育としてセキュリティの研修を行いたいので、講師を派遣してもらえる制度があれば教えてください。",
        "ipa_presenter_search",
        "社員研修・講師派遣を頼みたい",
        None,
        "local_police_station",
    ),
    (
        "life_safety",
        "当社の社長について、SNSで誹謗中傷の書き込みが続いています。書き込みを削除したいのですが、"
        "どこに相談すればよいでしょうか。",
        "sia_slander_hotline",
        "ネット上で誹謗中傷・名誉毀損を受けた",
        "penal_230",
        "ipa_otasuketai",
    ),
    (
        "out_of_scope",
        "個人で契約している光回線が遅く、プロバイダを変えたいと考えています。おすすめを教えてください。",
        "tca_consult",
        "回線・プロバイダ・携帯電話の不具合や契約の問題",
        None,
        "mpd_cybercrime_division",
    ),
    (
        "guidebook_request",
        "御社で配布している中小企業向けのセキュリティの冊子を、社内用に10部送付していただけますか。",
        "tokyo_guidebook_web",
        "ガイドブックを送ってほしい・入手したい",
        None,
        "local_police_station",
    ),
]


@pytest.mark.parametrize(
    ("category", "text", "expected_org", "situation_label", "expected_law", "unexpected_org"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_suggestions_fit_the_category_and_text(
    reference_data, category, text, expected_org, situation_label, expected_law, unexpected_org
):
    suggestions = suggest_for_text(text=text, category=category)
    orgs = {org.code: reasons for org, reasons in suggestions.organizations}
    assert expected_org in orgs, list(orgs)
    reasons = " ".join(orgs[expected_org])
    assert f"状況「{situation_label}」" in reasons
    assert "相談区分「" in reasons
    assert unexpected_org not in orgs
    # The best-ranked suggestion is backed by the text, not by the category alone.
    assert any(r.startswith("状況「") for r in suggestions.organizations[0][1])
    laws = {law.code: reasons for law, reasons in suggestions.laws}
    if expected_law is None:
        assert not any(code.startswith("penal_") for code in laws), list(laws)
    else:
        assert expected_law in laws, list(laws)
        assert any("事象「" in r for r in laws[expected_law])


def test_category_alone_suggests_organisations_but_no_laws(reference_data):
    suggestions = suggest_for_text(text="折り返しのお電話をお願いします。", category="crime")
    codes = [org.code for org, _ in suggestions.organizations]
    assert "local_police_station" in codes
    assert suggestions.laws == []


def test_negated_keyword_does_not_count(reference_data):
    text = "サーバが止まったが、ランサムウェアの身代金の画面は出ていない。"
    suggestions = suggest_for_text(text=text, category="urgent_outage")
    assert "ransomware_infection" not in {s.code for s, _ in suggestions.situations}
    assert not [law for law, _ in suggestions.laws if law.code == "penal_234_2"]


def test_doubt_is_not_negation():
    assert keyword_hits("ランサムウェアに感染したかもしれない", ["ランサムウェア"]) == ["ランサムウェア"]
    assert keyword_hits("ランサムウェアではないと思う", ["ランサムウェア"]) == []


def test_ascii_keyword_must_stand_alone():
    assert keyword_hits("ddos攻撃を受けた", ["DoS"]) == []
    assert keyword_hits("dos攻撃を受けた", ["DoS"]) == ["DoS"]


def test_private_matter_prefers_individual_audience(reference_data):
    suggestions = suggest_for_text(text="私用のスマホで通販サイトで買ったら商品が届かない。", category="life_safety")
    orgs = {org.code: reasons for org, reasons in suggestions.organizations}
    assert "consumer_hotline_188" in orgs
    assert "対象：個人" in orgs["consumer_hotline_188"]
