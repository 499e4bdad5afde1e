from madoguchi.triage.engine.text import normalize, prepare, strip_boilerplate, wordish_tokens


def test_spelling_variants_are_folded():
    assert normalize(text="ウィルスに感染、個人情報が漏えいした") == "ウイルスに感染、個人情報が漏洩した"
    assert normalize(text="サーバが落ちた") == "サーバーが落ちた"


def test_long_vowel_is_not_doubled_when_already_present():
    assert normalize(text="サーバーとサーバ") == "サーバーとサーバー"


def test_half_width_katakana_and_full_width_latin_are_unified():
    assert normalize(text="ﾊﾟｿｺﾝがﾗﾝｻﾑ") == "pcがランサムウェア"
    assert normalize(text="ＶＰＮとＭＦＡ") == "vpnとmfa"


def test_words_outside_the_variant_list_are_untouched():
    assert normalize(text="データとメモリー") == "データとメモリー"
    assert normalize(text="wordpressのpwを変えた") == "wordpressのパスワードを変えた"


def test_greeting_and_signature_are_stripped_but_content_kept():
    mail = (
        "東京都中小企業サイバーセキュリティ相談窓口 御中\n"
        "いつもお世話になっております。\n"
        "株式会社サンプル商事 総務部の架空と申します。\n"
        "本日、ファイルサーバーが暗号化されました。どうすればよいでしょうか。\n"
        "よろしくお願いいたします。\n"
        "--\n"
        "株式会社サンプル商事 総務部\n"
        "架空 太郎\n"
        "TEL 03-0000-0000\n"
    )
    body = strip_boilerplate(text=normalize(text=mail))
    assert body == "本日、ファイルサーバーが暗号化されました。どうすればよいでしょうか。"


def test_trailing_signature_without_separator_is_stripped():
    mail = (
        "お世話になります。\nNASが起動しません。至急教えてください。\n"
        "有限会社テスト工務店\n見本 花子\nmihon@test.example.jp"
    )
    assert prepare(text=mail).body == "nasが起動しません。至急教えてください。"


def test_single_line_phone_memo_is_kept_whole():
    memo = "ｻｰﾊﾞ暗号化→ﾗﾝｻﾑﾉｰﾄあり ﾋﾞｯﾄｺｲﾝ要求"
    assert prepare(text=memo).body == "サーバー暗号化→ランサムウェアノートあり btc要求"


def test_wordish_tokens_split_scripts_and_add_kanji_bigrams():
    tokens = wordish_tokens("vpn装置の脆弱性情報")
    assert "vpn" in tokens
    assert "装置" in tokens
    assert "脆弱性情報" in tokens and "弱性" in tokens
