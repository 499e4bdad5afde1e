"""Every fixture, through the service and through the command, reads exactly as the sender's mail client showed it."""

from __future__ import annotations

import html

import pytest
from django.core.management import call_command

from madoguchi.intake.models import InboundMessage
from madoguchi.intake.services import mail as mail_intake
from madoguchi.intake.tests.conftest import EML_DIR, eml

# file -> (subject, sender name, sender address, text body): the strings the builder put into each mail.
EXPECTED = {
    "iso2022jp_outlook.eml": (
        "①㈱サンプル商事でウイルス感染の疑い（髙橋）",
        "髙橋 花子",
        "hanako.takahashi@sample-shoji.example.jp",
        "セキュリティ相談窓口 御中\n\n㈱サンプル商事の髙橋です。\n①社内のPC１台で警告画面が表示されました。\n"
        "②画面の「サポート№」に電話するよう表示されています。\n対応方法を教えてください～。\n\n髙橋 花子\n",
    ),
    "iso2022jp_halfwidth_kana.eml": (
        "ｾｷｭﾘﾃｨ資料送付のお願い",
        "試験 花子",
        "hanako.shiken@example.jp",
        "ｾｷｭﾘﾃｨ対策の資料をください。\nサンプル ｶｷ OK\n",
    ),
    "sjis_label_cp932_becky.eml": (
        "【２０２６－００１２３】ランサムウェア被害の件（続報）",
        "見本 ソラ",
        "sora.mihon@mihon-soft.example.jp",
        "ご担当者様\n\n㈲見本ソフト開発の見本です。\n髙橋部長と﨑山課長のPCが①ランサムウェアに感染しました。\n"
        "ファイル名の末尾が「.locked」～に変わっています。\n",
    ),
    "windows31j_label.eml": (
        "№12 不審なログインについて",
        "架空 太郎",
        "taro.kaku@test-kobo.example.jp",
        "№12 の件で連絡します。\n㈲テスト工房の架空です。\n不審なログインが３回ありました。\n",
    ),
    "eucjp_mutt.eml": (
        "①サーバーへの不審なアクセス",
        "試験 二郎",
        "jiro.shiken@example.jp",
        "窓口ご担当者様\n\n①サーバーのログに不審なアクセスがありました。\n時刻は 03:00～04:00 です。\n",
    ),
    "utf8_base64_gmail.eml": (
        "振込先変更の依頼メールについて",
        "架空 花子",
        "hanako.kaku.sample@gmail.example.com",
        "お世話になっております。\n取引先を名乗るメールで振込先の変更を依頼されました。\n本物かどうか確認する方法はありますか。\n",
    ),
    "utf8_qp_thunderbird.eml": (
        "無線LANのパスワード変更について",
        "見本 三郎",
        "saburo.mihon@sample-unyu.example.jp",
        "窓口の皆様\n\n社内の無線LANのパスワードを変更したいのですが、\nPlease see the log below for details.\n\n"
        "-- \n見本 三郎 / 株式会社サンプル運輸\n",
    ),
    "unknown_label.eml": (
        "文字コード不明の相談",
        "架空 太郎",
        "taro.kaku@example.jp",
        "㈱サンプル商事です。\nメールアカウントが乗っ取られたようです。\n",
    ),
    "wrong_label_latin1.eml": (
        "偽サイトにパスワードを入力しました",
        "架空 太郎",
        "taro.kaku@example.jp",
        "①偽のログイン画面にパスワードを入力してしまいました。\nどうすればよいですか。\n",
    ),
    "wrong_label_utf8.eml": (
        "USBメモリの紛失",
        "架空 太郎",
        "taro.kaku@example.jp",
        "顧客名簿の入ったUSBメモリを紛失しました。\n㈱サンプル商事 総務部\n",
    ),
    "raw8bit_header_cp932.eml": (
        "表計算ソフトのマクロ警告について",
        "見本 ソラ",
        "sora.mihon@example.jp",
        "表計算ソフトでマクロを有効にしてしまいました。\n",
    ),
    "raw8bit_header_utf8.eml": (
        "SMSで届いたURLを開いてしまった",
        "架空 次郎",
        "jiro.kaku@example.com",
        "宅配業者を名乗るSMSのURLを開いてしまいました。\n",
    ),
    "encoded_word_split.eml": (
        "取引先からの請求書メールに不審な添付ファイル",
        "試験 花子",
        "hanako.shiken@example.jp",
        "件名が長いメールです。\n",
    ),
    "rfc2231_filenames.eml": (
        "添付ファイル送付の件",
        "髙橋 花子",
        "hanako.takahashi@sample-shoji.example.jp",
        "添付ファイルをお送りします。\n",
    ),
    "html_only_script.eml": (
        "このメールは本物ですか（HTMLのみ）",
        "見本 四郎",
        "shiro.mihon@example.jp",
        "架空 太郎 様\n下記のリンクからアカウントを確認してください。\n"
        "https://www.example.jp/account (https://account-check.example.net/login?id=123)\n"
        "・期限：本日中\n・対象：全ユーザー & 管理者\n<重要> ①",
    ),
    "forwarded_phishing.eml": (
        "Fwd: 【重要】お客様の口座が凍結されました",
        "髙橋 花子",
        "hanako.takahashi@sample-shoji.example.jp",
        "不審なメールが届いたので転送します。\nリンクは開いていません。\n",
    ),
    "attachments_mixed.eml": (
        "届いた添付ファイルが怪しいです",
        "架空 太郎",
        "taro.kaku@example.jp",
        "画面のスクリーンショットです。",
    ),
    "outlook_suppress_human.eml": (
        "パスワードを使い回していた件の相談",
        "髙橋 花子",
        "hanako.takahashi@sample-shoji.example.jp",
        "複数のサービスで同じパスワードを使っていました。\n",
    ),
    "missing_date.eml": ("日付のないメール", "", "taro.kaku@example.jp", "複合機から送信しました。\n"),
    "missing_message_id.eml": (
        "Message-IDのないメール",
        "",
        "taro.kaku@example.jp",
        "古い業務システムからの送信です。\n",
    ),
    "thread_original.eml": (
        "不正アクセスの相談",
        "架空 太郎",
        "taro.kaku@example.jp",
        "管理画面に不正アクセスされた可能性があります。\n",
    ),
    "duplicate_first.eml": ("同じメールが二度届く件", "架空 太郎", "taro.kaku@example.jp", "同じ内容です。\n"),
}


