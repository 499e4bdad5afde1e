"""Small builders for the outreach tests. Every organisation and person here is fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

from madoguchi.outreach import services
from madoguchi.outreach.models import GuidebookEdition, GuidebookRequest, RequestSource

FORM_INPUT = {
    "copies": "５",
    "organization": "株式会社サンプル商事",
    "department": "総務部",
    "person_name": "架空 花子",
    "postal_code": "〒１６３ー８００１",
    "prefecture": "東京都",
    "address": "新宿区西新宿２－８－１",
    "phone": "０３－００００－００００",
    "email": "hanako@sample-shoji.example.jp",
    "purpose": "社内研修で配布するため",
}


def make_edition(*, name: str = "2026年版 ガイドブック", stock: int = 100, threshold: int = 20) -> GuidebookEdition:
    edition, _created = GuidebookEdition.objects.get_or_create(
        name=name, defaults={"published_on": dt.date(2026, 4, 1), "stock": stock, "low_stock_threshold": threshold}
    )
    return edition


def request_data(*, edition: GuidebookEdition, **changes: Any) -> services.RequestData:
    values: dict[str, Any] = {
        "edition": edition,
        "copies": 5,
        "organization": "株式会社サンプル商事",
        "department": "総務部",
        "person_name": "架空 花子",
        "postal_code": "163-8001",
        "prefecture": "東京都",
        "address": "新宿区西新宿2-8-1",
        "phone": "03-0000-0000",
        "email": "hanako@sample-shoji.example.jp",
        "purpose": "社内研修",
    }
    values.update(changes)
    return services.RequestData(**values)


def make_request(*, actor: Any, edition: GuidebookEdition, **changes: Any) -> GuidebookRequest:
    return services.guidebook_request_create(
        actor=actor, source=RequestSource.STAFF, data=request_data(edition=edition, **changes)
    )
