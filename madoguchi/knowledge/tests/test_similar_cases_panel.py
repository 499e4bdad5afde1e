"""The case screen shows the closest past consultations with their category and resolution."""

import pytest

from madoguchi.cases import services
from madoguchi.cases.access import visible_cases
from madoguchi.cases.choices import Category
from madoguchi.knowledge.search import service
from madoguchi.testing.factories import dispatched_case
from madoguchi.testing.pages import similar_panel_html

pytestmark = pytest.mark.django_db


def test_the_closest_past_case_comes_first_with_how_it_was_answered(case_maker, tier1_staff, tier2_staff, client_for):
    close = case_maker(
        "サポート詐欺の警告画面",
        "ブラウザに偽のウイルス警告が出て、表示された電話番号に電話し遠隔操作ソフトを入れてしまった。",
        category=Category.CRIME,
    )
    services.case_answer_at_front_and_close(
        actor=tier1_staff,
        case=close,
        expected_version=close.version,
        answer="ネットワークから切り離し、遠隔操作ソフトを削除するよう案内。警視庁の相談窓口を紹介。",
    )
    case_maker("ウイルス対策ソフトの更新", "ウイルス対策ソフトの更新方法を知りたい。")
    case_maker("ホームページ改ざん", "自社サイトの表示が書き換えられている。")
    new = case_maker(
        "偽のウイルス警告",
        "パソコンに偽のウイルス警告が表示され、電話番号に電話したら遠隔操作ソフトを入れるよう言われた。",
    )

    found = service.similar_entries(
        text=f"{new.subject}\n{new.body}",
        kinds=["case"],
        exclude=("case", new.pk),
        restrict={"case": visible_cases(user=tier2_staff)},
    )
    assert found[0].entry.object_id == close.pk
    assert new.pk not in [s.entry.object_id for s in found]

    html = similar_panel_html(client_for(tier2_staff), new)
    panel = html[html.index('id="similar"') :]
    assert panel.index(close.reference) < panel.index("ウイルス対策ソフトの更新")
    assert "ネットワークから切り離し" in panel
    assert str(Category.CRIME.label) in panel


def test_similar_cases_respect_case_permissions(case_maker, tier1_staff, other_tier1_staff, client_for):
    hidden = dispatched_case(
        tier1=other_tier1_staff,
        subject="偽のウイルス警告",
        body="偽のウイルス警告が表示され電話した。",
        email="b@example.jp",
        phone="03-0000-2222",
    )
    mine = case_maker("偽のウイルス警告が出た", "偽のウイルス警告が表示され電話した。")
    html = similar_panel_html(client_for(tier1_staff), mine)
    assert hidden.reference not in html
    assert "似た相談はまだありません" in html