def test_every_consultation_fixture_has_an_expectation():
    machine = {"autoreply_auto_submitted.eml", "out_of_office_x_autoreply.eml", "bounce_mailer_daemon.eml"}
    garbage = {"garbage_random.eml", "garbage_empty.eml", "garbage_no_from.eml"}
    others = {"duplicate_redelivered.eml", "thread_reply.eml", "over_limit_attachment.eml"}
    on_disk = {p.name for p in EML_DIR.glob("*.eml")}
    assert on_disk == set(EXPECTED) | machine | garbage | others


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_service_stores_the_text_the_sender_saw(name, desk_settings):
    subject, sender_name, sender_address, body = EXPECTED[name]
    result = mail_intake.ingest_raw(raw=eml(name), transport="upload")
    message = result.message
    assert (message.subject, message.from_name, message.from_address, message.text_body) == (
        subject,
        sender_name,
        sender_address,
        body,
    )
    assert result.outcome == mail_intake.IngestOutcome.NEW_CASE
    assert result.case.body == body
    assert result.case.subject == subject
    assert result.case.person.email == sender_address


@pytest.mark.django_db
def test_command_import_shows_the_same_text_in_the_staff_ui(desk_settings, tier1_staff, client_for, capsys):
    call_command("ingest_email", *[str(EML_DIR / name) for name in sorted(EXPECTED)])
    client = client_for(tier1_staff)
    for name, (subject, sender_name, sender_address, body) in EXPECTED.items():
        message = InboundMessage.objects.get(subject=subject)
        assert message.text_body == body, name
        page = client.get(f"/staff/intake/mail/{message.pk}/").content.decode()
        assert html.escape(subject) in page, name
        assert html.escape(sender_address) in page, name
        assert html.escape(sender_name) in page, name
        for line in body.splitlines():
            assert html.escape(line) in page, (name, line)
