import pytest

from madoguchi.privacy.tests._helpers import masked, masked_types


@pytest.mark.parametrize(
    "text, handle",
    [
        ("相手のアカウントは @hoshi_kuzu_99 です", "@hoshi_kuzu_99"),
        ("インスタの @cafe.sample_tokyo が乗っ取られた", "@cafe.sample_tokyo"),
        ("ゲームのフレンド名 neko_master_01 から連絡", "neko_master_01"),
        ("IG: sample_cafe_tokyo で告知", "sample_cafe_tokyo"),
    ],
)
def test_social_media_and_game_handles_are_accounts(text, handle):
    assert masked_types(text).get(handle) == "account"


def test_a_handle_after_an_id_label_stays_an_id():
    assert masked_types("ログインIDは kimura_t22 です").get("kimura_t22") == "id"


def test_an_underscore_word_without_handle_context_stays():
    text = "ファイル名は report_final_v2 でした"
    assert masked(text) == text


@pytest.mark.parametrize(
    "text, value",
    [
        ("不審な端末 MAC 02:00:5E:AB:CD:01 を検知", "02:00:5E:AB:CD:01"),
        ("MACアドレス 02-11-22-33-44-55", "02-11-22-33-44-55"),
        ("受付番号は R-2025-01234 です", "R-2025-01234"),
    ],
)
def test_mac_addresses_and_coded_ids_are_ids(text, value):
    assert masked_types(text).get(value) == "id"


@pytest.mark.parametrize("text", ["CVE-2024-3400 の修正", "KB5034441 と JVNDB-2024-001234 を確認"])
def test_public_identifiers_stay(text):
    assert masked(text) == text
