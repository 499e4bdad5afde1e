"""Sample casebook data for `make run` (fictional): one published case study, proposals, know-how reports."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from madoguchi.accounts.models import User
from madoguchi.casebook import services
from madoguchi.casebook.masking import prefill
from madoguchi.casebook.models import CaseStudy, KnowhowKind, KnowhowReport, RevisionProposal
from madoguchi.casebook.sections import sections
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Category, Channel, Urgency


def seed(*, front: User, writer: User, reviewer: User) -> None:
    """Idempotent: each part is added only when its table is empty."""
    if not CaseStudy.objects.exists():
        _case_study(front=front, writer=writer, reviewer=reviewer)
    mission_list = list(sections())
    if not RevisionProposal.objects.exists() and len(mission_list) >= 2:
        services.proposal_create(
            actor=writer,
            section=mission_list[1],
            text=services.ProposalText(
                title="偽のセキュリティ警告（サポート詐欺）の事例を追加する",
                change="遠隔操作ソフトを入れさせる手口と、入れてしまった後の対応を加える。",
                reason="窓口への相談が続いている（架空の見本データ）。",
                source_urls=("https://support-scam.example.jp/report",),
            ),
        )
        services.proposal_create(
            actor=writer,
            section=mission_list[-1],
            text=services.ProposalText(
                title="NIST CSF 2.0 の「統治」に触れる",
                change="経営者の役割の節に、CSF 2.0 で加わった GOVERN の考え方を一段落加える。",
                reason="CSF 2.0 で「統治」の機能が加わった（架空の見本データ）。",
                source_urls=("https://csf.example.jp/2.0",),
            ),
        )
    if not KnowhowReport.objects.exists():
        today = timezone.localdate()
        services.knowhow_create(
            actor=writer,
            kind=KnowhowKind.SEMINAR,
            title="ランサムウェア被害の初動セミナー（架空）",
            held_on=today.replace(day=1),
            counterpart="架空セキュリティ協会",
            body="バックアップの世代管理と、被害時に電源を切らずネットワークから外す判断の説明が分かりやすかった。",
        )
        services.knowhow_create(
            actor=front,
            kind=KnowhowKind.EXCHANGE,
            title="関係機関との意見交換（架空）",
            held_on=today.replace(day=1) - dt.timedelta(days=10),
            counterpart="架空の支援機関",
            body="紹介の際に相談者へ伝えてほしい事項（被害の日時、画面の写真）を確認した。",
        )


def _case_study(*, front: User, writer: User, reviewer: User) -> None:
    case = case_services.case_create(
        actor=front,
        channel=Channel.PHONE,
        subject="画面に警告が出て電話をかけてしまった",
        body="株式会社見本雑貨の見本次郎です。PCに「ウイルスに感染しました」と警告が出て、表示された番号 "
        "050-0000-9999 に電話したら遠隔操作ソフトを入れるよう言われ、入れてしまいました。",
        category="",
        urgency=Urgency.HIGH,
        received_at=timezone.now() - dt.timedelta(days=20),
        organization=case_services.OrganizationData(
            name="株式会社見本雑貨", prefecture="東京都", municipality="台東区"
        ),
        person=case_services.PersonData(name="見本 次郎", phone="03-0000-7777", email="jiro@mihon-zakka.example.jp"),
    )
    case = case_services.case_triage(
        actor=front,
        case=case,
        expected_version=case.version,
        category=Category.PREVENTION,
        urgency=Urgency.HIGH,
        police_referral=False,
    )
    case = case_services.case_answer_at_front_and_close(
        actor=front,
        case=case,
        expected_version=case.version,
        answer="ネットワークから外し、遠隔操作ソフトを削除してウイルス対策ソフトで全体をスキャンするよう案内した。",
    )
    masked = prefill(case)
    study = services.case_study_create(
        actor=writer,
        case=case,
        text=services.CaseStudyText(
            title="偽の警告画面から遠隔操作ソフトを入れてしまった",
            situation=masked["situation"].masked,
            company_actions=masked["company_actions"].masked,
            desk_advice="警告画面は閉じれば消える偽物であること、遠隔操作を許した後はネットワークから外して確認することを助言した。",
            lessons="画面に表示された電話番号には電話しない。社内で相談する先を決めておく。",
            term_ids=tuple(t.pk for t in list(sections())[:1]),
        ),
    )
    study = services.case_study_submit(actor=writer, study=study, expected_version=study.version)
    services.case_study_publish(actor=reviewer, study=study, expected_version=study.version)
