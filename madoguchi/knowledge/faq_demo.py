"""Sample FAQ entries (internal and public) and useful links for `make run`. Everything here is fictional.

Called once from seed_demo; does nothing when FAQ entries exist. Classification terms and directory entries are
used when the reference data is loaded (load_reference_data), skipped otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Role
from madoguchi.knowledge import faq_services
from madoguchi.knowledge.faq_services import FaqContent
from madoguchi.knowledge.models import FaqEntry, UsefulLink
from madoguchi.referrals.models import ReferralOrganization
from madoguchi.taxonomy.models import Term

ENTRIES: list[dict[str, Any]] = [
    {
        "title": "全部のサービスで同じパスワードを使っていますが、危ないですか",
        "questions": [
            "社内のメールもネットバンキングも同じパスワードです。変えた方がよいですか。",
            "パスワードを覚えきれないので使い回しています。どうすればよいですか。",
        ],
        "measures": "一つのサービスから漏れたパスワードで、他のサービスにも不正にログインされるおそれがあります。"
        "サービスごとに別の、長く推測されにくいパスワードにし、覚えきれない場合はパスワード管理ツールを使ってください。"
        "ネットバンキングや管理者アカウントには多要素認証を設定してください。",
        "keywords": ["パスワード", "使い回し", "多要素認証"],
        "terms": [("tokyo_guidebook", "mission2_5")],
        "referrals": ["ipa_anshin"],
        "visibility": "public",
        "publish": True,
    },
    {
        "title": "取引先から「振込先が変わった」とメールが来ました",
        "questions": ["いつもの取引先の担当者名で、振込口座の変更を知らせるメールが届きました。"],
        "measures": "メールに書かれた連絡先ではなく、以前から知っている電話番号などで取引先に直接確認してください。"
        "すでに振り込んでしまった場合は、すぐに振込先の金融機関と警察に相談してください。",
        "keywords": ["ビジネスメール詐欺", "BEC", "振込"],
        "terms": [("tokyo_guidebook", "mission1_15")],
        "referrals": ["police_consultation_9110"],
        "visibility": "public",
        "publish": True,
    },
    {
        "title": "ウイルスに感染したかもしれません。まず何をすればよいですか",
        "questions": ["パソコンの動きがおかしく、知らないポップアップが出ます。ウイルスでしょうか。"],
        "measures": "まずLANケーブルを抜く、Wi-Fiを切るなどしてネットワークから切り離し、"
        "電源は切らずにそのままにしてください。"
        "いつから何が起きているかをメモし、社内の担当者や取引のある保守業者に連絡してください。",
        "keywords": ["ウイルス", "マルウェア", "感染", "初動"],
        "terms": [("tokyo_guidebook", "mission2_2"), ("ipa_kokokara", "accident")],
        "referrals": ["ipa_anshin"],
        "visibility": "public",
        "publish": True,
    },
    {
        "title": "ランサムウェアの被害を受けたときの窓口内の確認事項",
        "questions": ["ファイルが暗号化され、脅迫文が表示されたと電話がありました。"],
        "measures": "ネットワークから切り離してもらい、電源は切らないよう伝える。バックアップの有無、"
        "影響範囲、個人情報の有無を確認し、事故対応フローを開始する。",
        "keywords": ["ランサムウェア", "初動"],
        "terms": [("ipa_kokokara", "accident")],
        "referrals": [],
        "visibility": "internal",
        "publish": True,
    },
]

LINKS = [
    {
        "title": "見本機構「はじめてのセキュリティ対策」（架空の資料）",
        "url": "https://example.jp/first-steps",
        "publisher": "見本機構（架空）",
        "summary": "従業員数名の会社がまず取り組む5つの対策を、チェックリストでまとめた資料です。",
    },
    {
        "title": "見本商工会「取引先を装うメールに注意」（架空の資料）",
        "url": "https://example.com/bec-alert",
        "publisher": "見本商工会（架空）",
        "summary": "振込先の変更を求めるメールの見分け方と、確認の手順を紹介しています。",
    },
]


def seed(*, users: dict[str, User]) -> None:
    if FaqEntry.objects.exists():
        return
    writer, reviewer = users[Role.BACK], users[Role.MANAGER]
    for entry in ENTRIES:
        terms = [t for scheme, code in entry["terms"] for t in Term.objects.filter(scheme__code=scheme, code=code)]
        content = FaqContent(
            title=entry["title"],
            questions=entry["questions"],
            measures=entry["measures"],
            keywords=entry["keywords"],
            visibility=entry["visibility"],
            terms=terms,
            referrals=list(ReferralOrganization.objects.filter(code__in=entry["referrals"])),
        )
        faq = faq_services.faq_create(actor=writer, content=content)
        if entry["publish"]:
            faq = faq_services.faq_transition(actor=writer, faq=faq, expected_version=faq.version, to="in_review")
            faq_services.faq_transition(actor=reviewer, faq=faq, expected_version=faq.version, to="published")
    if not UsefulLink.objects.exists():
        for order, link in enumerate(LINKS, start=1):
            faq_services.useful_link_save(
                actor=writer,
                link=None,
                title=link["title"],
                url=link["url"],
                publisher=link["publisher"],
                summary=link["summary"],
                checked_on=dt.date(2026, 12, 1),
                published=True,
                order=order,
            )
