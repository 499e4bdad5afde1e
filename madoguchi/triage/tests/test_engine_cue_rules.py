import pytest

from madoguchi.triage.engine.model import precise_police_reasons, precise_urgent_reasons
from madoguchi.triage.engine.rules import RuleHit, describe, find_hits
from madoguchi.triage.engine.text import prepare


def _hits(text: str) -> list[RuleHit]:
    prepared = prepare(text=text)
    return find_hits(body=prepared.body, request=prepared.request)


def _asserted(text: str) -> set[str]:
    return {hit.code for hit in _hits(text) if hit.context == "asserted"}


@pytest.mark.parametrize(
    "text",
    [
        "朝出社したらファイルサーバの中身が全部拡張子が変わってる。READ_ME.txtに身代金要求",
        "今まさに知らない人がPCを遠隔操作してる、マウスが勝手に動いてる",
        "基幹システムが朝から全く起動しない、全員作業できない",
    ],
)
def test_urgent_cues_fire(text):
    assert precise_urgent_reasons(hits=_hits(text))


@pytest.mark.parametrize(
    "text",
    [
        "ランサムウェア対策としてバックアップどう取ればいい?NASだけだと一緒に暗号化されるって聞いた",
        "社内サーバ落ちてる?と思ったがランサム画面は出てない、拡張子も普通",
        "メールの添付ファイル、マクロ付きExcel開かないようにする設定、全社で",
        "遠隔操作ソフトを入れられ、サポート料を支払いました。今は落ち着いています",
        "ランサムウェアに感染した会社は身代金を払ったら違法になる?",
    ],
)
def test_urgent_cues_do_not_fire(text):
    assert precise_urgent_reasons(hits=_hits(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "取引先を名乗るメールで振込先変更、昨日経理が300万円振込済",
        "「72時間以内に0.5BTCを支払わなければ御社サイトを改ざんする」とメール",
        "闇サイトで当社の顧客DBが売られていると連絡あり",
        "元交際相手から「住所知ってる、行くぞ」とメッセージ。個人のことです",
        # A personal fraud loss is a possible crime too (convention in docs/triage.md).
        "個人で通販サイトで買い物、代金を振り込んだのに届かない。会社は関係ない",
        "個人のインスタが乗っ取られた。会社とは関係ない",
    ],
)
def test_police_cues_fire(text):
    assert precise_police_reasons(hits=_hits(text))


@pytest.mark.parametrize(
    "text",
    [
        "個人のスマホに広告がたくさん出るが、押してはいない。家族のこと",
        "CEOを名乗るメールが来たが、送金はまだしていません",
        "脅迫などの犯罪性はないと思いますが、削除を求められますか",
        "ダークウェブ監視サービスって何?",
    ],
)
def test_police_cues_do_not_fire(text):
    assert precise_police_reasons(hits=_hits(text)) == []


def test_toha_inside_kotoha_is_not_a_definition_question():
    assert "learn" not in _asserted("パスワードを変えることは大事だと思う")
    assert "learn" in _asserted("ゼロトラストとは何か知りたい")


def test_imasu_is_not_now():
    # 「います」 contains 「いま」; a substring rule would read it as "right now".
    assert "remote_now" not in _asserted("遠隔操作ソフトを入れてしまいました。PCは家族で使っています")


def test_card_company_is_not_the_consulters_business():
    assert "business" not in _asserted("カード会社には連絡済みです")
    assert "business" in _asserted("会社のPCで警告が出た")


def test_reasons_are_short_japanese_and_mark_negation():
    reasons = describe(hits=_hits("ﾗﾝｻﾑ画面は出ていない。ファイルが暗号化された"))
    assert "ファイル暗号化の記述" in reasons
    assert "ランサムウェアへの言及（否定形）" in reasons
