from madoguchi.privacy.masking import PLACEHOLDERS, KnownEntities, MaskResult, Span, SpanType, apply_spans, mask_text


def test_interface_names_other_apps_import_still_work():
    result = mask_text("山田様 03-1234-5678", known=KnownEntities(people=("山田",)))
    assert isinstance(result, MaskResult)
    assert all(isinstance(s, Span) for s in result.spans)
    assert result.masked == apply_spans(result.original, result.spans)
    assert set(PLACEHOLDERS) == set(SpanType)


def test_span_type_values_are_the_jsonl_names():
    assert [t.value for t in SpanType] == [
        "person",
        "company",
        "phone",
        "email",
        "postal_code",
        "address",
        "url",
        "ip",
        "account",
        "card",
        "id",
    ]
