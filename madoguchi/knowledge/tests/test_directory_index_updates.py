"""The index follows the directory and the law map: service create/update, reference loads, rebuilds."""

import io

import pytest
from django.core.management import call_command

from madoguchi.knowledge.models import SearchEntry
from madoguchi.knowledge.search import service
from madoguchi.referrals import services as referral_services
from madoguchi.referrals.models import LawEntry, ReferralOrganization

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data(db):
    call_command("load_reference_data", app=["referrals"], stdout=io.StringIO())


def _referral_titles(query):
    return [h.title for h in service.search(query=query, kinds=["referral"], limit=100).hits]


def _data(org, **changes):
    data = {f: getattr(org, f) for f in referral_services.EDITABLE_FIELDS}
    data.update(changes)
    return data


def test_an_edit_of_a_directory_entry_updates_the_index(reference_data, tier2_staff):
    org = ReferralOrganization.objects.get(code="houterasu")
    assert _referral_titles("日本司法支援センター")
    referral_services.organization_update(
        actor=tier2_staff,
        organization=org,
        expected_version=org.version,
        data=_data(org, name="架空司法支援窓口（テスト用）", short_name="架空窓口"),
        situations=list(org.situations.all()),
    )
    assert _referral_titles("架空司法支援窓口") == ["架空司法支援窓口（テスト用）"]
    # The old name is gone from the index (法テラス itself stays in the entry's phone note, so search the long name).
    assert "架空司法支援窓口（テスト用）" not in _referral_titles("日本司法支援センター")


def test_a_new_directory_entry_is_indexed(reference_data, tier2_staff):
    template = ReferralOrganization.objects.get(code="houterasu")
    org = referral_services.organization_create(
        actor=tier2_staff,
        code="fictional_desk",
        data=_data(template, name="架空サイバー相談室", short_name="架空相談室", public=False),
        situations=[],
    )
    hits = service.search(query="架空サイバー相談室", kinds=["referral"]).hits
    assert [(h.object_id, h.url) for h in hits] == [(org.pk, org.get_absolute_url())]


def test_a_forced_reload_puts_the_shipped_name_back_in_the_index(reference_data, tier2_staff):
    org = ReferralOrganization.objects.get(code="houterasu")
    referral_services.organization_update(
        actor=tier2_staff,
        organization=org,
        expected_version=org.version,
        data=_data(org, name="架空の名称"),
        situations=list(org.situations.all()),
    )
    call_command("load_reference_data", app=["referrals"], force=True, stdout=io.StringIO())
    assert "架空の名称" not in _referral_titles("架空の名称")
    assert org.short_name in " ".join(_referral_titles("法テラス"))


def test_rebuild_search_index_rebuilds_every_kind(reference_data, case_maker):
    case_maker("ランサムウェアの相談", "サーバが暗号化された。")
    counts_before = {k: SearchEntry.objects.filter(kind=k).count() for k in ("case", "referral", "law")}
    assert counts_before == {
        "case": 1,
        "referral": ReferralOrganization.objects.count(),
        "law": LawEntry.objects.count(),
    }
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=io.StringIO())
    counts_after = {k: SearchEntry.objects.filter(kind=k).count() for k in ("case", "referral", "law")}
    assert counts_after == counts_before
    assert service.search(query="JPCERT", kinds=["referral"]).hits
