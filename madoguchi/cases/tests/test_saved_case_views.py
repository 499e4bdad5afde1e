"""Saved case-list views (「この条件を保存」): per user, optionally shared; never widen what a user may see."""

import pytest
from django.urls import reverse

from madoguchi.cases.choices import Channel
from madoguchi.cases.models import SavedCaseView
from madoguchi.testing.factories import dispatched_case, make_case

pytestmark = pytest.mark.django_db


def _save(client, name, query, shared=False):
    data = {"saved-name": name, "saved-query": query}
    if shared:
        data["saved-shared"] = "on"
    return client.post(reverse("cases:saved_view_create"), data)


def test_save_current_filters_as_a_named_view(client_for, tier1_staff):
    client = client_for(tier1_staff)
    response = _save(client, "Webフォームの新着", "channel=web&sort=-received_at&page=3")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:list") + "?channel=web&sort=-received_at"
    view = SavedCaseView.objects.get()
    assert (view.owner, view.name, view.query, view.shared) == (
        tier1_staff,
        "Webフォームの新着",
        "channel=web&sort=-received_at",
        False,
    )


def test_saved_view_is_a_quick_link_and_applies_its_filters(client_for, tier1_staff):
    web = make_case(actor=tier1_staff, channel=Channel.WEB, subject="フォームからの相談")
    make_case(actor=tier1_staff, channel=Channel.PHONE, subject="電話での相談", email="b@example.jp")
    client = client_for(tier1_staff)
    _save(client, "Web受付", "channel=web")
    view = SavedCaseView.objects.get()
    html = client.get(reverse("cases:list")).content.decode()
    assert f'href="{reverse("cases:saved_view_apply", args=[view.pk])}">Web受付</a>' in html
    response = client.get(reverse("cases:saved_view_apply", args=[view.pk]), follow=True)
    assert [c.reference for c in response.context["page"].object_list] == [web.reference]


def test_empty_or_duplicate_name_is_refused_next_to_the_field(client_for, tier1_staff):
    client = client_for(tier1_staff)
    response = _save(client, "", "channel=web")
    assert response.status_code == 400
    assert "名前を入力してください。" in response.content.decode()
    _save(client, "Web受付", "channel=web")
    response = _save(client, "Web受付", "channel=email")
    assert response.status_code == 400
    assert "同じ名前の条件がすでにあります。" in response.content.decode()
    assert SavedCaseView.objects.count() == 1


def test_owner_renames_shares_and_deletes_a_view(client_for, tier1_staff):
    client = client_for(tier1_staff)
    _save(client, "Web受付", "channel=web")
    view = SavedCaseView.objects.get()
    url = reverse("cases:saved_view_update", args=[view.pk])
    p = f"saved{view.pk}"
    assert client.post(url, {f"{p}-name": "Web受付（新）", f"{p}-shared": "on"}).status_code == 302
    view.refresh_from_db()
    assert (view.name, view.shared, view.query) == ("Web受付（新）", True, "channel=web")
    response = client.post(url, {f"{p}-name": "  "})
    assert response.status_code == 400
    assert "名前を入力してください。" in response.content.decode()
    assert client.post(url, {"delete": "1"}).status_code == 302
    assert not SavedCaseView.objects.exists()


def test_another_users_private_view_is_neither_listed_nor_applicable(client_for, tier1_staff, other_tier1_staff):
    _save(client_for(tier1_staff), "私だけの条件", "channel=web")
    view = SavedCaseView.objects.get()
    other = client_for(other_tier1_staff)
    assert "私だけの条件" not in other.get(reverse("cases:list")).content.decode()
    assert "私だけの条件" not in other.get(reverse("cases:saved_views")).content.decode()
    assert other.get(reverse("cases:saved_view_apply", args=[view.pk])).status_code == 404
    url = reverse("cases:saved_view_update", args=[view.pk])
    assert other.post(url, {"delete": "1"}).status_code == 404
    assert other.post(url, {f"saved{view.pk}-name": "乗っ取り"}).status_code == 404
    view.refresh_from_db()
    assert view.name == "私だけの条件"


def test_shared_view_is_listed_for_others_but_only_its_owner_may_change_it(client_for, tier1_staff, other_tier1_staff):
    _save(client_for(tier1_staff), "共有の条件", "channel=web", shared=True)
    view = SavedCaseView.objects.get()
    other = client_for(other_tier1_staff)
    assert "共有の条件" in other.get(reverse("cases:list")).content.decode()
    assert other.get(reverse("cases:saved_view_apply", args=[view.pk])).status_code == 302
    assert other.post(reverse("cases:saved_view_update", args=[view.pk]), {"delete": "1"}).status_code == 404
    assert SavedCaseView.objects.filter(pk=view.pk).exists()


def test_a_shared_view_never_widens_what_tier1_sees(client_for, tier1_staff, other_tier1_staff, manager):
    # The manager shares "all tier-2 cases, closed included"; tier 1 applying it still sees only its own scope.
    hidden = dispatched_case(tier1=other_tier1_staff, subject="二次対応中の他人の案件")
    _save(client_for(manager), "二次対応の全件", "status=dispatched&include_closed=on", shared=True)
    view = SavedCaseView.objects.get()
    response = client_for(tier1_staff).get(reverse("cases:saved_view_apply", args=[view.pk]), follow=True)
    assert response.status_code == 200
    assert hidden.reference not in [c.reference for c in response.context["page"].object_list]
    assert hidden.reference not in response.content.decode()


def test_a_view_whose_query_no_longer_validates_is_shown_with_errors(client_for, tier1_staff):
    view = SavedCaseView.objects.create(owner=tier1_staff, name="古い条件", query="category=retired_category")
    response = client_for(tier1_staff).get(reverse("cases:saved_view_apply", args=[view.pk]))
    assert response.status_code == 400
    assert response.context["form"].errors["category"]
