"""The database replaces a watched table set's change token on every write, by any path (core.snapshots).

The referral directory and the classification terms are kept in memory per process and trusted while their token
is unchanged, so a write the token missed would show stale data on the case screen until a restart.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from madoguchi.core.snapshots import change_token
from madoguchi.referrals.models import EventType, ReferralOrganization, Situation
from madoguchi.taxonomy.models import Scheme, Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(db):
    call_command("load_reference_data", app=["referrals", "taxonomy"], stdout=io.StringIO())


DIRECTORY = "referrals.directory"
TERMS = "taxonomy.terms"


def _situation(code: str = "test_sit") -> Situation:
    return Situation.objects.create(
        code=code, label="テスト用の状況", source_url="https://example.jp/", as_of="2026-01-01", as_of_basis="published"
    )


def _changes(name: str, write) -> None:
    before = change_token(name)
    write()
    after = change_token(name)
    assert after is not None
    assert after != before


def test_orm_create_update_and_delete_replace_the_directory_token():
    _changes(DIRECTORY, _situation)
    _changes(DIRECTORY, lambda: Situation.objects.filter(code="test_sit").update(label="変更後"))
    _changes(DIRECTORY, lambda: Situation.objects.get(code="test_sit").save())
    _changes(DIRECTORY, lambda: Situation.objects.filter(code="test_sit").delete())


def test_raw_sql_replaces_the_directory_token():
    _situation()
    table = connection.ops.quote_name(Situation._meta.db_table)

    def raw() -> None:
        with connection.cursor() as cur:
            cur.execute(f"UPDATE {table} SET label = %s", ["SQLで直接"])  # noqa: S608 - quoted table name

    _changes(DIRECTORY, raw)


def test_every_directory_table_is_watched(shipped):
    situation = _situation()
    org = ReferralOrganization.objects.first() or pytest.fail("the shipped directory is loaded in the test database")
    event = EventType.objects.first() or pytest.fail("the shipped events are loaded")
    _changes(DIRECTORY, lambda: org.situations.add(situation))  # the organisations' situation links
    _changes(DIRECTORY, lambda: event.situations.add(situation))  # the events' situation links
    law_link = event.law_links.first() or pytest.fail("the shipped law links are loaded")
    _changes(DIRECTORY, lambda: type(law_link).objects.filter(pk=law_link.pk).update(condition="条件"))
    _changes(DIRECTORY, lambda: type(law_link.law).objects.filter(pk=law_link.law_id).update(covers="対象"))
    _changes(DIRECTORY, lambda: EventType.objects.filter(pk=event.pk).update(label="事象"))
    _changes(DIRECTORY, lambda: ReferralOrganization.objects.filter(pk=org.pk).update(short_name="略称"))


def test_terms_and_schemes_are_watched_and_do_not_touch_the_directory_token(shipped):
    directory_before = change_token(DIRECTORY)
    scheme = Scheme.objects.first() or pytest.fail("the shipped taxonomies are loaded")
    _changes(TERMS, lambda: Term.objects.create(scheme=scheme, code="test-term", ref="T-1", label="テスト用の分類"))
    _changes(TERMS, lambda: Scheme.objects.filter(pk=scheme.pk).update(name="改名"))
    assert change_token(DIRECTORY) == directory_before


def test_a_rolled_back_change_leaves_the_old_token_and_the_next_change_draws_a_new_one():
    _situation()
    committed = change_token(DIRECTORY)
    seen_inside = None
    with pytest.raises(RuntimeError), transaction.atomic():
        Situation.objects.update(label="取り消される変更")
        seen_inside = change_token(DIRECTORY)
        raise RuntimeError("roll back")
    assert seen_inside not in (None, committed)
    assert change_token(DIRECTORY) == committed
    Situation.objects.update(label="次の変更")
    assert change_token(DIRECTORY) not in (committed, seen_inside)


def test_a_freshly_migrated_database_has_a_token_for_every_watched_set(tmp_path, tmp_path_factory):
    # Without a first token nothing would be kept until the first edit of the directory after a deployment.
    import sqlite3

    from madoguchi.testing.migrated_db import migrated_sqlite

    path = migrated_sqlite(tmp_path / "db.sqlite3", tmp_path_factory)
    with sqlite3.connect(path) as db:
        tokens = dict(db.execute("SELECT name, token FROM core_changetoken").fetchall())
    assert set(tokens) == {DIRECTORY, TERMS}
    assert all(len(token) == 32 for token in tokens.values())
