"""Role x endpoint matrix for the archive pages of one item, one attachment and one inbox entry (the main matrix in
cases/tests/test_role_action_matrix.py lists the archive pages that need no object)."""

import datetime as dt

import pytest
from django.urls import reverse

from madoguchi.accounts.roles import Action, Role
from madoguchi.accounts.testing_refusals import assert_page_follows_the_table
from madoguchi.knowledge import archive_services
from madoguchi.knowledge.archive_services import ArchiveItemData
from madoguchi.knowledge.models import Feed, FeedItem
from madoguchi.knowledge.tests.archive_feed_server import FEEDS
from madoguchi.testing.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"

# (url name, method, action, which object the URL names, status for a role the table allows)
ENDPOINTS = [
    ("knowledge:archive_detail", "get", Action.ARCHIVE_VIEW, "item", 200),
    ("knowledge:archive_edit", "get", Action.ARCHIVE_EDIT, "item", 200),
    ("knowledge:archive_edit", "post", Action.ARCHIVE_EDIT, "item", 400),
    ("knowledge:archive_link_case", "post", Action.ARCHIVE_EDIT, "item", 400),
    ("knowledge:archive_unlink_case", "post", Action.ARCHIVE_EDIT, "linked", 302),
    ("knowledge:archive_link_faq", "post", Action.ARCHIVE_EDIT, "item", 400),
    ("knowledge:archive_attachment_add", "post", Action.ARCHIVE_EDIT, "item", 400),
    ("knowledge:archive_attachment_download", "get", Action.ARCHIVE_VIEW, "attachment", 200),
    ("knowledge:feed_toggle", "post", Action.ARCHIVE_EDIT, "feed", 302),
    ("knowledge:inbox_keep", "get", Action.ARCHIVE_EDIT, "feed_item", 200),
    ("knowledge:inbox_keep", "post", Action.ARCHIVE_EDIT, "feed_item", 400),
    ("knowledge:inbox_dismiss", "post", Action.ARCHIVE_EDIT, "feed_item", 302),
]


@pytest.fixture
def objects(db, second_factor_optional):
    # Received by tier 1 and never dispatched: a case every role may see.
    writer = UserFactory(username="archive-writer", role=Role.BACK)
    case = make_case(actor=UserFactory(username="archive-front", role=Role.FRONT))
    item = archive_services.archive_item_create(
        actor=writer, data=ArchiveItemData(title="架空の記事", collected_on=dt.date(2026, 12, 1))
    )
    archive_services.archive_item_link_case(actor=writer, item=item, case=case)
    attachment = archive_services.archive_attachment_add(actor=writer, item=item, filename="a.pdf", data=PDF)
    feed = Feed.objects.create(url="https://feeds.example.jp/a.xml", title="架空のフィード")
    archive_services.feed_import(feed=feed, data=(FEEDS / "atom.xml").read_bytes())
    return {
        "item": [item.pk],
        "linked": [item.pk, case.reference],
        "attachment": [attachment.pk],
        "feed": [feed.pk],
        "feed_item": [FeedItem.objects.get().pk],
    }


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "method", "action", "target", "allowed_status"), ENDPOINTS)
def test_role_may_use_archive_endpoint_only_if_the_table_says_so(
    client_for, objects, role, name, method, action, target, allowed_status
):
    client = client_for(UserFactory(username=f"user-{role}", role=role))
    url = reverse(name, args=objects[target])
    assert_page_follows_the_table(
        client, role=role, action=action, method=method, url=url, allowed_status=allowed_status
    )


@pytest.mark.parametrize(("name", "method", "action", "target", "allowed_status"), ENDPOINTS)
def test_anonymous_is_sent_to_login(anonymous, objects, name, method, action, target, allowed_status):
    url = reverse(name, args=objects[target])
    response = anonymous.get(url) if method == "get" else anonymous.post(url, {})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
