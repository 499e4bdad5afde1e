"""Issue 11: the archive's write services re-check the actor (ARCHIVE_EDIT in roles.PERMISSIONS), write nothing."""

import datetime as dt

import pytest

from madoguchi.accounts.roles import Action
from madoguchi.accounts.testing_refusals import allowed_params, database_rows, refused_params, refused_up_front
from madoguchi.knowledge import archive_services as s
from madoguchi.knowledge.archive_services import ArchiveItemData
from madoguchi.knowledge.models import FaqEntry, Feed, FeedItem
from madoguchi.knowledge.tests.archive_feed_server import FEEDS
from madoguchi.testing.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

REFUSAL = "情報アーカイブを編集する権限がありません。"
PDF = b"%PDF-1.4\n%%EOF\n"


def data(title: str = "権限のない登録", **extra) -> ArchiveItemData:
    return ArchiveItemData(title=title, collected_on=dt.date(2026, 12, 1), summary="要約", **extra)


SERVICES = {
    "archive_item_create": (Action.ARCHIVE_EDIT, lambda a, w: s.archive_item_create(actor=a, data=data())),
    "archive_item_update": (
        Action.ARCHIVE_EDIT,
        lambda a, w: s.archive_item_update(
            actor=a, item=w["item"], expected_version=w["item"].version, data=data("変更")
        ),
    ),
    "archive_item_link_case": (
        Action.ARCHIVE_EDIT,
        lambda a, w: s.archive_item_link_case(actor=a, item=w["item"], case=w["case"]),
    ),
    "archive_item_unlink_case": (
        Action.ARCHIVE_EDIT,
        lambda a, w: s.archive_item_unlink_case(actor=a, item=w["item"], case=w["linked"]),
    ),
    "archive_item_link_target": (
        Action.ARCHIVE_EDIT,
        lambda a, w: s.archive_item_link_target(actor=a, item=w["item"], target_kind="faq", target_id=w["faq"].pk),
    ),
    "archive_attachment_add": (
        Action.ARCHIVE_EDIT,
        lambda a, w: s.archive_attachment_add(actor=a, item=w["item"], filename="a.pdf", data=PDF),
    ),
    "feed_create": (
        Action.ARCHIVE_EDIT,
        lambda a, w: s.feed_create(actor=a, url="https://feeds.example.jp/new.xml", title="新しいフィード"),
    ),
    "feed_set_active": (Action.ARCHIVE_EDIT, lambda a, w: s.feed_set_active(actor=a, feed=w["feed"], active=False)),
    "feed_import": (
        Action.ARCHIVE_EDIT,
        lambda a, w: s.feed_import(feed=w["feed"], actor=a, data=(FEEDS / "atom.xml").read_bytes()),
    ),
    "feed_item_keep": (
        Action.ARCHIVE_EDIT,
        lambda a, w: s.feed_item_keep(actor=a, feed_item=w["feed_item"], data=data("保存")),
    ),
    "feed_item_dismiss": (Action.ARCHIVE_EDIT, lambda a, w: s.feed_item_dismiss(actor=a, feed_item=w["feed_item"])),
}


@pytest.fixture
def world(tier1_staff, tier2_staff):
    item = s.archive_item_create(actor=tier2_staff, data=data("既存の項目"))
    case = make_case(actor=tier1_staff, subject="リンクする相談")
    linked = make_case(actor=tier1_staff, subject="リンク済みの相談")
    s.archive_item_link_case(actor=tier2_staff, item=item, case=linked)
    feed = Feed.objects.create(url="https://feeds.example.jp/a.xml", title="既存のフィード")
    s.feed_import(feed=feed, data=(FEEDS / "rss2.xml").read_bytes())
    faq = FaqEntry.objects.create(title="リンクする質問", questions=["質問"], measures="対策", created_by=tier2_staff)
    return {
        "faq": faq,
        "item": item,
        "case": case,
        "linked": linked,
        "feed": feed,
        "feed_item": FeedItem.objects.first(),
    }


@pytest.mark.parametrize(("name", "role"), refused_params(SERVICES))
def test_every_role_refused_by_the_table_is_refused_by_the_service(name, role, world):
    actor = UserFactory(username=f"refused-{role}", role=role, display_name="権限 確認")
    with refused_up_front(REFUSAL):
        SERVICES[name][1](actor, world)


@pytest.mark.parametrize(("name", "role"), allowed_params(SERVICES))
def test_every_role_the_table_allows_gets_through(name, role, world):
    actor = UserFactory(username=f"allowed-{role}", role=role, display_name="権限 確認")
    before = database_rows()
    SERVICES[name][1](actor, world)
    assert database_rows() != before


def test_the_fetch_command_acts_as_the_system(world):
    # actor=None is the scheduled job: allowed for the import only because the service says system=True.
    assert s.feed_import(feed=world["feed"], data=(FEEDS / "atom.xml").read_bytes()) == 1
