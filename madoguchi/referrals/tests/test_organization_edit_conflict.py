"""Two staff editing one directory entry: the second save is refused whole, and its author keeps their typing."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from madoguchi.accounts.models import AuditEvent
from madoguchi.core.errors import ConcurrentEditError
from madoguchi.referrals import services
from madoguchi.referrals.models import ReferralOrganization, Situation
from madoguchi.referrals.tests.helpers import organization_form_data

pytestmark = pytest.mark.django_db

CONFLICT = (
    "他の職員がこの紹介先を先に更新しました。入力内容はそのまま残しています。"
    "現在保存されている内容を確認してから、もう一度保存してください。"
)
FIRST_PHONE = "電話 | 03-0000-0001 | 平日 9:00〜17:00\nWeb | https://www.houterasu.or.jp/"


def _url(org: ReferralOrganization) -> str:
    return reverse("referrals:organization_edit", kwargs={"code": org.code})


def _both_open_the_form(client_for, first, second, org: ReferralOrganization) -> dict[str, object]:
    """Both editors load the form; returns what it was loaded with (the same for both)."""
    for user in (first, second):
        page = client_for(user).get(_url(org)).content.decode()
        assert f'name="version" value="{org.version}"' in page
    return organization_form_data(org)


def _second_editor_typing(loaded: dict[str, object]) -> dict[str, object]:
    return {
        **loaded,
        "name": "法テラス（見本の修正・消えてはいけない）",
        "situations": ["legal_question"],
        "notes": "テスト：二人目の職員が入力した備考",
    }


def test_second_save_is_refused_and_nothing_of_it_is_written(client_for, tier2_staff, manager, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    situations_before = sorted(org.situations.values_list("code", flat=True))
    loaded = _both_open_the_form(client_for, tier2_staff, manager, org)

    first = client_for(tier2_staff).post(_url(org), {**loaded, "channels": FIRST_PHONE})
    assert first.status_code == 302
    second = client_for(manager).post(_url(org), _second_editor_typing(loaded))
    assert second.status_code == 400

    org.refresh_from_db()
    assert org.version == 2
    assert org.channels[0]["value"] == "03-0000-0001"  # the first save stands
    assert org.name == "法テラス（日本司法支援センター）"
    assert org.notes == ""
    assert sorted(org.situations.values_list("code", flat=True)) == situations_before
    assert org.edited_by == tier2_staff
    events = AuditEvent.objects.filter(target_type="referrals.ReferralOrganization", target_id=str(org.pk))
    assert [e.actor for e in events] == [tier2_staff]


def test_refused_form_keeps_the_typing_and_explains_next_to_the_form(client_for, tier2_staff, manager, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    loaded = _both_open_the_form(client_for, tier2_staff, manager, org)
    assert client_for(tier2_staff).post(_url(org), {**loaded, "channels": FIRST_PHONE}).status_code == 302

    page = html.unescape(client_for(manager).post(_url(org), _second_editor_typing(loaded)).content.decode())

    start = page.index('<form method="post" novalidate class="card referral-form">')
    form = page[start : page.index("</form>", start)]
    assert f'<p class="error" role="alert">{CONFLICT}</p>' in form
    assert 'value="法テラス（見本の修正・消えてはいけない）"' in form
    assert "テスト：二人目の職員が入力した備考</textarea>" in form
    assert re.search(r'value="legal_question"[^>]*checked', form)  # the one situation left ticked
    assert not re.search(r'value="defamation"[^>]*checked', form)
    # What the first editor saved is shown so the second can decide; the form now carries the current version.
    assert "現在保存されている内容" in form
    assert "03-0000-0001" in form
    assert 'name="version" value="2"' in form


def test_saving_again_after_the_warning_applies_the_edit(client_for, tier2_staff, manager, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    loaded = _both_open_the_form(client_for, tier2_staff, manager, org)
    assert client_for(tier2_staff).post(_url(org), {**loaded, "channels": FIRST_PHONE}).status_code == 302
    typing = _second_editor_typing(loaded)
    assert client_for(manager).post(_url(org), typing).status_code == 400

    # The second editor merges the first editor's phone number and saves deliberately from the re-shown form.
    response = client_for(manager).post(_url(org), {**typing, "channels": FIRST_PHONE, "version": 2})

    assert response.status_code == 302
    org.refresh_from_db()
    assert org.version == 3
    assert org.name == "法テラス（見本の修正・消えてはいけない）"
    assert org.channels[0]["value"] == "03-0000-0001"
    assert org.edited_by == manager


def test_stale_version_is_refused_by_the_service_before_any_write(tier2_staff, manager, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    stale = org.version
    data = {field: getattr(org, field) for field in services.EDITABLE_FIELDS}
    situations = list(org.situations.all())
    services.organization_update(
        actor=tier2_staff,
        organization=org,
        expected_version=stale,
        data={**data, "notes": "先に保存"},
        situations=situations,
    )

    with pytest.raises(ConcurrentEditError):
        services.organization_update(
            actor=manager,
            organization=org,
            expected_version=stale,
            data={**data, "notes": "後から"},
            situations=list(Situation.objects.filter(code="legal_question")),
        )

    org.refresh_from_db()
    assert org.notes == "先に保存"
    assert org.version == stale + 1
    assert sorted(s.code for s in org.situations.all()) == sorted(s.code for s in situations)
    assert AuditEvent.objects.filter(target_type="referrals.ReferralOrganization").count() == 1


def test_edit_without_a_version_is_refused(client_for, tier2_staff, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    response = client_for(tier2_staff).post(_url(org), organization_form_data(org, version=None, notes="版なし"))
    assert response.status_code == 400
    org.refresh_from_db()
    assert org.notes == ""
    assert org.version == 1


def test_tier1_cannot_edit_even_with_the_current_version(client_for, tier1_staff, reference_data):
    org = ReferralOrganization.objects.get(code="houterasu")
    response = client_for(tier1_staff).post(_url(org), organization_form_data(org, short_name="改ざん"))
    assert response.status_code == 403
    org.refresh_from_db()
    assert (org.short_name, org.version) == ("法テラス", 1)
