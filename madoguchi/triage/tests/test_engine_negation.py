import pytest

from madoguchi.triage.engine.rules import classify_context, find_hits
from madoguchi.triage.engine.text import prepare


def _context(text: str, cue: str) -> str:
    sentence = prepare(text=text).body
    start = sentence.index(cue)
    return classify_context(sentence=sentence, start=start, end=start + len(cue))


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("ﾗﾝｻﾑ画面は出ていない、HDDの赤ランプ点滅", "ランサムウェア", "negated"),
        ("身代金を要求するような画面も出ていません", "身代金", "negated"),
        ("不正アクセスを受けた形跡はありません", "不正アクセス", "negated"),
        ("攻撃ではなく同期の問題です", "攻撃", "negated"),
        ("暗号化されていないUSBメモリ", "暗号化され", "negated"),
        ("ファイルが暗号化されて開けない", "暗号化され", "asserted"),
        ("サイトが乗っ取られたのでしょうか", "乗っ取ら", "question"),
        ("HP真っ白、改ざん?昨日PHPを更新", "改ざん", "question"),
        ("ランサムウェアに感染したらどうすればいい", "ランサムウェア", "hypothetical"),
        ("NASだけだと一緒に暗号化されるって聞いた", "暗号化され", "hypothetical"),
        ("私個人のカードに身に覚えのない請求がありました", "個人", "asserted"),
        ("ウイルスに感染したかもしれない", "ウイルス", "asserted"),
        # 「かな」 inside 「届かない」 is not the question particle.
        ("代金を振り込んだのに届かない", "振り込んだ", "asserted"),
        ("もう乗っ取られたのかな", "乗っ取ら", "question"),
    ],
)
def test_context_of_a_cue(text, cue, expected):
    assert _context(text, cue) == expected


def test_assertion_wins_over_negation_in_the_same_sentence():
    body = prepare(text="拡張子の変更はないと思ったが拡張子が全部変わっていた").body
    hits = [hit for hit in find_hits(body=body) if hit.code == "encrypted"]
    assert [hit.context for hit in hits] == ["asserted"]


def test_negated_personal_cue_does_not_make_a_case_private():
    body = prepare(text="私物ではなく会社のノートPCで警告が出た").body
    personal = [hit for hit in find_hits(body=body) if hit.code == "personal"]
    assert [hit.context for hit in personal] == ["negated"]
