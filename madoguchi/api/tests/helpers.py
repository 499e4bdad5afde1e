"""FAQ entries for the API tests, written and published through the real services. All content is fictional."""

from __future__ import annotations

from typing import Any

from madoguchi.knowledge import faq_services
from madoguchi.knowledge.faq_services import FaqContent
from madoguchi.knowledge.models import FaqEntry
from madoguchi.testing.factories import UserFactory


def faq(
    *, author: Any, title: str = "パスワードを使い回しているが大丈夫か", to: str = "published", **changes: Any
) -> FaqEntry:
    values: dict[str, Any] = {
        "title": title,
        "questions": ["全部のサービスで同じパスワードを使っています。危ないですか。"],
        "measures": "サービスごとに別の長いパスワードにし、多要素認証を有効にしてください。",
        "read_more": [{"label": "架空の解説ページ", "url": "https://www.example.jp/password"}],
        "visibility": "public",
    }
    values.update(changes)
    entry = faq_services.faq_create(actor=author, content=FaqContent(**values))
    if to == "draft":
        return entry
    entry = faq_services.faq_transition(actor=author, faq=entry, expected_version=entry.version, to="in_review")
    reviewer = UserFactory(username=f"faq-reviewer-{entry.pk}", role="manager")
    return faq_services.faq_transition(actor=reviewer, faq=entry, expected_version=entry.version, to="published")
