from __future__ import annotations

import pytest

from madoguchi.testing.factories import make_case


@pytest.fixture
def case_maker(tier1_staff):
    """Cases received by tier 1 through the real services, so the after-save hook indexes them."""
    counter = iter(range(1000))

    def make(subject: str, body: str = "詳細は電話で確認した。", **kwargs):
        n = next(counter)
        kwargs.setdefault("actor", tier1_staff)
        kwargs.setdefault("email", f"consulter{n}@example.jp")
        kwargs.setdefault("phone", f"03-0000-{n:04d}")
        kwargs.setdefault("org_name", f"株式会社サンプル{n}")
        return make_case(subject=subject, body=body, **kwargs)

    return make


# --- FAQ ---


@pytest.fixture
def closed_case(tier1_staff):
    """A consultation tier 1 answered at the front and closed; its records name the (fictional) consulter."""
    from madoguchi.cases import services as case_services

    case = make_case(
        actor=tier1_staff,
        subject="架空 太郎です。株式会社サンプル商事でパスワードを使い回していた",
        body="株式会社サンプル商事の架空 太郎です。連絡先は03-0000-0000、taro@sample-shoji.example.jp です。"
        "全部のサービスで同じパスワードを使っていたが、Windows の更新は済んでいる。",
        org_name="株式会社サンプル商事",
        person_name="架空 太郎",
        category="prevention",
    )
    return case_services.case_answer_at_front_and_close(
        actor=tier1_staff,
        case=case,
        expected_version=case.version,
        answer="架空様には、サービスごとに別の長いパスワードにし、多要素認証を有効にするよう案内した。",
    )


@pytest.fixture
def axes(db):
    """The two browse axes with a term each (the real ones come from load_reference_data)."""
    import datetime as dt

    from madoguchi.taxonomy.models import Scheme, Term

    guide = Scheme.objects.create(
        code="tokyo_guidebook", name="都ガイドブック", source_url="https://example.jp/guide", as_of=dt.date(2024, 4, 1)
    )
    kokokara = Scheme.objects.create(
        code="ipa_kokokara",
        name="ここからセキュリティ！",
        source_url="https://example.jp/k",
        as_of=dt.date(2023, 11, 22),
    )
    return {
        "guide": Term.objects.create(scheme=guide, code="mission1_3", ref="1-3", label="パスワードの管理", order=1),
        "kokokara": Term.objects.create(scheme=kokokara, code="accident", label="ウイルスに感染したら", order=1),
    }


@pytest.fixture
def faq_content():
    from madoguchi.knowledge.faq_services import FaqContent

    def make(**overrides):
        values = {
            "title": "パスワードを使い回しているが大丈夫か",
            "questions": ["全部のサービスで同じパスワードを使っています。危ないですか。"],
            "measures": "サービスごとに別の長いパスワードにし、多要素認証を有効にしてください。",
            "keywords": ["パスワード", "多要素認証"],
            "visibility": "public",
        }
        values.update(overrides)
        return FaqContent(**values)

    return make


@pytest.fixture
def published_faq(tier2_staff, manager, faq_content, axes):
    """A public FAQ written by tier 2 and published by the manager."""
    from madoguchi.knowledge import faq_services

    faq = faq_services.faq_create(actor=tier2_staff, content=faq_content(terms=[axes["guide"], axes["kokokara"]]))
    faq = faq_services.faq_transition(actor=tier2_staff, faq=faq, expected_version=faq.version, to="in_review")
    return faq_services.faq_transition(actor=manager, faq=faq, expected_version=faq.version, to="published")
