"""Shared set-up for the casebook tests: a closed consultation and a small fictional guidebook scheme."""

from __future__ import annotations

import datetime as dt

from madoguchi.accounts.models import User
from madoguchi.cases import services as case_services
from madoguchi.cases.choices import Category, Urgency
from madoguchi.cases.models import Case
from madoguchi.referrals.models import LawEntry
from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.testing.factories import make_case

BODY = (
    "株式会社サンプル商事の架空太郎です。経理の架空花子が取引先を装ったメールの添付を開きました。"
    "連絡は 03-0000-0000 か taro@sample-shoji.example.jp までお願いします。"
)


def closed_case(*, tier1: User, **kwargs: object) -> Case:
    case = make_case(actor=tier1, body=BODY, **kwargs)  # type: ignore[arg-type]
    case = case_services.case_triage(
        actor=tier1,
        case=case,
        expected_version=case.version,
        category=Category.PREVENTION,
        urgency=Urgency.NORMAL,
        police_referral=False,
    )
    return case_services.case_answer_at_front_and_close(
        actor=tier1,
        case=case,
        expected_version=case.version,
        answer="架空太郎さんに、ウイルス対策ソフトでの全体スキャンとパスワードの変更を案内した。",
    )


def guidebook() -> dict[str, Term]:
    scheme = Scheme.objects.create(
        code="tokyo_guidebook",
        name="架空のガイドブック",
        source_url="https://guidebook.example.jp/",
        as_of=dt.date(2026, 1, 1),
    )
    m1 = Term.objects.create(scheme=scheme, code="mission1", ref="MISSION1", label="攻撃の知識", order=1)
    m2 = Term.objects.create(scheme=scheme, code="mission2", ref="MISSION2", label="基本の対策", order=2)
    m2_1 = Term.objects.create(scheme=scheme, code="mission2_1", ref="2-1", label="メール", order=1, parent=m2)
    return {"mission1": m1, "mission2": m2, "mission2_1": m2_1}


def fictional_law(*, name: str = "架空の法律", article: str = "第1条", covers: str = "架空の行為") -> LawEntry:
    return LawEntry.objects.create(
        code="fictional-law",
        law_name=name,
        law_short_name="架空法",
        article=article,
        covers=covers,
        penalty_wording="none",
        source_url="https://law.example.jp/",
        as_of=dt.date(2026, 1, 1),
    )
