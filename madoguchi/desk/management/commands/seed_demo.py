"""Demo staff accounts and sample consultations for a local trial. Everything here is fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from madoguchi.accounts.models import SecurityPolicy, User
from madoguchi.accounts.roles import Role
from madoguchi.casebook import demo as casebook_demo
from madoguchi.cases import demo_history, services
from madoguchi.cases.choices import Category, Channel, Urgency
from madoguchi.cases.models import Case
from madoguchi.knowledge import faq_demo
from madoguchi.outreach import demo as outreach_demo

DEMO_USERS = [
    ("front1", "demo-front-2026!", Role.FRONT, "一次 花子"),
    ("back1", "demo-back-2026!", Role.BACK, "二次 次郎"),
    ("manager1", "demo-manager-2026!", Role.MANAGER, "課長 三郎"),
    ("admin1", "demo-admin-2026!", Role.ADMIN, "管理 四郎"),
]

SAMPLES: list[dict[str, Any]] = [
    {
        "channel": Channel.PHONE,
        "subject": "PCの画面に英語の脅迫文、ファイルが開けない",
        "body": "朝出社したら経理のPC2台でファイルの拡張子が全部変わっていて開けない。画面に英語で"
        "「データを返してほしければ連絡しろ」と出ている。NASのファイルも開けないものがある。どうすればいいか。",
        "org": ("株式会社サンプル精機", "E", "21-50", "大田区"),
        "person": ("架空 一郎", "総務部長", "03-0000-1201", "ichiro@sample-seiki.example.jp"),
        "category": Category.URGENT_BREACH,
        "urgency": Urgency.CRITICAL,
        "police": True,
        "dispatch": True,
    },
    {
        "channel": Channel.EMAIL,
        "subject": "顧客情報が流出したかもしれません",
        "body": "お世話になっております。弊社ECサイトのお客様から、購入後に不審なメールが届くようになったとの"
        "問い合わせが3件ありました。会員情報が漏れている可能性があるか調べたいのですが、"
        "どこに報告が必要でしょうか。ご教示ください。",
        "org": ("合同会社テスト通販", "I", "6-20", "渋谷区"),
        "person": ("見本 花子", "代表社員", "03-0000-1302", "hanako@test-tsuhan.example.jp"),
        "category": Category.URGENT_BREACH,
        "urgency": Urgency.HIGH,
        "police": False,
        "dispatch": True,
        "aware_days_ago": 2,
    },
    {
        "channel": Channel.WEB,
        "subject": "取引先を名乗るメールで振込先変更の依頼",
        "body": "取引先の担当者名で「振込口座が変わった」とのメールが来て、昨日120万円を振り込んでしまいました。"
        "先方に電話で確認したところ、そのようなメールは送っていないとのことです。",
        "org": ("有限会社ダミー建設", "D", "6-20", "練馬区"),
        "person": ("仮名 健太", "経理担当", "090-0000-1403", "kenta@dummy-kensetsu.example.jp"),
        "category": Category.CRIME,
        "urgency": Urgency.CRITICAL,
        "police": True,
        "dispatch": True,
    },
    {
        "channel": Channel.PHONE,
        "subject": "従業員が退職時に顧客リストを持ち出した疑い",
        "body": "先月退職した営業社員が顧客リストをUSBで持ち出したらしい。法的に何ができるか相談したい。",
        "org": ("株式会社モデル商事", "I", "51-100", "千代田区"),
        "person": ("例示 太郎", "取締役", "03-0000-1504", ""),
        "category": Category.LEGAL,
        "urgency": Urgency.NORMAL,
        "police": False,
        "dispatch": True,
    },
    {
        "channel": Channel.PHONE,
        "subject": "ガイドブックを5部送ってほしい",
        "body": "社内研修で使うのでサイバーセキュリティ対策のガイドブックを5部郵送してほしい。",
        "org": ("株式会社サンプル印刷", "E", "21-50", "新宿区"),
        "person": ("架空 次郎", "総務", "03-0000-1605", "jiro@sample-insatsu.example.jp"),
        "category": Category.GUIDEBOOK_REQUEST,
        "urgency": Urgency.LOW,
        "police": False,
        "close": "郵送手配済み（5部）。",
    },
    {
        "channel": Channel.WALKIN,
        "subject": "UTMの導入を検討している",
        "body": "来訪。従業員15名の事務所。UTMを入れるべきか、まず何から始めるべきか相談したい。",
        "org": ("見本会計事務所", "L", "6-20", "八王子市"),
        "person": ("見本 三郎", "所長", "042-000-1706", "saburo@mihon-kaikei.example.jp"),
        "category": Category.PREVENTION,
        "urgency": Urgency.NORMAL,
        "police": False,
    },
    {
        "channel": Channel.PHONE,
        "subject": "社内サーバーに全員アクセスできない",
        "body": "10時ごろからファイルサーバーに誰もつながらない。ランサムの画面などは出ていない。"
        "保守業者に連絡がつかない。",
        "org": ("株式会社テスト製作所", "E", "21-50", "八王子市"),
        "person": ("試験 四郎", "情報システム担当", "042-000-1807", ""),
        "category": "",
        "urgency": Urgency.HIGH,
        "police": False,
        "callback_in_minutes": 30,
    },
]


class Command(BaseCommand):
    help = "Create demo staff (one per role) and sample consultations. For local trials only."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            users: dict[str, User] = {}
            for username, password, role, name in DEMO_USERS:
                user, created = User.objects.get_or_create(
                    username=username, defaults={"role": role, "display_name": name}
                )
                if created:
                    user.set_password(password)
                    user.save()
                users[role] = user
            # The demo is for trying the desk out: second factor optional (production keeps the default: all roles).
            policy = SecurityPolicy.current()
            policy.require_2fa_roles = []
            policy.save()
            if Case.objects.exists():
                self.stdout.write("sample consultations exist already; none added")
            else:
                self._samples(users)
            demo_history.seed(front=users[Role.FRONT], back=users[Role.BACK])
            call_command("seed_archive_demo", stdout=self.stdout)  # knowledge's sample archive (cases imports no app)
            faq_demo.seed(users=users)
            outreach_demo.seed(users=users)
            casebook_demo.seed(front=users[Role.FRONT], writer=users[Role.BACK], reviewer=users[Role.MANAGER])
        self.stdout.write("")
        self.stdout.write("DEMO ONLY - do not use these accounts in production (2FA is optional in the demo):")
        for username, password, role, _name in DEMO_USERS:
            self.stdout.write(f"  {role.label}: {username} / {password}")

    def _samples(self, users: dict[str, User]) -> None:
        front, back, manager = users[Role.FRONT], users[Role.BACK], users[Role.MANAGER]
        now = timezone.now()
        for i, s in enumerate(SAMPLES):
            org_name, industry, band, city = s["org"]
            name, role_title, phone, email = s["person"]
            case = services.case_create(
                actor=front,
                channel=s["channel"],
                received_at=now - dt.timedelta(hours=6 - i),
                subject=s["subject"],
                body=s["body"],
                organization=services.OrganizationData(
                    name=org_name, industry=industry, employee_band=band, prefecture="東京都", municipality=city
                ),
                person=services.PersonData(name=name, role_title=role_title, phone=phone, email=email),
                category=s["category"],
                urgency=s["urgency"],
                police_referral=s["police"],
                responder=front if s["channel"] == Channel.WALKIN else None,
                scribe=back if s["channel"] == Channel.WALKIN else None,
            )
            if s.get("aware_days_ago"):
                case = services.case_update_intake(
                    actor=front,
                    case=case,
                    expected_version=case.version,
                    aware_at=now - dt.timedelta(days=s["aware_days_ago"]),
                )
            if s.get("dispatch"):
                case = services.case_dispatch(
                    actor=front,
                    case=case,
                    expected_version=case.version,
                    category=s["category"],
                    urgency=s["urgency"],
                    police_referral=s["police"],
                    assignee=None,
                    note="至急対応をお願いします。" if s["urgency"] >= Urgency.HIGH else "",
                )
                if i in (1, 3):
                    services.case_take(actor=back if i == 1 else manager, case=case)
            if s.get("close"):
                services.case_answer_at_front_and_close(
                    actor=front, case=case, expected_version=case.version, answer=s["close"]
                )
            if s.get("callback_in_minutes"):
                services.case_hold_for_callback(
                    actor=front,
                    case=case,
                    phone=phone,
                    due_at=now + dt.timedelta(minutes=s["callback_in_minutes"]),
                    note="保守業者と連絡がついたら折り返す約束",
                )
