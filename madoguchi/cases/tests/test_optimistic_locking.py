"""Two staff editing one case: the second save is told, not silently applied."""

import pytest
from django.urls import reverse

from madoguchi.cases import services
from madoguchi.core.errors import ConcurrentEditError
from madoguchi.testing.factories import make_case

pytestmark = pytest.mark.django_db


def test_stale_version_is_refused_by_the_service(tier1_staff, other_tier1_staff):
    case = make_case(actor=tier1_staff)
    stale_version = case.version
    services.case_update_intake(actor=tier1_staff, case=case, expected_version=stale_version, subject="先に保存")
    with pytest.raises(ConcurrentEditError):
        services.case_update_intake(
            actor=other_tier1_staff, case=case, expected_version=stale_version, subject="後から"
        )
    case.refresh_from_db()
    assert case.subject == "先に保存"


def test_second_editor_sees_a_japanese_warning_and_keeps_their_text(client_for, tier1_staff, other_tier1_staff):
    case = make_case(actor=tier1_staff)
    version = case.version
    url = reverse("cases:edit", kwargs={"reference": case.reference})
    form = {
        "edit-version": version,
        "edit-subject": "一人目の修正",
        "edit-body": case.body,
        "edit-prefecture": "東京都",
    }
    assert client_for(tier1_staff).post(url, form).status_code == 302
    second = {**form, "edit-subject": "二人目の修正（消えてはいけない）"}
    response = client_for(other_tier1_staff).post(url, second)
    assert response.status_code == 400
    html = response.content.decode()
    assert "他の職員がこの案件を先に更新しました" in html
    assert "二人目の修正（消えてはいけない）" in html
    case.refresh_from_db()
    assert case.subject == "一人目の修正"


def test_every_edit_is_an_appended_timeline_event(tier1_staff):
    case = make_case(actor=tier1_staff, subject="元の件名")
    services.case_update_intake(actor=tier1_staff, case=case, expected_version=case.version, subject="新しい件名")
    event = case.events.get(kind="edit")
    assert event.data["changes"]["subject"] == {"old": "元の件名", "new": "新しい件名"}
    with pytest.raises(RuntimeError):
        event.text = "改ざん"
        event.save()
