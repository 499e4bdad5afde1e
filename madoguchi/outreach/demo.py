"""Sample outreach data for `make run`: editions, requests in every status, seminars, visits, materials.

Everything here is fictional (example.jp addresses, made-up companies and people). Idempotent: nothing is added
when an edition exists already.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from reportlab.platypus import Paragraph

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Category
from madoguchi.cases.models import Case
from madoguchi.core.pdf import a4_document, base_style, markup
from madoguchi.outreach import services
from madoguchi.outreach.models import GuidebookEdition, RequestSource, RequestStatus, ShippingMethod

ORGS = [
    ("株式会社サンプル商事", "総務部", "架空 花子", "163-8001", "東京都", "新宿区西新宿2-8-1"),
    ("有限会社ダミー建設", "", "仮名 健太", "176-0001", "東京都", "練馬区練馬1-1-1"),
    ("合同会社テスト通販", "管理部", "見本 花子", "150-0001", "東京都", "渋谷区神宮前1-1-1"),
    ("株式会社モデル商事", "情報システム課", "例示 太郎", "100-0001", "東京都", "千代田区千代田1-1"),
    ("株式会社見本工業", "製造部", "架空 三郎", "144-0001", "東京都", "大田区羽田1-1-1"),
    ("一般社団法人サンプル商工会", "事務局", "見本 一子", "190-0001", "東京都", "立川市若葉町1-1"),
    ("株式会社ダミー運輸", "", "仮名 四郎", "330-0001", "埼玉県", "さいたま市浦和区高砂1-1-1"),
    ("株式会社テスト歯科", "", "例示 五月", "220-0001", "神奈川県", "横浜市西区北幸1-1-1"),
    ("サンプル税理士事務所", "", "架空 六郎", "060-0001", "北海道", "札幌市中央区北1条西1-1"),
    ("株式会社見本食品", "品質管理室", "見本 七海", "530-0001", "大阪府", "大阪市北区梅田1-1-1"),
]
# (status, copies, days ago) for 20 requests: every status, spread over the past year.
PLAN = [
    (RequestStatus.SHIPPED, 5, 330),
    (RequestStatus.SHIPPED, 10, 300),
    (RequestStatus.SHIPPED, 3, 270),
    (RequestStatus.SHIPPED, 20, 240),
    (RequestStatus.SHIPPED, 2, 210),
    (RequestStatus.SHIPPED, 8, 180),
    (RequestStatus.CANCELLED, 5, 170),
    (RequestStatus.SHIPPED, 15, 150),
    (RequestStatus.SHIPPED, 4, 120),
    (RequestStatus.SHIPPED, 6, 90),
    (RequestStatus.SHIPPED, 12, 60),
    (RequestStatus.CANCELLED, 1, 45),
    (RequestStatus.SHIPPED, 5, 30),
    (RequestStatus.SHIPPED, 3, 20),
    (RequestStatus.PREPARING, 10, 6),
    (RequestStatus.PREPARING, 2, 5),
    (RequestStatus.PREPARING, 5, 4),
    (RequestStatus.RECEIVED, 1, 2),
    (RequestStatus.RECEIVED, 8, 1),
    (RequestStatus.RECEIVED, 3, 0),
]


def _pdf(title: str, lines: list[str]) -> bytes:
    buffer = io.BytesIO()
    doc = a4_document(buffer, title=title)
    doc.build([Paragraph(markup(line), base_style(size=12, leading=18)) for line in [title, *lines]])
    return buffer.getvalue()


def _requests(*, front: User, editions: list[GuidebookEdition], now: dt.datetime) -> None:
    for i, (status, copies, days) in enumerate(PLAN):
        org, dept, person, postal, prefecture, address = ORGS[i % len(ORGS)]
        received = now - dt.timedelta(days=days, hours=i)
        request = services.guidebook_request_create(
            actor=None if i % 2 else front,
            source=RequestSource.PUBLIC_FORM if i % 2 else RequestSource.STAFF,
            data=services.RequestData(
                edition=editions[0] if days < 240 else editions[1],
                copies=copies,
                organization=org,
                department=dept,
                person_name=person,
                postal_code=postal,
                prefecture=prefecture,
                address=address,
                phone=f"03-0000-{2000 + i:04d}",
                email=f"guidebook{i:02d}@sample.example.jp",
                purpose="社内研修で配布するため" if i % 3 else "取引先への啓発に使うため",
            ),
            received_at=received,
        )
        if status in {RequestStatus.PREPARING, RequestStatus.SHIPPED}:
            services.guidebook_request_transition(actor=front, request=request, to=RequestStatus.PREPARING)
        if status == RequestStatus.SHIPPED:
            services.guidebook_request_transition(
                actor=front,
                request=request,
                to=RequestStatus.SHIPPED,
                shipped_on=timezone.localtime(received).date() + dt.timedelta(days=2),
                shipping_method=ShippingMethod.POST if copies < 10 else ShippingMethod.COURIER,
            )
        if status == RequestStatus.CANCELLED:
            services.guidebook_request_transition(
                actor=front, request=request, to=RequestStatus.CANCELLED, note="重複した申込みのため"
            )


def seed(*, users: dict[str, User]) -> None:
    if GuidebookEdition.objects.exists():
        return
    front, back = users[Role.FRONT], users[Role.BACK]
    now = timezone.now()
    current = services.edition_create(
        actor=back,
        name="2026年度版 中小企業のためのサイバーセキュリティ対策ガイドブック",
        published_on=dt.date(2026, 4, 1),
        stock=400,
        low_stock_threshold=50,
    )
    previous = services.edition_create(
        actor=back,
        name="2025年度版 中小企業のためのサイバーセキュリティ対策ガイドブック",
        published_on=dt.date(2025, 4, 1),
        stock=60,
        low_stock_threshold=30,
    )
    _requests(front=front, editions=[current, previous], now=now)
    # The sample phone consultation asking for 5 copies becomes a request through the case action's service.
    asked = Case.objects.filter(category=Category.GUIDEBOOK_REQUEST).order_by("id").first()
    if asked is not None and asked.organization is not None and asked.person is not None:
        services.guidebook_request_create(
            actor=front,
            source=RequestSource.CASE,
            case=asked,
            data=services.RequestData(
                edition=current,
                copies=5,
                organization=asked.organization.name,
                person_name=asked.person.name,
                postal_code="160-0022",
                prefecture="東京都",
                address="新宿区新宿1-1-1",
                phone=asked.person.phone,
                email=asked.person.email,
                purpose="社内研修",
            ),
        )

    deck = services.material_create(
        actor=back,
        title="中小企業のための情報セキュリティ基本対策（マスタースライド）",
        kind="pdf",
        filename="basic-measures-v1.pdf",
        tags="基本対策,セミナー",
        data=_pdf(
            "情報セキュリティ基本対策", ["1. OSとソフトウェアを最新に", "2. ウイルス対策ソフト", "3. パスワードの強化"]
        ),
        change_note="初版",
    )
    v1 = deck.versions.get()
    v2 = services.material_version_add(
        actor=back,
        material=deck,
        filename="basic-measures-v2.pdf",
        data=_pdf(
            "情報セキュリティ基本対策（改訂）", ["1. OSとソフトウェアを最新に", "2. 多要素認証", "3. バックアップ"]
        ),
        change_note="多要素認証とバックアップの頁を追加、統計を2026年版に更新",
    )
    notes = services.material_create(
        actor=back,
        title="ランサムウェア対策 解説文",
        kind="markdown",
        filename="ransomware-notes.md",
        tags="ランサムウェア,解説",
        data="# ランサムウェア対策\n\nバックアップは3-2-1で。\n".encode(),
        change_note="初版",
    )
    services.material_version_add(
        actor=back,
        material=notes,
        filename="ransomware-notes.md",
        data="# ランサムウェア対策\n\nバックアップは3-2-1で。オフラインの1部を必ず。\n".encode(),
        change_note="オフラインバックアップの説明を追記",
    )

    def at(days: int, hour: int) -> dt.datetime:
        day = timezone.localtime(now - dt.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
        return day

    seminars = [
        ("はじめての情報セキュリティ対策セミナー", 200, "都内中小企業会館 大会議室", False, 48, (25, 15, 3, 1), [v1]),
        ("ランサムウェアから会社を守る", 120, "", True, 132, (60, 41, 8, 2), [v1]),
        ("取引先を装うメール詐欺の手口と対策", 40, "サンプル商工会 会議室", False, 35, (20, 9, 2, 0), [v2]),
    ]
    for topic, days, venue, online, participants, (s1, s2, s3, s4), versions in seminars:
        services.seminar_create(
            actor=back,
            data=services.EventData(
                topic=topic,
                starts_at=at(days, 14),
                ends_at=at(days, 16),
                venue=venue,
                online=online,
                organiser="当窓口",
                co_organisers="一般社団法人サンプル商工会" if not online else "",
                speakers="二次 次郎",
                participants=participants,
                satisfied=s1,
                rather_satisfied=s2,
                rather_dissatisfied=s3,
                dissatisfied=s4,
            ),
            material_versions=versions,
        )
    visits = [
        ("株式会社見本工業", "工場ネットワークの分離について", "生産設備のPCが事務所LANと同じネットワークにある。", 75),
        ("株式会社テスト歯科", "電子カルテのバックアップ", "電子カルテのバックアップを院内のNASだけに取っている。", 15),
    ]
    for org, subject, body, days in visits:
        visit = services.onsite_visit_record(
            actor=back,
            data=services.EventData(
                topic=f"出張相談: {subject}",
                starts_at=at(days, 10),
                ends_at=at(days, 11),
                venue=f"{org} 本社",
                organiser="当窓口",
                speakers="二次 次郎",
                participants=3,
            ),
            consultation=services.VisitConsultation(subject=subject, body=body, org_name=org),
            material_versions=[v2],
        )
        # Advice was given on the spot: the visit's consultation is closed, not waiting in the tier-1 queue.
        if visit.case is not None:
            case_services.case_close(
                actor=back,
                case=visit.case,
                expected_version=visit.case.version,
                resolution="訪問時に個別助言を行い完了",
            )
