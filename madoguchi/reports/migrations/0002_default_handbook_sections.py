"""The handbook's procedural sections, with a first text managers then edit (their edits are new revisions)."""

from django.db import migrations
from django.utils import timezone

SECTIONS = [
    (
        "workflow",
        "相談対応の流れ",
        10,
        "相談は一次対応（受付）で内容を聞き取り、相談区分と緊急度を決めます。一次対応で回答できるもの（啓発・"
        "ガイドブック送付・セキュリティ関連外）は一次対応が回答して完了します。それ以外は二次対応へ回付し、二次対応が"
        "調査・回答案の作成・送付を行います。管理職の承認が必要な案件は、送付の前に承認を受けます。",
    ),
    (
        "dispatch",
        "回付の基準",
        20,
        "侵害発生・システム障害・法律違反の可能性・法律相談・事前予防対策は二次対応へ回付します。"
        "緊急の相談は受付後ただちに回付し、回付メモに聞き取った事実と相談者の希望を書きます。",
    ),
    (
        "answer_structure",
        "回答の構成",
        30,
        "回答は必ず ① 具体的な対策 と ② 相談・届出先 の二部で構成します。② には紹介先機関の情報を確認した日付を付けます。",
    ),
    (
        "phone",
        "電話での受付",
        40,
        "名乗り、相談者の組織名・氏名・連絡先を確認してから内容を聞き取ります。折り返しを約束したときは期限を登録します。",
    ),
    (
        "web",
        "Webフォームでの受付",
        50,
        "Webフォームの相談は受付番号が自動で付き、受付の自動返信が送られます。緊急の記載があるものから確認します。",
    ),
    (
        "email",
        "メールでの受付",
        60,
        "受信メールは自動で案件に取り込まれます。隔離されたメールは内容を確認し、案件にするか破棄するかを決めます。",
    ),
    (
        "counter",
        "来訪（窓口）での受付",
        70,
        "来訪の相談は相談対応者と書記役の二名で対応し、書記役が記録します。持参された資料は受け取らず、内容を記録します。",
    ),
]


def create(apps, schema_editor):
    Section = apps.get_model("reports", "HandbookSection")
    Revision = apps.get_model("reports", "HandbookRevision")
    for key, title, order, body in SECTIONS:
        section, created = Section.objects.get_or_create(key=key, defaults={"title": title, "order": order})
        if created:
            Revision.objects.create(
                section=section, number=1, body=body, note="初版", author=None, created_at=timezone.now()
            )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
