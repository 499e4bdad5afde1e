import pytest

from madoguchi.privacy.evaluate import evaluate, format_report, write_block
from madoguchi.privacy.masking import MaskResult, Span, SpanType

TEXT = "山田様の電話は03-1234-5678、株式会社ABCの佐藤。IPAに相談。"
ITEMS = [
    {
        "id": "h1",
        "text": TEXT,
        "entities": [
            {"text": "山田", "type": "person"},
            {"text": "03-1234-5678", "type": "phone"},
            {"text": "株式会社ABC", "type": "company"},
            {"text": "佐藤", "type": "person"},
        ],
        "must_keep": ["IPA", "電話"],
    }
]


def fixed(spans):
    """A masker that returns the given (start, end, type) spans whatever the text."""

    def run(text):
        return MaskResult(original=text, spans=tuple(Span(a, b, t, text[a:b]) for a, b, t in spans))

    return run


def test_recall_keep_share_and_precision_on_a_hand_counted_item():
    # 山田 (0-2) masked with its honorific; phone masked; only "ABC" of the company (form may stay);
    # 佐藤 missed; "電話" (3-5) wrongly masked; one span on nothing labelled.
    spans = [
        (0, 3, SpanType.PERSON),
        (4, 6, SpanType.PERSON),
        (7, 19, SpanType.PHONE),
        (24, 27, SpanType.COMPANY),
    ]
    assert TEXT[24:27] == "ABC"
    m = evaluate(ITEMS, masker=fixed(spans))
    assert m.recall("person") == pytest.approx(0.5)
    assert m.recall("phone") == 1.0
    assert m.recall("company") == 1.0
    assert (m.kept, m.must_keep) == (1, 2)
    assert [row["text"] for row in m.lost] == ["電話"]
    assert (m.spans_on_entities, m.spans) == (3, 4)
    assert m.misses == [{"id": "h1", "type": "person", "text": "佐藤"}]


def test_partly_masked_entity_is_a_miss():
    m = evaluate(ITEMS, masker=fixed([(7, 14, SpanType.PHONE)]))
    assert m.recall("phone") == 0.0


def test_every_occurrence_of_an_entity_must_be_masked():
    item = {"id": "x", "text": "田中と田中", "entities": [{"text": "田中", "type": "person"}], "must_keep": []}
    assert evaluate([item], masker=fixed([(0, 2, SpanType.PERSON)])).recall("person") == 0.0
    assert evaluate([item], masker=fixed([(0, 2, SpanType.PERSON), (3, 5, SpanType.PERSON)])).recall("person") == 1.0


def test_must_keep_inside_an_entity_is_not_counted():
    item = {
        "id": "y",
        "text": "東京都港区芝公園1-2-3と東京都",
        "entities": [{"text": "東京都港区芝公園1-2-3", "type": "address"}],
        "must_keep": ["東京都"],
    }
    m = evaluate([item], masker=fixed([(0, 13, SpanType.ADDRESS)]))
    assert (m.kept, m.must_keep) == (1, 1)


def test_report_marks_missed_targets_and_docs_block_is_replaced(tmp_path):
    m = evaluate(ITEMS, masker=fixed([(0, 2, SpanType.PERSON)]))
    report = format_report(m, title="hand")
    assert "| person | 2 | 1 | 0.500 | 0.95 | **no** |" in report
    assert "| phone | 1 | 0 | 0.000 | 1.00 | **no** |" in report
    doc = tmp_path / "masking.md"
    doc.write_text("# Masking\n\n<!-- figures:x -->\nold\n<!-- /figures:x -->\nafter\n", encoding="utf-8")
    write_block(doc, "x", "new")
    assert doc.read_text(encoding="utf-8") == "# Masking\n\n<!-- figures:x -->\nnew\n<!-- /figures:x -->\nafter\n"


def test_slice_option_evaluates_part_of_the_file(tmp_path, capsys):
    import json

    from madoguchi.privacy.evaluate import main

    src = tmp_path / "set.jsonl"
    rows = [
        {"id": "a", "text": "山田様", "entities": [{"text": "山田", "type": "person"}], "must_keep": []},
        {"id": "b", "text": "03-1234-5678", "entities": [{"text": "03-1234-5678", "type": "phone"}], "must_keep": []},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    main([str(src), "--slice", "1:", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["items"] == 1
    assert out["entities"] == {"phone": 1}
