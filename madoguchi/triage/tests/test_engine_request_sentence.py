from madoguchi.triage.engine.text import prepare, request_sentences


def test_request_is_taken_from_the_end_of_a_long_mail():
    mail = (
        "お世話になっております。\n"
        "当社は社員20名の印刷会社です。昨年から在宅勤務を始めました。\n"
        "先日、取引先がランサムウェアの被害に遭ったと聞きました。\n"
        "当社として何から始めればよいか、ご教示ください。\n"
        "よろしくお願いいたします。"
    )
    assert prepare(text=mail).request == "当社として何から始めればよいか、ご教示ください。"


def test_requests_inside_quotes_are_not_the_consulters_request():
    text = "社長を名乗る「至急送金してほしい」というメールが届きました。警察に届けるべきでしょうか。"
    assert request_sentences(text=text) == ["警察に届けるべきでしょうか。"]


def test_memo_without_an_explicit_request_falls_back_to_the_last_sentence():
    assert request_sentences(text="nasが起動しない。ピーピー鳴ってる") == ["ピーピー鳴ってる"]


def test_at_most_three_request_sentences_are_kept():
    text = "教えてください。どうすればよいですか。可能ですか。ご教示ください。"
    assert request_sentences(text=text) == ["どうすればよいですか。", "可能ですか。", "ご教示ください。"]
